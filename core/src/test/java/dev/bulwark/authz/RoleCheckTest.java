package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleCheckTest {

    private final Policy policy = Policy.builder()
            .role(Role.builder("viewer").level(20).grants("projects.read", "activity.read:own").build())
            .role(Role.builder("member").level(40).grants("projects.write").inherits("viewer").build())
            .role(Role.builder("admin").level(80).grants("projects.*", "members.*").denies("billing.*")
                    .inherits("member").build())
            .build();

    @Test
    void decide_namesTheRoleAndGrant_orTheReason() {
        RoleCheck member = policy.roleCheck("member");
        Decision read = member.decide(Permission.parseRequest("projects.read"));
        assertThat(read.allowed()).isTrue();
        assertThat(read.role()).isEqualTo("member");
        assertThat(read.grant()).isEqualTo("projects.read");
        Decision billing = policy.roleCheck("admin").decide(Permission.parseRequest("billing.read"));
        assertThat(billing.allowed()).isFalse();
        assertThat(billing.reason()).isEqualTo(AuthzReason.EXPLICIT_DENY);
        Decision none = member.decide(Permission.parseRequest("members.invite"));
        assertThat(none.reason()).isEqualTo(AuthzReason.NO_GRANT);
        assertThat(none.role()).isEqualTo("member");
        // no resource: an :own grant does not apply
        assertThat(member.implies(Permission.parseRequest("activity.read"))).isFalse();
        assertThat(policy.roleCheck("admin").implies(Permission.parseRequest("projects.delete"))).isTrue();
    }

    @Test
    void undefinedRole_deniesEverything_likeDecide() {
        RoleCheck ghost = policy.roleCheck("ghost");
        Permission p = Permission.parseRequest("projects.read");
        assertThat(ghost.implies(p)).isFalse();
        assertThat(ghost.decide(p)).isEqualTo(policy.decide("", "", List.of("ghost"), p, null));
        assertThat(ghost.toString()).contains("ghost", "not defined");
    }

    @Test
    void nonPlainRequest_andNull_areRefused() {
        RoleCheck member = policy.roleCheck("member");
        assertThatThrownBy(() -> member.decide(Permission.parse("projects.*")))
                .isInstanceOf(InvalidPermissionException.class);
        assertThatThrownBy(() -> member.decide(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> policy.roleCheck(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void onePermission_usedWithTwoPolicies_getsEachPolicysAnswer() {
        Policy other = Policy.builder().role(Role.builder("member").level(1).grants("members.invite").build()).build();
        Permission invite = Permission.parseRequest("members.invite");
        for (int i = 0; i < 3; i++) {
            assertThat(policy.roleCheck("member").implies(invite)).isFalse();
            assertThat(other.roleCheck("member").implies(invite)).isTrue();
        }
    }
}
