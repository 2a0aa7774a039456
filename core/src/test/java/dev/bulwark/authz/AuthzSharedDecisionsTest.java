package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The single-role fast path of {@link Policy#decide}: decisions are shared, pre-built instances (no per-call
 * data), yet each carries the right reason, role and grant; a {@link Permission} reused across policies (it
 * memoises its lookup in the last policy) is decided by each policy's own rules; and the fast path agrees
 * exactly (allowed, reason, role, grant) with the general evaluation.
 */
class AuthzSharedDecisionsTest {

    private static final Policy POLICY = Policy.builder()
            .role(Role.builder("base").level(1).grants("docs.read", "docs.list", "activity.read:own").build())
            .role(Role.builder("editor").level(2).grants("docs.write").denies("docs.delete").inherits("base").build())
            .role(Role.builder("lead").level(3).grants("docs.*").inherits("editor").build())
            .build();

    private static Decision decide(String role, String permission, Resource resource) {
        return POLICY.decide("u1", "o1", List.of(role), Permission.parseRequest(permission), resource);
    }

    @Test
    void denial_isTheRolesSharedNoGrant_namingTheRole() {
        Decision a = decide("editor", "billing.read", null);
        Decision b = decide("editor", "projects.write", null);
        assertThat(a).isEqualTo(new Decision(false, AuthzReason.NO_GRANT, "editor", null));
        assertThat(b).isSameAs(a);
        // another role's denial names that role, not the first one seen
        assertThat(decide("base", "billing.read", null))
                .isEqualTo(new Decision(false, AuthzReason.NO_GRANT, "base", null))
                .isNotSameAs(a);
    }

    @Test
    void denial_forARequestAnotherRoleHolds_stillNamesTheUsersRole() {
        // docs.write is an exact entry of editor (and lead), not of base
        assertThat(decide("base", "docs.write", null))
                .isEqualTo(new Decision(false, AuthzReason.NO_GRANT, "base", null));
    }

    @Test
    void allowed_isShared_andNamesTheHeldRoleAndTheInheritedEntry() {
        Decision a = decide("editor", "docs.read", null);
        assertThat(a).isEqualTo(new Decision(true, null, "editor", "docs.read"));
        assertThat(decide("editor", "docs.read", null)).isSameAs(a);
        // the exact inherited entry is more specific than lead's own docs.*
        assertThat(decide("lead", "docs.read", null)).isEqualTo(new Decision(true, null, "lead", "docs.read"));
        assertThat(decide("lead", "docs.archive", null)).isEqualTo(new Decision(true, null, "lead", "docs.*"));
    }

    @Test
    void explicitDeny_overridesAGrantOfTheSameRole() {
        assertThat(decide("editor", "docs.delete", null))
                .isEqualTo(new Decision(false, AuthzReason.EXPLICIT_DENY, "editor", "docs.delete"));
        // lead inherits the deny: it wins over lead's own docs.*
        assertThat(decide("lead", "docs.delete", null))
                .isEqualTo(new Decision(false, AuthzReason.EXPLICIT_DENY, "lead", "docs.delete"));
    }

    @Test
    void ownScope_dependsOnTheResourceOwner_notOnAnEarlierCall() {
        Decision own = decide("editor", "activity.read", Resource.of("o1", "u1"));
        Decision other = decide("editor", "activity.read", Resource.of("o1", "u2"));
        Decision none = decide("editor", "activity.read", null);
        assertThat(own).isEqualTo(new Decision(true, null, "editor", "activity.read:own"));
        assertThat(other).isEqualTo(new Decision(false, AuthzReason.NOT_OWNER, "editor", "activity.read:own"));
        assertThat(none).isSameAs(other);
        assertThat(decide("editor", "activity.read", Resource.of("o1", "u1"))).isSameAs(own);
    }

    @Test
    void orgMismatchAndNotAMember_areTheSharedConstants() {
        assertThat(decide("editor", "docs.read", Resource.of("o2", "u1"))).isSameAs(Decision.ORG_MISMATCH);
        assertThat(POLICY.decide("u1", "o1", List.of(), Permission.parseRequest("docs.read"), null))
                .isSameAs(Decision.NOT_A_MEMBER);
    }

    @Test
    void undefinedRole_grantsNothing_andIsNamed() {
        assertThat(decide("ghost", "docs.read", null))
                .isEqualTo(new Decision(false, AuthzReason.NO_GRANT, "ghost", null));
    }

    @Test
    void onePermissionInstance_usedWithTwoPolicies_isDecidedByEachPolicy() {
        // each policy numbers its one exact request text 0: a memo taken for the wrong policy would decide
        // docs.read by reports.read
        Policy docs = Policy.builder().role(Role.builder("editor").level(2).grants("docs.read").build()).build();
        Policy reports = Policy.builder().role(Role.builder("editor").level(2).grants("reports.read").build())
                .build();
        Permission docsRead = Permission.parseRequest("docs.read");
        for (int i = 0; i < 3; i++) {
            assertThat(docs.decide("u1", "o1", List.of("editor"), docsRead, null))
                    .isEqualTo(new Decision(true, null, "editor", "docs.read"));
            assertThat(reports.decide("u1", "o1", List.of("editor"), docsRead, null))
                    .isEqualTo(new Decision(false, AuthzReason.NO_GRANT, "editor", null));
        }
    }

    /**
     * Differential: a user holding one role (fast path: pre-computed decisions) and the same user holding that
     * role plus an undefined one (general evaluation; undefined roles grant nothing) get equal decisions. The
     * same Permission instance is first decided by an unrelated policy, so a memo kept for the wrong policy
     * would show.
     */
    @Property(tries = 500)
    void singleRoleFastPath_equalsGeneralEvaluation(@ForAll("policies") AuthzPropertiesTest.PolicySpec spec,
            @ForAll("requests") AuthzPropertiesTest.Request q) {
        Policy policy = spec.build();
        Policy unrelated = Policy.builder().role(Role.builder("r0").level(0).grants("*.*").denies("a.x").build())
                .build();
        Permission p = Permission.parseRequest(q.permission());
        Resource r = q.owner() == null && q.resourceOrg() == null ? null : Resource.of(q.resourceOrg(), q.owner());
        for (int i = 0; i < spec.roles().size(); i++) {
            String role = "r" + i;
            unrelated.decide(q.user(), q.org(), List.of(role), p, r);
            Decision fast = policy.decide(q.user(), q.org(), List.of(role), p, r);
            Decision general = policy.decide(q.user(), q.org(), List.of(role, "undefined"), p, r);
            assertThat(fast).as("role %s, %s, %s", role, spec, q).isEqualTo(general);
            assertThat(policy.decide(q.user(), q.org(), List.of(role), p, r)).isSameAs(fast);
        }
    }

    /** The resolved check gives exactly what {@link Policy#decide} gives for the role held alone. */
    @Property(tries = 500)
    void equalsDecide_forEveryRoleAndRequest(@ForAll("policies") AuthzPropertiesTest.PolicySpec spec,
            @ForAll("requests") AuthzPropertiesTest.Request q) {
        Policy p = spec.build();
        Permission request = Permission.parseRequest(q.permission());
        for (int i = 0; i <= spec.roles().size(); i++) {
            String role = "r" + i; // the last one is not defined
            Decision expected = p.decide(q.user(), q.org(), List.of(role), request, null);
            assertThat(p.roleCheck(role).decide(request)).as("role %s, %s, %s", role, spec, q).isEqualTo(expected);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<AuthzPropertiesTest.PolicySpec> policies() {
        return new AuthzPropertiesTest().policies();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<AuthzPropertiesTest.Request> requests() {
        return new AuthzPropertiesTest().requests();
    }
}
