package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.authz.Authorizer;
import dev.bulwark.authz.InMemoryMemberships;
import dev.bulwark.authz.OrgContextResolver;
import dev.bulwark.authz.Presets;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ProductionGuard;
import dev.bulwark.core.Secret;
import dev.bulwark.servlet.AuthenticationFilter;
import dev.bulwark.servlet.AuthorizationFilter;
import dev.bulwark.servlet.BulwarkFilters;
import dev.bulwark.servlet.CorsFilter;
import dev.bulwark.servlet.OrgContextFilter;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.Sessions;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.spi.SessionStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The README's "use it from your service" example, kept compiling and running. */
class ReadmeExampleTest {

    @Test
    void theReadmeExample_buildsTheWholeFilterChain() {
        String jwtKey = "k5Z9q2Lr8vT1xW4yB7nC0mD3fG6hJ9kL2pQ5sU8wX1zA4cE7";
        Clock clock = Clock.systemUTC();
        InMemoryMemberships memberships = InMemoryMemberships.create();
        // --- README example starts here
        ProductionGuard.forEnvironment(System.getenv("APP_ENV")).requireSecret("JWT_SIGNING_KEY", jwtKey).check();
        AuditSink audit = AuditSinks.failSafe(AuditSinks.slf4j());
        Sessions sessions = Sessions.builder().store(SessionStore.inMemory(100_000)).clock(clock).auditSink(audit)
                .build();
        AccessTokens tokens = AccessTokens.builder()
                .signingKeys(SigningKeys.of(SigningKey.hmac("k1", Secret.ofUtf8(jwtKey))))
                .issuer("https://id.example.com").audience("api.example.com")
                .clock(clock).sessions(sessions).auditSink(audit).build();
        Authorizer authorizer = Authorizer.builder().policy(Presets.orgMatrix()).memberships(memberships)
                .auditSink(audit).clock(clock).build();
        BulwarkFilters filters = BulwarkFilters.builder() // README: BulwarkFilters.builder()
                .cors(CorsFilter.builder().allowedOrigins("https://app.example.com").allowCredentials(true).build())
                .authentication(AuthenticationFilter.builder().accessTokens(tokens).build())
                .orgContext(OrgContextFilter.create(OrgContextResolver.create(memberships, audit, clock)))
                .authorization(AuthorizationFilter.builder(authorizer)
                        .route("GET", "/api/projects", "projects.read")
                        .route("POST", "/api/projects", "projects.create").build())
                .build();
        // filters.install(servletContext);   // from your ServletContainerInitializer
        // --- README example ends here
        assertThat(filters.filters()).hasSize(6);
    }
}
