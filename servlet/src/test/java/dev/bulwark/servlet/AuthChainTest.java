package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.authz.Authorizer;
import dev.bulwark.authz.InMemoryMemberships;
import dev.bulwark.authz.OrgContext;
import dev.bulwark.authz.OrgContextResolver;
import dev.bulwark.authz.Policy;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.AccessTokenClaims;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.ApiKeys;
import dev.bulwark.tokens.Sessions;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.spi.ApiKeyStore;
import dev.bulwark.tokens.spi.SessionStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication → org context → authorization, composed as a host would, over real HTTP. */
class AuthChainTest {

    private static final String POLICY = """
            {"roles": [
              {"name": "viewer", "level": 10, "grants": ["projects.read"]},
              {"name": "admin", "level": 80, "grants": ["projects.*"], "inherits": ["viewer"]}]}
            """;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final Sessions sessions = Sessions.builder().store(SessionStore.inMemory(100)).clock(clock)
            .auditSink(audit).build();
    private final AccessTokens tokens = AccessTokens.builder()
            .signingKeys(SigningKeys.of(SigningKey.hmac("k1", Secret.ofUtf8("0123456789abcdef0123456789abcdef"))))
            .issuer("https://id.example.com").audience("api.example.com").clock(clock).sessions(sessions)
            .auditSink(audit).build();
    private final ApiKeys apiKeys = ApiKeys.builder().store(ApiKeyStore.inMemory(100)).clock(clock).build();
    private final InMemoryMemberships memberships = InMemoryMemberships.create()
            .add("alice", "org-a", "admin").add("alice", "org-b", "viewer").addOrg("org-c").personalOrg("alice", "org-a");
    private JettyHarness jetty;

    @BeforeEach
    void start() throws Exception {
        Authorizer authorizer = Authorizer.builder().policy(Policy.fromJson(POLICY)).memberships(memberships)
                .auditSink(audit).clock(clock).build();
        jetty = JettyHarness.direct(app(),
                AuthenticationFilter.builder().accessTokens(tokens).apiKeys(apiKeys).publicPaths("/health").build(),
                OrgContextFilter.create(OrgContextResolver.create(memberships, audit, clock)),
                AuthorizationFilter.builder(authorizer)
                        .route("GET", "/health", "projects.read")
                        .route("GET", "/api/projects", "projects.read")
                        .route("POST", "/api/projects", "projects.create")
                        .route("DELETE", "/api/projects/*", "projects.delete")
                        .build());
    }

    @AfterEach
    void stop() throws Exception {
        jetty.close();
    }

    private static HttpServlet app() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                OrgContext org = (OrgContext) req.getAttribute(OrgContextFilter.ORG_CONTEXT_ATTRIBUTE);
                resp.getWriter().print(req.getRemoteUser() + "@" + (org == null ? "-" : org.orgId()));
            }
        };
    }

    private String token(String user) {
        Sessions.NewSession s = sessions.open(user, "org-a", "test", Set.of(), Set.of());
        return tokens.issue(new AccessTokenClaims(user, "org-a", s.sessionId(), Set.of(), Set.of())).token();
    }

    @Test
    void noCredential_is401WithBearerChallenge() throws Exception {
        HttpResponse<String> r = jetty.send("GET", "/api/projects");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
        assertThat(r.body()).contains("\"reason\":\"UNAUTHENTICATED\"");
    }

    @Test
    void aValidToken_reachesTheApp_inThePersonalOrg_orTheHeaderOrg() throws Exception {
        String t = token("alice");
        HttpResponse<String> r = jetty.send("GET", "/api/projects", "Authorization", "Bearer " + t);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("alice@org-a");
        assertThat(jetty.send("GET", "/api/projects", "Authorization", "Bearer " + t, "X-Org-Id", "org-b").body())
                .isEqualTo("alice@org-b");
    }

    @Test
    void aTamperedOrExpiredToken_is401InvalidToken_andNeverEchoed() throws Exception {
        String t = token("alice");
        String tampered = t.substring(0, t.length() - 3) + (t.endsWith("AAA") ? "BBB" : "AAA");
        HttpResponse<String> r = jetty.send("GET", "/api/projects", "Authorization", "Bearer " + tampered);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().contains("error=\"invalid_token\"");
        assertThat(r.body()).doesNotContain(tampered).doesNotContain(t.substring(0, 20));
        clock.advance(Duration.ofHours(2));
        assertThat(jetty.send("GET", "/api/projects", "Authorization", "Bearer " + t).body()).contains("EXPIRED");
    }

    @Test
    void aRevokedSession_says_SessionHasBeenRevoked() throws Exception {
        Sessions.NewSession s = sessions.open("alice", "org-a", "test", Set.of(), Set.of());
        String t = tokens.issue(new AccessTokenClaims("alice", "org-a", s.sessionId(), Set.of(), Set.of())).token();
        sessions.revokeBySessionId(s.sessionId());
        HttpResponse<String> r = jetty.send("GET", "/api/projects", "Authorization", "Bearer " + t);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("SESSION_REVOKED").contains("Session has been revoked");
    }

    @Test
    void roles_decide_perOrg() throws Exception {
        String t = token("alice");
        assertThat(jetty.send("POST", "/api/projects", "Authorization", "Bearer " + t).statusCode()).isEqualTo(200);
        HttpResponse<String> viewerWriting = jetty.send("POST", "/api/projects", "Authorization", "Bearer " + t,
                "X-Org-Id", "org-b");
        assertThat(viewerWriting.statusCode()).isEqualTo(403);
        assertThat(viewerWriting.body()).contains("\"reason\":\"NO_GRANT\"");
    }

    @Test
    void wrongOrg_is403_unknownOrg_is404() throws Exception {
        String t = token("alice");
        HttpResponse<String> notMember = jetty.send("GET", "/api/projects", "Authorization", "Bearer " + t,
                "X-Org-Id", "org-c");
        assertThat(notMember.statusCode()).isEqualTo(403);
        assertThat(notMember.body()).contains("NOT_A_MEMBER");
        assertThat(jetty.send("GET", "/api/projects", "Authorization", "Bearer " + t, "X-Org-Id", "org-zzz")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void apiKeys_areBoundToTheirOrg_andBadOnesSayInvalidOrRevoked() throws Exception {
        ApiKeys.CreatedApiKey key = apiKeys.create("org-a", "ci", Set.of(), null);
        memberships.add("apikey:" + key.info().keyId(), "org-a", "viewer");
        HttpResponse<String> ok = jetty.send("GET", "/api/projects", "Authorization", "Bearer " + key.rawKey());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("apikey:" + key.info().keyId() + "@org-a");
        assertThat(jetty.send("GET", "/api/projects", "Authorization", "Bearer " + key.rawKey(), "X-Org-Id", "org-b")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> bad = jetty.send("GET", "/api/projects", "Authorization",
                "Bearer ak_live_" + "0".repeat(64));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("Invalid or revoked API key");
    }

    @Test
    void unmappedRoutes_areDeniedByDefault_publicPathsNeedNoCredential() throws Exception {
        String t = token("alice");
        HttpResponse<String> unmapped = jetty.send("GET", "/api/secrets", "Authorization", "Bearer " + t);
        assertThat(unmapped.statusCode()).isEqualTo(403);
        assertThat(unmapped.body()).contains("ROUTE_NOT_MAPPED");
        assertThat(jetty.send("GET", "/health").statusCode()).isEqualTo(403); // public, but mapped and no org
        assertThatThrownBy(() -> AuthenticationFilter.builder().build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AuthorizationFilter.builder(Authorizer.builder().policy(Policy.fromJson(POLICY))
                .memberships(memberships).auditSink(audit).clock(clock).build()).route("GET", "/a/**/b", "x.y"))
                .isInstanceOf(ConfigurationException.class);
    }
}
