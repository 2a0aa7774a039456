package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.authz.spi.Memberships;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Memberships} implementation passes (shipped in core's test-jar: a JDBC or Redis
 * implementation extends this class and implements {@link #withData}).
 */
public abstract class MembershipsContract {

    /**
     * @param memberships (user, org, role) triples, in grant order
     * @param personalOrgs user -> personal org (each also an existing org)
     * @param emptyOrgs orgs that exist without members
     * @return a store holding exactly that data
     */
    protected abstract Memberships withData(List<Membership> memberships, Map<String, String> personalOrgs,
            Set<String> emptyOrgs);

    private Memberships sample() {
        return withData(List.of(
                        new Membership("alice", "acme", "member"),
                        new Membership("alice", "acme", "billing"),
                        new Membership("bob", "acme", "owner"),
                        new Membership("alice", "alice-home", "owner")),
                Map.of("alice", "alice-home"), Set.of("globex"));
    }

    @Test
    void rolesOf_inGrantOrder_emptyWhenNotMember() {
        Memberships m = sample();
        assertThat(m.rolesOf("alice", "acme")).containsExactly("member", "billing");
        assertThat(m.rolesOf("bob", "acme")).containsExactly("owner");
        assertThat(m.rolesOf("bob", "alice-home")).isEmpty();
        assertThat(m.rolesOf("alice", "globex")).isEmpty();
        assertThat(m.rolesOf("alice", "nowhere")).isEmpty();
        assertThat(m.rolesOf("ALICE", "acme")).as("ids are case-sensitive").isEmpty();
    }

    @Test
    void rolesOf_isUnmodifiable() {
        List<String> roles = sample().rolesOf("alice", "acme");
        assertThatThrownBy(() -> roles.add("admin")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void orgExists_forOrgsWithMembers_personalOrgs_andEmptyOrgs() {
        Memberships m = sample();
        assertThat(m.orgExists("acme")).isTrue();
        assertThat(m.orgExists("alice-home")).isTrue();
        assertThat(m.orgExists("globex")).isTrue();
        assertThat(m.orgExists("initech")).isFalse();
    }

    @Test
    void personalOrgOf() {
        Memberships m = sample();
        assertThat(m.personalOrgOf("alice")).contains("alice-home");
        assertThat(m.personalOrgOf("bob")).isEmpty();
    }

    @Test
    void membersOf_everyMembershipOfTheOrg() {
        Memberships m = sample();
        assertThat(m.membersOf("acme")).containsExactlyInAnyOrder(new Membership("alice", "acme", "member"),
                new Membership("alice", "acme", "billing"), new Membership("bob", "acme", "owner"));
        assertThat(m.membersOf("globex")).isEmpty();
        assertThat(m.membersOf("initech")).isEmpty();
    }
}
