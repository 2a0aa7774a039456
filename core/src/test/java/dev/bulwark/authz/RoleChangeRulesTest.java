package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleChangeRulesTest {

    private final Policy matrix = Presets.orgMatrix();
    private final RoleChangeRules rules = RoleChangeRules.builder(matrix).ownerRole("owner").build();
    private final InMemoryMemberships store = InMemoryMemberships.create()
            .add("olivia", "o", "owner")
            .add("adam", "o", "admin").add("alex", "o", "admin")
            .add("mia", "o", "member").add("max", "o", "member")
            .add("vic", "o", "viewer")
            .add("stranger", "other", "owner");

    @ParameterizedTest(name = "{0} sets {1} to {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
        // actor, target, new role, expected reason (- = allowed)
        "olivia, adam, member, -",
        "olivia, adam, viewer, -",
        "olivia, mia, admin, -",
        "olivia, newbie, member, -",
        "olivia, mia, owner, OWNER_PROTECTED",
        "olivia, olivia, admin, OWNER_PROTECTED",
        "adam, mia, admin, -",
        "adam, mia, viewer, -",
        "adam, vic, member, -",
        "adam, newbie, admin, -",
        "adam, alex, member, TARGET_AT_OR_ABOVE_OWN_LEVEL",
        "adam, alex, viewer, TARGET_AT_OR_ABOVE_OWN_LEVEL",
        "adam, olivia, admin, OWNER_PROTECTED",
        "adam, mia, owner, OWNER_PROTECTED",
        "adam, adam, member, -",
        "mia, vic, member, MANAGE_NOT_PERMITTED",
        "mia, max, viewer, MANAGE_NOT_PERMITTED",
        "vic, vic, admin, MANAGE_NOT_PERMITTED",
        "stranger, mia, viewer, NOT_A_MEMBER",
        "olivia, mia, ghost, UNKNOWN_ROLE"
    })
    void assign_table(String actor, String target, String role, AuthzReason expected) {
        RoleChangeDecision d = rules.assign(actor, "o", target, role, store);
        assertThat(d.reason()).as(d.message()).isEqualTo(expected);
        assertThat(d.allowed()).isEqualTo(expected == null);
    }

    @ParameterizedTest(name = "{0} removes {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "olivia, adam, -",
        "olivia, mia, -",
        "adam, mia, -",
        "adam, vic, -",
        "adam, alex, TARGET_AT_OR_ABOVE_OWN_LEVEL",
        "adam, olivia, OWNER_PROTECTED",
        "mia, vic, MANAGE_NOT_PERMITTED",
        "mia, mia, -",
        "adam, adam, -",
        "olivia, olivia, LAST_OWNER",
        "olivia, nobody, NOT_A_MEMBER",
        "stranger, mia, NOT_A_MEMBER"
    })
    void remove_table(String actor, String target, AuthzReason expected) {
        RoleChangeDecision d = rules.remove(actor, "o", target, store);
        assertThat(d.reason()).as(d.message()).isEqualTo(expected);
    }

    @Test
    void ownerCanLeave_whenAnotherOwnerExists() {
        store.add("otto", "o", "owner");
        assertThat(rules.remove("olivia", "o", "olivia", store).allowed()).isTrue();
        assertThat(rules.remove("olivia", "o", "otto", store).reason()).isEqualTo(AuthzReason.OWNER_PROTECTED);
    }

    @Test
    void transferOwnership_onlyByOwner_toAMember() {
        assertThat(rules.transferOwnership("olivia", "o", "adam", store).allowed()).isTrue();
        assertThat(rules.transferOwnership("adam", "o", "adam", store).reason()).isEqualTo(AuthzReason.NOT_AN_OWNER);
        assertThat(rules.transferOwnership("olivia", "o", "nobody", store).reason())
                .isEqualTo(AuthzReason.NOT_A_MEMBER);
        assertThat(rules.transferOwnership("stranger", "o", "adam", store).reason())
                .isEqualTo(AuthzReason.NOT_A_MEMBER);
        // applying a transfer, then the old owner can be changed by the new one
        store.add("adam", "o", "owner");
        store.setRole("olivia", "o", "admin");
        assertThat(rules.assign("adam", "o", "olivia", "member", store).allowed()).isTrue();
    }

    @Test
    void ladder_nobodyGrantsAboveOwnLevel() {
        Policy ladder = Presets.ladder();
        RoleChangeRules lr = RoleChangeRules.builder(ladder).ownerRole("super_admin").build();
        InMemoryMemberships m = InMemoryMemberships.create().add("sa", "o", "super_admin").add("ad", "o", "admin")
                .add("mg", "o", "manager").add("us", "o", "user").add("le", "o", "learner");
        assertThat(lr.assign("mg", "o", "le", "user", m).allowed()).isTrue();
        assertThat(lr.assign("mg", "o", "le", "manager", m).allowed()).isTrue();
        assertThat(lr.assign("mg", "o", "le", "admin", m).reason()).isEqualTo(AuthzReason.ROLE_ABOVE_OWN_LEVEL);
        assertThat(lr.assign("ad", "o", "mg", "admin", m).allowed()).isTrue();
        assertThat(lr.assign("ad", "o", "us", "super_admin", m).reason()).isEqualTo(AuthzReason.OWNER_PROTECTED);
        assertThat(lr.assign("mg", "o", "ad", "viewer", m).reason())
                .isEqualTo(AuthzReason.TARGET_AT_OR_ABOVE_OWN_LEVEL);
        assertThat(lr.assign("us", "o", "le", "viewer", m).reason()).isEqualTo(AuthzReason.MANAGE_NOT_PERMITTED);
        assertThat(lr.assign("sa", "o", "ad", "viewer", m).allowed()).isTrue();
    }

    @Test
    void orThrow_raisesTypedException() {
        assertThatThrownBy(() -> rules.assign("adam", "o", "alex", "viewer", store).orThrow())
                .isInstanceOf(RoleChangeDeniedException.class)
                .satisfies(e -> assertThat(((RoleChangeDeniedException) e).reason())
                        .isEqualTo(AuthzReason.TARGET_AT_OR_ABOVE_OWN_LEVEL));
        assertThat(rules.assign("olivia", "o", "alex", "viewer", store).orThrow().allowed()).isTrue();
    }

    @Test
    void build_validatesOwnerRoleAndPermission() {
        assertThatThrownBy(() -> RoleChangeRules.builder(matrix).ownerRole("king").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("king");
        assertThatThrownBy(() -> RoleChangeRules.builder(matrix).managePermission("members.*").build())
                .isInstanceOf(ConfigurationException.class);
        RoleChangeRules noOwner = RoleChangeRules.builder(matrix).build();
        assertThat(noOwner.transferOwnership("olivia", "o", "adam", store).reason())
                .isEqualTo(AuthzReason.NOT_AN_OWNER);
    }
}
