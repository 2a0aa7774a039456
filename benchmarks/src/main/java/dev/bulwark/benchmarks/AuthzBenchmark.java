package dev.bulwark.benchmarks;

import dev.bulwark.authz.Authorizer;
import dev.bulwark.authz.InMemoryMemberships;
import dev.bulwark.authz.Permission;
import dev.bulwark.authz.Policy;
import dev.bulwark.authz.Role;
import dev.bulwark.authz.Subject;
import dev.bulwark.core.AuditSinks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.shiro.authz.permission.WildcardPermission;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.BuiltInFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One authorization check on the same policy in three engines: 100 roles × 1,000 permissions (resources
 * {@code r0..r99} × actions {@code a0..a9}; role {@code k} grants the ten actions of resource {@code rk} and
 * inherits role {@code k-1} within chains of ten, so the deepest role sees 100 permissions through 9 levels of
 * inheritance, under jCasbin's 10-level limit), 10,000 users spread over 1,000 orgs.
 *
 * <ul>
 *   <li>{@code bulwark_check}: {@link Authorizer#check} (membership lookup + compiled policy; audit sink noop).</li>
 *   <li>{@code jcasbin_check}: jCasbin's RBAC-with-domains model of the same policy ({@code g = _, _, _};
 *       role inheritance as domain-{@code *} links matched with {@code keyMatch}).</li>
 *   <li>{@code shiro_check}: the same membership lookup, then Shiro {@link WildcardPermission#implies} over the
 *       role's effective permissions (how a Shiro realm answers {@code isPermitted}).</li>
 *   <li>{@code shiro_implies}: one {@code WildcardPermission.implies} — the floor the issue sets;
 *       {@code bulwark_implies} is our counterpart: {@link Policy#decide} for a user whose role is known.
 *       The two are not the same work: ours resolves the role by name (one string hash lookup, on every path),
 *       then answers for all the role's effective entries (80 here, with denies, {@code :own} and wildcards
 *       considered) with a pre-built {@link dev.bulwark.authz.Decision}; Shiro's compares one permission with
 *       one other, and its denial stops at the first segment (two set misses, no string comparison).</li>
 *   <li>{@code shiro_implies_named_role}: the same {@code implies} preceded by the lookup ours cannot skip
 *       (role name → the role's permission, a {@code HashMap} keyed by other {@code String} instances than
 *       the caller's), to show what is left once the inputs match. Not the floor; reported beside it.</li>
 * </ul>
 * {@code outcome}: {@code allowed} (a permission inherited five levels up) or {@code denied} (no grant: the
 * worst case for scanning engines). Setup checks that all engines agree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuthzBenchmark {

    static final int ROLES = 100;
    static final int ACTIONS = 10;
    static final int USERS = 10_000;
    static final int ORGS = 1_000;
    static final int CHAIN = 10;

    @Param({"allowed", "denied"})
    public String outcome;

    private Authorizer authorizer;
    private Policy policy;
    private List<String> roles;
    private dev.bulwark.authz.RoleCheck roleCheck;
    private Subject subject;
    private Permission permission;

    private Enforcer enforcer;
    private String user;
    private String org;
    private String resource;
    private String action;

    private Map<String, Map<String, List<String>>> shiroMemberships;
    private Map<String, List<WildcardPermission>> shiroRoles;
    private WildcardPermission shiroRequested;
    private WildcardPermission shiroSingleGrant;
    private Map<String, WildcardPermission> shiroGrantByRole;

    static int inheritsFrom(int k) {
        return k % CHAIN == 0 ? -1 : k - 1;
    }

    static String roleOf(int userIndex) {
        return "role" + (userIndex % ROLES);
    }

    static String orgOf(int userIndex) {
        return "org" + (userIndex % ORGS);
    }

    @Setup
    public void setUp() {
        // the subject: user 1757 -> role57 in org757; role57 inherits role56..role50
        int u = 1757;
        user = "user" + u;
        org = orgOf(u);
        int permRole = outcome.equals("allowed") ? 52 : 62;
        resource = "r" + permRole;
        action = "a3";

        // --- Bulwark ---
        Policy.Builder pb = Policy.builder();
        for (int k = 0; k < ROLES; k++) {
            Role.Builder rb = Role.builder("role" + k).level(k);
            for (int a = 0; a < ACTIONS; a++) {
                rb.grants("r" + k + ".a" + a);
            }
            if (inheritsFrom(k) >= 0) {
                rb.inherits("role" + inheritsFrom(k));
            }
            pb.role(rb.build());
        }
        policy = pb.build();
        roles = List.of(roleOf(u));
        roleCheck = policy.roleCheck(roles.get(0));
        InMemoryMemberships store = InMemoryMemberships.create();
        for (int i = 0; i < USERS; i++) {
            store.add("user" + i, orgOf(i), roleOf(i));
        }
        authorizer = Authorizer.builder().policy(policy).memberships(store).auditSink(AuditSinks.noop())
                .clock(Clock.systemUTC()).build();
        subject = Subject.of(user, org);
        permission = Permission.parseRequest(resource + "." + action);

        // --- jCasbin, RBAC with domains ---
        Model model = Model.newModelFromString(String.join("\n",
                "[request_definition]", "r = sub, dom, obj, act",
                "[policy_definition]", "p = sub, dom, obj, act",
                "[role_definition]", "g = _, _, _",
                "[policy_effect]", "e = some(where (p.eft == allow))",
                "[matchers]", "m = g(r.sub, p.sub, r.dom) && (p.dom == \"*\" || r.dom == p.dom) && r.obj == p.obj && r.act == p.act"));
        enforcer = new Enforcer(model);
        enforcer.enableAutoBuildRoleLinks(false);
        enforcer.addNamedDomainMatchingFunc("g", "keyMatch", BuiltInFunctions::keyMatch);
        List<List<String>> ps = new ArrayList<>();
        List<List<String>> gs = new ArrayList<>();
        for (int k = 0; k < ROLES; k++) {
            for (int a = 0; a < ACTIONS; a++) {
                ps.add(List.of("role" + k, "*", "r" + k, "a" + a));
            }
            if (inheritsFrom(k) >= 0) {
                gs.add(List.of("role" + k, "role" + inheritsFrom(k), "*"));
            }
        }
        for (int i = 0; i < USERS; i++) {
            gs.add(List.of("user" + i, roleOf(i), orgOf(i)));
        }
        enforcer.addPolicies(ps);
        enforcer.addGroupingPolicies(gs);
        enforcer.buildRoleLinks();

        // --- Shiro ---
        shiroMemberships = new HashMap<>();
        for (int i = 0; i < USERS; i++) {
            shiroMemberships.computeIfAbsent(orgOf(i), o -> new HashMap<>()).put("user" + i, List.of(roleOf(i)));
        }
        shiroRoles = new HashMap<>();
        for (int k = 0; k < ROLES; k++) {
            List<WildcardPermission> perms = new ArrayList<>();
            for (int j = k; j >= 0; j = inheritsFrom(j)) {
                for (int a = 0; a < ACTIONS; a++) {
                    perms.add(new WildcardPermission("r" + j + ":a" + a, true));
                }
                if (inheritsFrom(j) < 0) {
                    break;
                }
            }
            shiroRoles.put("role" + k, perms);
        }
        shiroRequested = new WildcardPermission(resource + ":" + action, true);
        shiroSingleGrant = new WildcardPermission("r52:a3", true);
        shiroGrantByRole = new HashMap<>();
        for (int k = 0; k < ROLES; k++) {
            shiroGrantByRole.put("role" + k, new WildcardPermission("r" + (k - 5 + ROLES) % ROLES + ":a3", true));
        }

        boolean expected = outcome.equals("allowed");
        if (bulwark_check() != expected || bulwark_implies() != expected || bulwark_impliesResolvedRole() != expected || jcasbin_check() != expected || shiro_check() != expected
                || shiro_implies() != expected || shiro_implies_named_role() != expected) {
            throw new IllegalStateException("engines disagree on " + outcome + ": bulwark=" + bulwark_check()
                    + " jcasbin=" + jcasbin_check() + " shiro=" + shiro_check() + " implies=" + shiro_implies());
        }
    }

    @Benchmark
    public boolean bulwark_check() {
        return authorizer.check(subject, permission, null).allowed();
    }

    /** The permission part alone (roles already known), the counterpart of {@link #shiro_implies()}. */
    @Benchmark
    public boolean bulwark_implies() {
        return policy.decide(user, org, roles, permission, null).allowed();
    }

    /**
     * The permission part with the role resolved once ({@link dev.bulwark.authz.Policy#roleCheck}): the same
     * shape of work as {@link #shiro_implies()}, which is handed its resolved permission object.
     */
    @Benchmark
    public boolean bulwark_impliesResolvedRole() {
        return roleCheck.implies(permission);
    }

    @Benchmark
    public boolean jcasbin_check() {
        return enforcer.enforce(user, org, resource, action);
    }

    @Benchmark
    public boolean shiro_check() {
        Map<String, List<String>> users = shiroMemberships.get(org);
        List<String> roles = users == null ? null : users.get(user);
        if (roles == null) {
            return false;
        }
        for (String r : roles) {
            List<WildcardPermission> perms = shiroRoles.get(r);
            for (int i = 0; i < perms.size(); i++) {
                if (perms.get(i).implies(shiroRequested)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Benchmark
    public boolean shiro_implies() {
        return shiroSingleGrant.implies(shiroRequested);
    }

    @Benchmark
    public boolean shiro_implies_named_role() {
        return shiroGrantByRole.get(roles.get(0)).implies(shiroRequested);
    }
}
