package dev.bulwark.authz;

/**
 * Ready-made policies (tested cell by cell). Hosts copy them as a starting point or use them as they are.
 */
public final class Presets {

    private Presets() {
    }

    /**
     * The four-role org matrix over API keys, schedules, members and tests (resources {@code api_keys},
     * {@code schedules}, {@code members}, {@code tests}; actions {@code view}, {@code create}, {@code edit},
     * {@code delete}, {@code run}):
     * <ul>
     *   <li>{@code viewer} (level 10): {@code *.view} on the four resources;</li>
     *   <li>{@code member} (20, inherits viewer): {@code schedules.run}, {@code schedules.edit}, {@code tests.run},
     *       {@code tests.edit} (API keys and members: view only);</li>
     *   <li>{@code admin} (30, inherits member): every action on the four resources (that an Admin cannot
     *       change another Admin is a {@link RoleChangeRules} rule);</li>
     *   <li>{@code owner} (40, inherits admin): {@code *.*}.</li>
     * </ul>
     * Use with {@code RoleChangeRules.builder(policy).ownerRole("owner")}.
     *
     * @return the policy (no memberships)
     */
    public static Policy orgMatrix() {
        return Policy.builder()
                .role(Role.builder("viewer").level(10)
                        .grants("api_keys.view", "schedules.view", "members.view", "tests.view").build())
                .role(Role.builder("member").level(20).inherits("viewer")
                        .grants("schedules.run", "schedules.edit", "tests.run", "tests.edit").build())
                .role(Role.builder("admin").level(30).inherits("member")
                        .grants("api_keys.*", "schedules.*", "members.*", "tests.*").build())
                .role(Role.builder("owner").level(40).inherits("admin").grants("*.*").build())
                .build();
    }

    /**
     * The six-level ladder: {@code super_admin} 100, {@code admin} 80, {@code manager} 60, {@code user} 40,
     * {@code learner} 30, {@code viewer} 20, each inheriting the one below:
     * <ul>
     *   <li>{@code viewer}: {@code content.view};</li>
     *   <li>{@code learner}: {@code content.complete}, {@code progress.view:own}, {@code progress.edit:own};</li>
     *   <li>{@code user}: {@code content.create}, {@code content.edit:own}, {@code comments.*};</li>
     *   <li>{@code manager}: {@code content.edit}, {@code progress.view}, {@code reports.view},
     *       {@code members.view}, {@code members.edit};</li>
     *   <li>{@code admin}: {@code content.*}, {@code members.*}, {@code reports.*}, {@code settings.view};</li>
     *   <li>{@code super_admin}: {@code *.*}.</li>
     * </ul>
     * Use with {@code RoleChangeRules.builder(policy).ownerRole("super_admin")}.
     *
     * @return the policy (no memberships)
     */
    public static Policy ladder() {
        return Policy.builder()
                .role(Role.builder("viewer").level(20).grants("content.view").build())
                .role(Role.builder("learner").level(30).inherits("viewer")
                        .grants("content.complete", "progress.view:own", "progress.edit:own").build())
                .role(Role.builder("user").level(40).inherits("learner")
                        .grants("content.create", "content.edit:own", "comments.*").build())
                .role(Role.builder("manager").level(60).inherits("user")
                        .grants("content.edit", "progress.view", "reports.view", "members.view", "members.edit").build())
                .role(Role.builder("admin").level(80).inherits("manager")
                        .grants("content.*", "members.*", "reports.*", "settings.view").build())
                .role(Role.builder("super_admin").level(100).inherits("admin").grants("*.*").build())
                .build();
    }
}
