package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.testing.TestClock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizerTest {

    private final TestClock clock = new TestClock();
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final Authorizer authz = Authorizer.builder()
            .policy(Policy.fromJson(PolicyDocumentTest.resource("design-example.json")))
            .auditSink(audit).clock(clock).build();

    private Decision check(String user, String org, String perm, String owner, String resourceOrg) {
        Resource r = owner == null && resourceOrg == null ? null : Resource.of(resourceOrg, owner);
        return authz.check(Subject.of(user, org), Permission.parseRequest(perm), r);
    }

    /** DESIGN.md semantics, one row per rule, on the design example policy. */
    @ParameterizedTest(name = "{0} in {1}: {2} owner={3} resourceOrg={4} -> {5} {6} {7} {8}")
    @CsvSource(nullValues = "-", value = {
        // user, org, permission, owner, resource-org, allowed, reason, role, grant
        "u1, o1, projects.delete, -, -, true, -, admin, projects.*",
        "u1, o1, projects.read, -, -, true, -, admin, projects.read", // most specific: inherited exact entry
        "u1, o1, members.read, -, -, true, -, admin, members.read",
        "u1, o1, dashboards.read, -, -, true, -, admin, dashboards.read",
        "u1, o1, billing.read, -, -, false, EXPLICIT_DENY, admin, billing.*",
        "u1, o1, members.write, -, -, false, NO_GRANT, admin, -",
        "u1, o1, projects.read, -, o2, false, ORG_MISMATCH, -, -",
        "u1, o1, projects.read, -, o1, true, -, admin, projects.read",
        "u1, o2, projects.read, -, -, false, NOT_A_MEMBER, -, -",
        "u1, o2, projects.read, -, o1, false, ORG_MISMATCH, -, -",
        "nobody, o1, projects.read, -, -, false, NOT_A_MEMBER, -, -",
        "u2, o1, projects.read, -, -, true, -, member, projects.read",
        "u2, o1, projects.write, -, -, false, NO_GRANT, member, -",
        "u2, o1, activity.read, u2, -, true, -, member, activity.read:own",
        "u2, o1, activity.read, u1, -, false, NOT_OWNER, member, activity.read:own",
        "u2, o1, activity.read, -, -, false, NOT_OWNER, member, activity.read:own",
        "u2, o1, activity.read, u2, o2, false, ORG_MISMATCH, -, -",
        "u1, o1, activity.read, u2, -, false, NOT_OWNER, admin, activity.read:own",
        "u1, o1, activity.read, u1, -, true, -, admin, activity.read:own",
        "u3, o1, dashboards.read, -, -, true, -, viewer, dashboards.read",
        "u3, o1, projects.read, -, -, false, NO_GRANT, viewer, -",
        "u3, o2, projects.write, -, -, true, -, admin, projects.*",
        "u3, o2, billing.pay, -, -, false, EXPLICIT_DENY, admin, billing.*"
    })
    void check_followsDesignSemantics(String user, String org, String perm, String owner, String resourceOrg,
            boolean allowed, AuthzReason reason, String role, String grant) {
        assertThat(check(user, org, perm, owner, resourceOrg))
                .isEqualTo(new Decision(allowed, reason, role, grant));
    }

    @Test
    void orgMismatch_evenForTheMostPowerfulRole() {
        Policy p = Policy.builder().role(Role.builder("god").level(100).grants("*.*").build())
                .membership("root", "o1", "god").build();
        Authorizer a = Authorizer.builder().policy(p).auditSink(audit).clock(clock).build();
        assertThat(a.check(Subject.of("root", "o1"), Permission.parseRequest("x.y"), Resource.inOrg("o2")).reason())
                .isEqualTo(AuthzReason.ORG_MISMATCH);
        assertThat(a.check(Subject.of("root", "o1"), Permission.parseRequest("x.y"), Resource.inOrg("o1")).allowed())
                .isTrue();
    }

    @Test
    void denyBeatsGrant_evenFromAnotherRole_andOwnDenyOnlyForOwner() {
        Policy p = Policy.builder()
                .role(Role.builder("a").grants("docs.*").build())
                .role(Role.builder("b").denies("docs.delete", "docs.share:own").build())
                .membership("u", "o", "a").membership("u", "o", "b").build();
        Authorizer x = Authorizer.builder().policy(p).auditSink(audit).clock(clock).build();
        Subject s = Subject.of("u", "o");
        assertThat(x.check(s, Permission.parseRequest("docs.delete"), null))
                .isEqualTo(new Decision(false, AuthzReason.EXPLICIT_DENY, "b", "docs.delete"));
        assertThat(x.check(s, Permission.parseRequest("docs.share"), Resource.ownedBy("u")))
                .isEqualTo(new Decision(false, AuthzReason.EXPLICIT_DENY, "b", "docs.share:own"));
        assertThat(x.check(s, Permission.parseRequest("docs.share"), Resource.ownedBy("v")))
                .isEqualTo(new Decision(true, null, "a", "docs.*"));
        assertThat(x.check(s, Permission.parseRequest("docs.share"), null).allowed()).isTrue();
    }

    @Test
    void severalRoles_unionOfEntries() {
        Authorizer x = Authorizer.builder().policy(Policy.fromJson(PolicyDocumentTest.resource("multi-role.json")))
                .auditSink(audit).clock(clock).build();
        Subject alice = Subject.of("alice", "acme");
        assertThat(x.check(alice, Permission.parseRequest("invoices.read"), null))
                .isEqualTo(new Decision(true, null, "billing", "invoices.*"));
        assertThat(x.check(alice, Permission.parseRequest("tickets.close"), null))
                .isEqualTo(new Decision(true, null, "support", "tickets.*"));
        assertThat(x.check(alice, Permission.parseRequest("invoices.delete"), null).reason())
                .isEqualTo(AuthzReason.EXPLICIT_DENY);
        assertThat(x.check(Subject.of("bob", "acme"), Permission.parseRequest("invoices.delete"), null).allowed())
                .isTrue();
    }

    @Test
    void mostSpecificGrant_isReported() {
        Policy p = Policy.builder().role(Role.builder("r").grants("*.*", "*.read", "docs.*", "docs.read").build())
                .membership("u", "o", "r").build();
        Authorizer x = Authorizer.builder().policy(p).auditSink(audit).clock(clock).build();
        Subject s = Subject.of("u", "o");
        assertThat(x.check(s, Permission.parseRequest("docs.read"), null).grant()).isEqualTo("docs.read");
        assertThat(x.check(s, Permission.parseRequest("docs.write"), null).grant()).isEqualTo("docs.*");
        assertThat(x.check(s, Permission.parseRequest("files.read"), null).grant()).isEqualTo("*.read");
        assertThat(x.check(s, Permission.parseRequest("files.write"), null).grant()).isEqualTo("*.*");
    }

    @Test
    void caseSensitive_andNoPrefixImplication() {
        Policy p = Policy.builder().role(Role.builder("r").grants("docs.read").build())
                .membership("u", "o", "r").build();
        Authorizer x = Authorizer.builder().policy(p).auditSink(audit).clock(clock).build();
        assertThat(x.check(Subject.of("u", "o"), Permission.parseRequest("docs.readall"), null).allowed()).isFalse();
        assertThat(x.check(Subject.of("u", "O"), Permission.parseRequest("docs.read"), null).reason())
                .isEqualTo(AuthzReason.NOT_A_MEMBER);
        assertThat(x.check(Subject.of("U", "o"), Permission.parseRequest("docs.read"), null).reason())
                .isEqualTo(AuthzReason.NOT_A_MEMBER);
    }

    @Test
    void denial_isAudited_withReason_allowIsNot() {
        check("u1", "o1", "projects.read", null, null);
        assertThat(audit.events()).isEmpty();
        check("u2", "o1", "activity.read", "u1", "o1");
        assertThat(audit.events()).hasSize(1);
        AuditEvent e = audit.events().get(0);
        assertThat(e.category()).isEqualTo("authz");
        assertThat(e.action()).isEqualTo("check");
        assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(e.actor()).isEqualTo("u2");
        assertThat(e.org()).isEqualTo("o1");
        assertThat(e.subject()).isEqualTo("activity.read");
        assertThat(e.reason()).isEqualTo("NOT_OWNER");
        assertThat(e.attributes()).containsEntry("role", "member").containsEntry("grant", "activity.read:own")
                .containsEntry("resource_owner", "u1").containsEntry("resource_org", "o1");
        assertThat(e.timestamp()).isEqualTo(clock.instant());
    }

    @Test
    void everyDenialReason_isAudited() {
        check("u1", "o1", "projects.read", null, "o2");
        check("zz", "o1", "projects.read", null, null);
        check("u1", "o1", "billing.read", null, null);
        check("u2", "o1", "activity.read", "u1", null);
        check("u3", "o1", "projects.read", null, null);
        assertThat(audit.events()).extracting(AuditEvent::reason)
                .containsExactly("ORG_MISMATCH", "NOT_A_MEMBER", "EXPLICIT_DENY", "NOT_OWNER", "NO_GRANT");
    }

    @Test
    void failingAuditSink_neverChangesTheDecision() {
        Authorizer x = Authorizer.builder().policy(authz.policy()).clock(clock)
                .auditSink(e -> { throw new IllegalStateException("sink down"); }).build();
        Decision d = x.check(Subject.of("u3", "o1"), Permission.parseRequest("projects.read"), null);
        assertThat(d.reason()).isEqualTo(AuthzReason.NO_GRANT);
        assertThat(x.check(Subject.of("u1", "o1"), Permission.parseRequest("projects.read"), null).allowed()).isTrue();
    }

    @Test
    void credentialShapedIds_cannotBeAudited_butDecisionStands() {
        InMemoryMemberships m = InMemoryMemberships.create();
        Authorizer x = Authorizer.builder().policy(authz.policy()).memberships(m).auditSink(audit).clock(clock).build();
        String jwtLike = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        Decision d = x.check(Subject.of(jwtLike, "o1"), Permission.parseRequest("projects.read"), null);
        assertThat(d.reason()).isEqualTo(AuthzReason.NOT_A_MEMBER);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void require_throwsAccessDenied_withDecisionAndReason() {
        Subject s = Subject.of("u3", "o1");
        assertThatThrownBy(() -> authz.require(s, Permission.parseRequest("projects.read"), null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("has no grant for projects.read")
                .satisfies(e -> {
                    AccessDeniedException ade = (AccessDeniedException) e;
                    assertThat(ade.reason()).isEqualTo(AuthzReason.NO_GRANT);
                    assertThat(ade.decision().role()).isEqualTo("viewer");
                });
        assertThat(authz.require(s, Permission.parseRequest("dashboards.read"), null).allowed()).isTrue();
    }

    @Test
    void check_requestWithWildcardOrOwn_rejected() {
        Permission wildcard = Permission.parse("projects.*");
        assertThatThrownBy(() -> authz.check(Subject.of("u1", "o1"), wildcard, null))
                .isInstanceOf(InvalidPermissionException.class);
        assertThatThrownBy(() -> authz.check(Subject.of("u1", "o1"), Permission.parse("projects.read:own"), null))
                .isInstanceOf(InvalidPermissionException.class);
    }

    @Test
    void check_withOrgContext_usesResolvedRoles() {
        OrgContext ctx = new OrgContext("o1", "u2", OrgContext.Source.HEADER, List.of("member"));
        assertThat(authz.check(ctx, Permission.parseRequest("projects.read"), null).allowed()).isTrue();
        assertThat(authz.check(ctx, Permission.parseRequest("projects.read"), Resource.inOrg("o9")).reason())
                .isEqualTo(AuthzReason.ORG_MISMATCH);
        assertThatThrownBy(() -> authz.require(ctx, Permission.parseRequest("projects.write"), null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void unknownRoleInStore_grantsNothing() {
        InMemoryMemberships m = InMemoryMemberships.create().add("u", "o", "ghost");
        Authorizer x = Authorizer.builder().policy(authz.policy()).memberships(m).auditSink(audit).clock(clock).build();
        assertThat(x.check(Subject.of("u", "o"), Permission.parseRequest("projects.read"), null))
                .isEqualTo(new Decision(false, AuthzReason.NO_GRANT, "ghost", null));
    }

    @Test
    void storeAnsweringNull_orFailing_failsClosed() {
        dev.bulwark.authz.spi.Memberships broken = new dev.bulwark.authz.spi.Memberships() {
            @Override public List<String> rolesOf(String u, String o) { return null; }
            @Override public boolean orgExists(String o) { return true; }
            @Override public java.util.Optional<String> personalOrgOf(String u) { return java.util.Optional.empty(); }
            @Override public List<Membership> membersOf(String o) { return List.of(); }
        };
        Authorizer x = Authorizer.builder().policy(authz.policy()).memberships(broken).auditSink(audit).clock(clock).build();
        assertThat(x.check(Subject.of("u1", "o1"), Permission.parseRequest("projects.read"), null))
                .isEqualTo(Decision.NOT_A_MEMBER);
        Authorizer down = Authorizer.builder().policy(authz.policy()).clock(clock).auditSink(audit)
                .memberships(new dev.bulwark.authz.spi.Memberships() {
                    @Override public List<String> rolesOf(String u, String o) { throw new IllegalStateException("db down"); }
                    @Override public boolean orgExists(String o) { return true; }
                    @Override public java.util.Optional<String> personalOrgOf(String u) { return java.util.Optional.empty(); }
                    @Override public List<Membership> membersOf(String o) { return List.of(); }
                }).build();
        assertThatThrownBy(() -> down.check(Subject.of("u1", "o1"), Permission.parseRequest("projects.read"), null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void build_requiresPolicyAndClock() {
        assertThatThrownBy(() -> Authorizer.builder().clock(clock).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("policy");
        assertThatThrownBy(() -> Authorizer.builder().policy(authz.policy()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("clock");
    }

    @Test
    void decision_toJson_matchesCliShape() {
        assertThat(new Decision(false, AuthzReason.NO_GRANT, "viewer", null).toJson())
                .isEqualTo("{\"allowed\":false,\"reason\":\"NO_GRANT\",\"role\":\"viewer\",\"grant\":null}");
        assertThat(new Decision(true, null, "admin", "projects.*").toJson())
                .isEqualTo("{\"allowed\":true,\"reason\":null,\"role\":\"admin\",\"grant\":\"projects.*\"}");
        assertThatThrownBy(() -> new Decision(true, AuthzReason.NO_GRANT, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
