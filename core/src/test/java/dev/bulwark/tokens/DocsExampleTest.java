package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.tokens.spi.ApiKeyStore;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import dev.bulwark.tokens.spi.SessionStore;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The composition shown in docs/tokens.md, kept compiling and passing. */
class DocsExampleTest {

    @Test
    void docsExample() {
        Clock clock = Clock.systemUTC();
        Secret hmacSecret = Secret.ofBytes(dev.bulwark.core.RandomTokens.bytes(32)); // load yours from a secret store
        // --- docs/tokens.md example begins
        SigningKeys keys = SigningKeys.of(SigningKey.hmac("2026-01", hmacSecret));
        Sessions sessions = Sessions.builder()
                .store(SessionStore.inMemory(100_000))
                .clock(clock)
                .auditSink(AuditSinks.slf4j())
                .build();
        AccessTokens accessTokens = AccessTokens.builder()
                .signingKeys(keys)
                .issuer("https://id.example.com")
                .audience("api.example.com")
                .clock(clock)
                .sessions(sessions)               // sid checked on every verify
                .build();
        RefreshTokens refreshTokens = RefreshTokens.builder()
                .store(RefreshTokenStore.inMemory(100_000))
                .sessions(sessions)
                .accessTokens(accessTokens)
                .clock(clock)
                .build();

        // after the password (and TOTP) checks succeeded:
        TokenPair login = refreshTokens.login("user-42", "org-7", "Firefox on macOS", Set.of("admin"), Set.of());
        VerifiedToken who = accessTokens.verify(login.accessToken().token());   // or TokenException
        TokenPair next = refreshTokens.refresh(login.refreshToken());           // rotation, same sid
        sessions.revokeOthers(who.subject(), who.sessionId());                   // sign out everywhere else

        ApiKeys apiKeys = ApiKeys.builder().store(ApiKeyStore.inMemory(10_000)).clock(clock)
                .accessTokens(accessTokens).sessions(sessions).build();
        ApiKeys.CreatedApiKey created = apiKeys.create("org-7", "CI", Set.of("projects.read"), null);
        ApiKeys.ApiKeyPrincipal ci = apiKeys.authenticate(created.rawKey());     // org-7, scopes
        // --- docs/tokens.md example ends
        assertThat(who.subject()).isEqualTo("user-42");
        assertThat(next.sessionId()).isEqualTo(login.sessionId());
        assertThat(ci.org()).isEqualTo("org-7");
    }
}
