package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random policies and random requests against a slow, obviously-correct reference evaluator written from the
 * DESIGN.md text; plus monotonicity, org isolation and inheritance invariants.
 */
class AuthzPropertiesTest {

    private static final List<String> USERS = List.of("u1", "u2", "u3");
    private static final List<String> ORGS = List.of("o1", "o2");

    record RoleSpec(List<String> grants, List<String> denies, List<Integer> inherits) { }

    record MembershipSpec(String user, String org, int role) { }

    record PolicySpec(List<RoleSpec> roles, List<MembershipSpec> memberships) {
        Policy build() {
            Policy.Builder b = Policy.builder();
            for (int i = 0; i < roles.size(); i++) {
                RoleSpec r = roles.get(i);
                b.role(Role.builder("r" + i).level(i).grants(r.grants.toArray(new String[0]))
                        .denies(r.denies.toArray(new String[0]))
                        .inherits(r.inherits.stream().map(j -> "r" + j).toArray(String[]::new)).build());
            }
            for (MembershipSpec m : memberships) {
                b.membership(m.user, m.org, "r" + m.role);
            }
            return b.build();
        }

        PolicySpec withExtraGrant(int role, String grant) {
            List<RoleSpec> rs = new ArrayList<>(roles);
            RoleSpec r = rs.get(role);
            List<String> g = new ArrayList<>(r.grants);
            g.add(grant);
            rs.set(role, new RoleSpec(g, r.denies, r.inherits));
            return new PolicySpec(rs, memberships);
        }
    }

    record Request(String user, String org, String permission, String owner, String resourceOrg) { }

    // ---------- generators ----------

    private static Arbitrary<String> entry() {
        Arbitrary<String> res = Arbitraries.of("a", "b", "c", "*");
        Arbitrary<String> act = Arbitraries.of("x", "y", "z", "*");
        Arbitrary<Boolean> own = Arbitraries.of(false, false, true);
        return Combinators.combine(res, act, own).as((r, a, o) -> r + "." + a + (o ? ":own" : ""));
    }

    @Provide
    Arbitrary<PolicySpec> policies() {
        return Arbitraries.integers().between(1, 6).flatMap(n -> {
            List<Arbitrary<RoleSpec>> roles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Arbitrary<List<Integer>> inh = i == 0 ? Arbitraries.just(List.of())
                        : Arbitraries.integers().between(0, i - 1).list().ofMaxSize(2).uniqueElements();
                roles.add(Combinators.combine(entry().list().ofMaxSize(4), entry().list().ofMaxSize(2), inh)
                        .as(RoleSpec::new));
            }
            Arbitrary<List<RoleSpec>> all = Combinators.combine(roles).as(ArrayList::new);
            Arbitrary<MembershipSpec> m = Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(ORGS),
                    Arbitraries.integers().between(0, n - 1)).as(MembershipSpec::new);
            return Combinators.combine(all, m.list().ofMaxSize(6)).as(PolicySpec::new);
        });
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> perm = Combinators.combine(Arbitraries.of("a", "b", "c", "d"), Arbitraries.of("x", "y", "z", "w"))
                .as((r, a) -> r + "." + a);
        Arbitrary<String> owner = Arbitraries.of("u1", "u2", "u3").injectNull(0.4);
        Arbitrary<String> rorg = Arbitraries.of(ORGS).injectNull(0.5);
        return Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(ORGS), perm, owner, rorg).as(Request::new);
    }

    // ---------- the reference evaluator: DESIGN.md, literally ----------

    private static Set<Integer> closure(PolicySpec p, int role) {
        Set<Integer> seen = new HashSet<>();
        List<Integer> todo = new ArrayList<>(List.of(role));
        while (!todo.isEmpty()) {
            int r = todo.remove(todo.size() - 1);
            if (seen.add(r)) {
                todo.addAll(p.roles.get(r).inherits);
            }
        }
        return seen;
    }

    private static boolean matches(String entry, String request) {
        String body = entry.endsWith(":own") ? entry.substring(0, entry.length() - 4) : entry;
        String[] e = body.split("\\.");
        String[] q = request.split("\\.");
        return (e[0].equals("*") || e[0].equals(q[0])) && (e[1].equals("*") || e[1].equals(q[1]));
    }

    private static boolean applies(String entry, Request q) {
        return matches(entry, q.permission) && (!entry.endsWith(":own") || q.user.equals(q.owner));
    }

    static AuthzReason reference(PolicySpec p, Request q) {
        if (q.resourceOrg != null && !q.resourceOrg.equals(q.org)) {
            return AuthzReason.ORG_MISMATCH;
        }
        List<String> grants = new ArrayList<>();
        List<String> denies = new ArrayList<>();
        boolean member = false;
        for (MembershipSpec m : p.memberships) {
            if (m.user.equals(q.user) && m.org.equals(q.org)) {
                member = true;
                for (int r : closure(p, m.role)) {
                    grants.addAll(p.roles.get(r).grants);
                    denies.addAll(p.roles.get(r).denies);
                }
            }
        }
        if (!member) {
            return AuthzReason.NOT_A_MEMBER;
        }
        if (denies.stream().anyMatch(d -> applies(d, q))) {
            return AuthzReason.EXPLICIT_DENY;
        }
        if (grants.stream().anyMatch(g -> applies(g, q))) {
            return null;
        }
        if (grants.stream().anyMatch(g -> g.endsWith(":own") && matches(g, q.permission))) {
            return AuthzReason.NOT_OWNER;
        }
        return AuthzReason.NO_GRANT;
    }

    private static Decision decide(Policy policy, Request q) {
        return Authorizer.builder().policy(policy)
                .auditSink(dev.bulwark.core.AuditSinks.noop()).clock(new dev.bulwark.core.testing.TestClock()).build()
                .check(Subject.of(q.user, q.org), Permission.parseRequest(q.permission),
                        q.owner == null && q.resourceOrg == null ? null : Resource.of(q.resourceOrg, q.owner));
    }

    // ---------- properties ----------

    @Property(tries = 600)
    void agreesWithReferenceEvaluator(@ForAll("policies") PolicySpec spec, @ForAll("requests") Request q) {
        Decision d = decide(spec.build(), q);
        AuthzReason expected = reference(spec, q);
        assertThat(d.reason()).as("%s %s", spec, q).isEqualTo(expected);
        assertThat(d.allowed()).isEqualTo(expected == null);
        if (d.allowed() || d.reason() == AuthzReason.EXPLICIT_DENY || d.reason() == AuthzReason.NOT_OWNER) {
            // the reported entry really matches the request
            assertThat(matches(d.grant(), q.permission)).isTrue();
        }
    }

    @Property(tries = 400)
    void addingAGrant_neverRemovesAnAllow(@ForAll("policies") PolicySpec spec, @ForAll("requests") Request q) {
        Decision before = decide(spec.build(), q);
        for (int r = 0; r < spec.roles.size(); r++) {
            for (String extra : List.of("a.x", "*.y", "c.*", "*.*", "b.z:own")) {
                Decision after = decide(spec.withExtraGrant(r, extra).build(), q);
                if (before.allowed()) {
                    assertThat(after.allowed()).as("adding %s to r%d", extra, r).isTrue();
                }
            }
        }
    }

    @Property(tries = 400)
    void orgIsolation_otherOrgsResourceAlwaysDenied(@ForAll("policies") PolicySpec spec, @ForAll("requests") Request q) {
        Policy p = spec.build();
        for (String other : ORGS) {
            if (!other.equals(q.org)) {
                Decision d = decide(p, new Request(q.user, q.org, q.permission, q.owner, other));
                assertThat(d).isEqualTo(Decision.ORG_MISMATCH);
            }
        }
    }

    @Property(tries = 300)
    void withoutDenies_inheritingRoleAllowsEverythingItsParentAllows(@ForAll("policies") PolicySpec spec,
            @ForAll("requests") Request q) {
        List<RoleSpec> noDenies = spec.roles.stream().map(r -> new RoleSpec(r.grants, List.of(), r.inherits)).toList();
        PolicySpec s = new PolicySpec(noDenies, List.of());
        Policy p = s.build();
        Permission perm = Permission.parseRequest(q.permission);
        Resource res = Resource.ownedBy(q.owner);
        for (int child = 0; child < s.roles.size(); child++) {
            for (int parent : closure(s, child)) {
                boolean parentAllows = p.decide(q.user, q.org, List.of("r" + parent), perm, res).allowed();
                if (parentAllows) {
                    assertThat(p.decide(q.user, q.org, List.of("r" + child), perm, res).allowed()).isTrue();
                }
            }
        }
    }

    @Property(tries = 300)
    void noMembership_alwaysNotAMember(@ForAll("policies") PolicySpec spec, @ForAll("requests") Request q) {
        Decision d = decide(new PolicySpec(spec.roles, List.of()).build(), new Request(q.user, q.org, q.permission,
                q.owner, null));
        assertThat(d).isEqualTo(Decision.NOT_A_MEMBER);
    }
}
