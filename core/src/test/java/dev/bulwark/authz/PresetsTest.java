package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both preset matrices, cell by cell: every role × every resource × every action. */
class PresetsTest {

    private static final List<String> ACTIONS = List.of("view", "create", "edit", "delete", "run");
    private static final List<String> RESOURCES = List.of("api_keys", "schedules", "members", "tests");

    /** Expected org matrix: role -> resource -> allowed actions ("*" = all). */
    private static final Map<String, Map<String, String>> ORG_MATRIX = Map.of(
            "owner", Map.of("api_keys", "*", "schedules", "*", "members", "*", "tests", "*"),
            "admin", Map.of("api_keys", "*", "schedules", "*", "members", "*", "tests", "*"),
            "member", Map.of("api_keys", "view", "schedules", "view run edit", "members", "view",
                    "tests", "view run edit"),
            "viewer", Map.of("api_keys", "view", "schedules", "view", "members", "view", "tests", "view"));

    private static boolean allowed(Policy p, String role, String perm, String owner) {
        return p.decide("u", "o", List.of(role), Permission.parseRequest(perm),
                owner == null ? null : Resource.ownedBy(owner)).allowed();
    }

    @Test
    void orgMatrix_everyCell() {
        Policy p = Presets.orgMatrix();
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (var role : ORG_MATRIX.entrySet()) {
            for (String res : RESOURCES) {
                String allowedActions = role.getValue().get(res);
                for (String act : ACTIONS) {
                    boolean expected = allowedActions.equals("*") || List.of(allowedActions.split(" ")).contains(act);
                    cells++;
                    if (allowed(p, role.getKey(), res + "." + act, null) != expected) {
                        mismatches.add(role.getKey() + " " + res + "." + act + " expected " + expected);
                    }
                }
            }
        }
        assertThat(cells).isEqualTo(4 * 4 * 5);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void orgMatrix_onlyOwnerHasPowersOutsideTheMatrix() {
        Policy p = Presets.orgMatrix();
        assertThat(allowed(p, "owner", "org.delete", null)).isTrue();
        assertThat(allowed(p, "owner", "ownership.transfer", null)).isTrue();
        for (String r : List.of("admin", "member", "viewer")) {
            assertThat(allowed(p, r, "org.delete", null)).as(r).isFalse();
            assertThat(allowed(p, r, "billing.view", null)).as(r).isFalse();
        }
        assertThat(p.role("owner").orElseThrow().level()).isGreaterThan(p.role("admin").orElseThrow().level());
        assertThat(p.role("admin").orElseThrow().level()).isGreaterThan(p.role("member").orElseThrow().level());
        assertThat(p.role("member").orElseThrow().level()).isGreaterThan(p.role("viewer").orElseThrow().level());
    }

    /** Expected ladder: role -> permission -> expected for (no owner, owner = user, owner = other). */
    @Test
    void ladder_levels() {
        Policy p = Presets.ladder();
        assertThat(p.roles()).extracting(Role::name, Role::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple("viewer", 20), org.assertj.core.groups.Tuple.tuple("learner", 30),
                org.assertj.core.groups.Tuple.tuple("user", 40), org.assertj.core.groups.Tuple.tuple("manager", 60),
                org.assertj.core.groups.Tuple.tuple("admin", 80), org.assertj.core.groups.Tuple.tuple("super_admin", 100));
    }

    @Test
    void ladder_everyCell() {
        Policy p = Presets.ladder();
        List<String> roles = List.of("viewer", "learner", "user", "manager", "admin", "super_admin");
        // permission -> index of the lowest role allowed unscoped; -1 never (except super_admin via *.*)
        // and the lowest role allowed on own resources
        String[][] table = {
            // permission,          lowest (any owner), lowest (own resource)
            {"content.view", "viewer", "viewer"},
            {"content.complete", "learner", "learner"},
            {"progress.view", "manager", "learner"},
            {"progress.edit", "super_admin", "learner"},
            {"content.create", "user", "user"},
            {"content.edit", "manager", "user"},
            {"content.delete", "admin", "admin"},
            {"comments.post", "user", "user"},
            {"comments.delete", "user", "user"},
            {"reports.view", "manager", "manager"},
            {"reports.export", "admin", "admin"},
            {"members.view", "manager", "manager"},
            {"members.edit", "manager", "manager"},
            {"members.delete", "admin", "admin"},
            {"settings.view", "admin", "admin"},
            {"settings.edit", "super_admin", "super_admin"},
            {"billing.view", "super_admin", "super_admin"},
        };
        List<String> mismatches = new ArrayList<>();
        for (String[] row : table) {
            int anyFrom = roles.indexOf(row[1]);
            int ownFrom = roles.indexOf(row[2]);
            for (int i = 0; i < roles.size(); i++) {
                boolean expAny = i >= anyFrom;
                boolean expOwn = i >= ownFrom;
                if (allowed(p, roles.get(i), row[0], "other") != expAny) {
                    mismatches.add(roles.get(i) + " " + row[0] + " (other's) expected " + expAny);
                }
                if (allowed(p, roles.get(i), row[0], null) != expAny) {
                    mismatches.add(roles.get(i) + " " + row[0] + " (no owner) expected " + expAny);
                }
                if (allowed(p, roles.get(i), row[0], "u") != expOwn) {
                    mismatches.add(roles.get(i) + " " + row[0] + " (own) expected " + expOwn);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void ladder_higherLevelNeverHasFewerPermissions() {
        Policy p = Presets.ladder();
        List<Role> roles = p.roles();
        for (int i = 1; i < roles.size(); i++) {
            for (Permission g : p.effectiveGrants(roles.get(i - 1).name())) {
                assertThat(p.effectiveGrants(roles.get(i).name())).as(roles.get(i).name()).contains(g);
            }
        }
    }

    @Test
    void ladder_learnerCannotSeeOthersProgress_notOwnerReason() {
        Decision d = Presets.ladder().decide("u", "o", List.of("learner"), Permission.parseRequest("progress.view"),
                Resource.ownedBy("v"));
        assertThat(d).isEqualTo(new Decision(false, AuthzReason.NOT_OWNER, "learner", "progress.view:own"));
    }
}
