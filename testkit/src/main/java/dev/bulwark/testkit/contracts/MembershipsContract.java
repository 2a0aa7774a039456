package dev.bulwark.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.authz.Membership;
import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.core.RandomTokens;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Memberships} implementation must have. Extend it, implement {@link #memberships()}
 * and {@link #grant}/{@link #personal}, which set data up through the implementation's own write API.
 */
public abstract class MembershipsContract {

    /** {@return the implementation under test} */
    protected abstract Memberships memberships();

    /**
     * Grants a role (creating the org).
     *
     * @param user the user
     * @param org the org
     * @param role the role
     */
    protected abstract void grant(String user, String org, String role);

    /**
     * Makes {@code org} the user's personal org.
     *
     * @param user the user
     * @param org the org
     */
    protected abstract void personal(String user, String org);

    private static String id(String prefix) {
        return prefix + RandomTokens.hex(16);
    }

    @Test
    void rolesOf_isPerUserAndOrg_andEmptyForStrangers() {
        String org = id("org-");
        String other = id("org-");
        String alice = id("u-");
        grant(alice, org, "admin");
        grant(alice, org, "member");
        grant(alice, other, "viewer");
        assertThat(memberships().rolesOf(alice, org)).containsExactlyInAnyOrder("admin", "member");
        assertThat(memberships().rolesOf(alice, other)).containsExactly("viewer");
        assertThat(memberships().rolesOf(id("u-"), org)).isEmpty();
        assertThat(memberships().rolesOf(null, org)).isEmpty();
    }

    @Test
    void rolesOf_listsRolesInGrantOrder_unmodifiable_caseSensitive() {
        String org = id("org-");
        String carol = id("u-");
        grant(carol, org, "member");
        grant(carol, org, "billing");
        grant(carol, org, "admin");
        java.util.List<String> roles = memberships().rolesOf(carol, org);
        assertThat(roles).containsExactly("member", "billing", "admin");
        assertThatThrownBy(() -> roles.add("owner"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(memberships().rolesOf(carol.toUpperCase(java.util.Locale.ROOT), org)).isEmpty();
    }

    @Test
    void orgExists_onlyForCreatedOrgs() {
        String org = id("org-");
        grant(id("u-"), org, "owner");
        assertThat(memberships().orgExists(org)).isTrue();
        assertThat(memberships().orgExists(id("org-"))).isFalse();
        assertThat(memberships().orgExists(null)).isFalse();
    }

    @Test
    void personalOrg_isRecordedPerUser() {
        String bob = id("u-");
        String org = id("personal-");
        assertThat(memberships().personalOrgOf(bob)).isEmpty();
        personal(bob, org);
        grant(bob, org, "owner");
        assertThat(memberships().personalOrgOf(bob)).contains(org);
        assertThat(memberships().orgExists(org)).isTrue();
    }

    @Test
    void membersOf_listsEveryRoleOfEveryMember() {
        String org = id("org-");
        String a = id("u-");
        String b = id("u-");
        grant(a, org, "owner");
        grant(b, org, "viewer");
        assertThat(memberships().membersOf(org)).containsExactlyInAnyOrder(new Membership(a, org, "owner"),
                new Membership(b, org, "viewer"));
        assertThat(memberships().membersOf(id("org-"))).isEmpty();
    }
}
