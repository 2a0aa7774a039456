package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.testing.TestClock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrgContextResolverTest {

    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryMemberships store = InMemoryMemberships.create()
            .personalOrg("alice", "alice-personal").add("alice", "alice-personal", "owner")
            .add("alice", "acme", "member").add("alice", "acme", "billing")
            .addOrg("globex")
            .personalOrg("bob", "bob-personal");
    private final OrgContextResolver resolver = OrgContextResolver.create(store, audit, new TestClock());

    private OrgResolutionException refused(AuthenticatedPrincipal p, String header) {
        try {
            resolver.resolve(p, header);
        } catch (OrgResolutionException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void apiKeyOrg_first() {
        OrgContext c = resolver.resolve(AuthenticatedPrincipal.apiKey("alice", "acme"), null);
        assertThat(c).isEqualTo(new OrgContext("acme", "alice", OrgContext.Source.API_KEY, List.of("member", "billing")));
        assertThat(resolver.resolve(AuthenticatedPrincipal.apiKey("alice", "acme"), "acme").source())
                .isEqualTo(OrgContext.Source.API_KEY);
    }

    @Test
    void header_cannotWidenApiKey() {
        OrgResolutionException e = refused(AuthenticatedPrincipal.apiKey("alice", "acme"), "alice-personal");
        assertThat(e.reason()).isEqualTo(AuthzReason.API_KEY_ORG_MISMATCH);
        assertThat(e.httpStatus()).isEqualTo(403);
    }

    @Test
    void header_second_thenPersonalOrg() {
        assertThat(resolver.resolve(AuthenticatedPrincipal.user("alice"), "acme").source())
                .isEqualTo(OrgContext.Source.HEADER);
        OrgContext personal = resolver.resolve(AuthenticatedPrincipal.user("alice"), null);
        assertThat(personal.orgId()).isEqualTo("alice-personal");
        assertThat(personal.source()).isEqualTo(OrgContext.Source.PERSONAL);
        assertThat(personal.subject()).isEqualTo(Subject.of("alice", "alice-personal"));
    }

    @Test
    void notAMember_403_withDocumentedMessage_andAudited() {
        OrgResolutionException e = refused(AuthenticatedPrincipal.user("alice"), "globex");
        assertThat(e.reason()).isEqualTo(AuthzReason.NOT_A_MEMBER);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("Not a member of this organization");
        AuditEvent ev = audit.events().get(0);
        assertThat(ev.action()).isEqualTo("resolve_org");
        assertThat(ev.reason()).isEqualTo("NOT_A_MEMBER");
        assertThat(ev.org()).isEqualTo("globex");
        assertThat(ev.actor()).isEqualTo("alice");
    }

    @Test
    void unknownOrg_404() {
        OrgResolutionException e = refused(AuthenticatedPrincipal.user("alice"), "initech");
        assertThat(e.reason()).isEqualTo(AuthzReason.UNKNOWN_ORG);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(refused(AuthenticatedPrincipal.apiKey("alice", "gone"), null).httpStatus()).isEqualTo(404);
    }

    @Test
    void personalOrgWithoutMembership_403_noPersonalOrg_400() {
        assertThat(refused(AuthenticatedPrincipal.user("bob"), null).reason()).isEqualTo(AuthzReason.NOT_A_MEMBER);
        OrgResolutionException e = refused(AuthenticatedPrincipal.user("carol"), null);
        assertThat(e.reason()).isEqualTo(AuthzReason.NO_ORG_CONTEXT);
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "acme ", "ac\nme", "acmé", "a\u0000"})
    void malformedHeader_400(String header) {
        OrgResolutionException e = refused(AuthenticatedPrincipal.user("alice"), header);
        assertThat(e.reason()).isEqualTo(AuthzReason.MALFORMED_ORG_ID);
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void tooLongHeader_400() {
        assertThat(refused(AuthenticatedPrincipal.user("alice"), "x".repeat(129)).reason())
                .isEqualTo(AuthzReason.MALFORMED_ORG_ID);
    }

    @Test
    void create_requiresEverything() {
        assertThatThrownBy(() -> OrgContextResolver.create(null, audit, new TestClock()))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> OrgContextResolver.create(store, audit, null))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void authorizer_acceptsResolvedContext() {
        Policy p = Policy.builder().role(Role.builder("member").grants("projects.read").build())
                .role(Role.builder("billing").grants("invoices.*").build())
                .role(Role.builder("owner").grants("*.*").build()).build();
        Authorizer a = Authorizer.builder().policy(p).memberships(store).auditSink(audit).clock(new TestClock()).build();
        OrgContext c = resolver.resolve(AuthenticatedPrincipal.user("alice"), "acme");
        assertThat(a.check(c, Permission.parseRequest("invoices.pay"), Resource.inOrg("acme")).allowed()).isTrue();
        assertThat(a.check(c, Permission.parseRequest("invoices.pay"), Resource.inOrg("alice-personal")).reason())
                .isEqualTo(AuthzReason.ORG_MISMATCH);
    }
}
