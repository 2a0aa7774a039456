package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.spi.OpaqueTokenStore;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpaqueAccessTokensTest {

    private final Fixtures f = new Fixtures();
    private final OpaqueTokenStore store = OpaqueTokenStore.inMemory(100);
    private final OpaqueAccessTokens opaque = OpaqueAccessTokens.builder().store(store).clock(f.clock)
            .sessions(f.sessions).auditSink(f.audit).build();

    private static TokenReason reason(Runnable r) {
        try {
            r.run();
        } catch (TokenException e) {
            return e.tokenReason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void issueVerify_sameVerifiedTokenShape_noUserDataInToken() {
        Sessions.NewSession s = f.session("u1");
        IssuedToken t = opaque.issue(new AccessTokenClaims("u1", "org-1", s.sessionId(), Set.of("admin"), Set.of("a.read")));
        // "at_" + exactly 256 random bits (43 base64url characters): no room for user data. (A substring check
        // for "u1" failed about once in a hundred runs: 43 random characters contain any given pair that often.)
        assertThat(t.token()).matches("at_[A-Za-z0-9_-]{43}").doesNotContain("org-1");
        assertThat(java.util.Base64.getUrlDecoder().decode(t.token().substring(3))).hasSize(32);
        VerifiedToken v = opaque.verify(t.token());
        assertThat(v.subject()).isEqualTo("u1");
        assertThat(v.org()).isEqualTo("org-1");
        assertThat(v.roles()).containsExactly("admin");
        assertThat(v.scopes()).containsExactly("a.read");
        assertThat(v.claims()).containsEntry("sub", "u1").containsEntry("scope", "a.read");
        assertThat(v.expiresAt()).isEqualTo(f.clock.instant().plus(AccessTokens.DEFAULT_TTL));
    }

    @Test
    void expired_revoked_unknown_sessionRevoked() {
        Sessions.NewSession s = f.session("u1");
        String t = opaque.issue(new AccessTokenClaims("u1", null, s.sessionId(), null, null)).token();
        String t2 = opaque.issue(new AccessTokenClaims("u1", null, s.sessionId(), null, null)).token();
        assertThat(opaque.revoke(t2)).isTrue();
        assertThat(reason(() -> opaque.verify(t2))).isEqualTo(TokenReason.UNKNOWN_TOKEN);
        assertThat(reason(() -> opaque.verify("at_" + "A".repeat(43)))).isEqualTo(TokenReason.UNKNOWN_TOKEN);
        assertThat(reason(() -> opaque.verify(f.valid("u1")))).isEqualTo(TokenReason.MALFORMED);
        f.sessions.revokeBySessionId(s.sessionId());
        assertThat(reason(() -> opaque.verify(t))).isEqualTo(TokenReason.SESSION_REVOKED);
        Sessions.NewSession s2 = f.session("u1");
        String t3 = opaque.issue(new AccessTokenClaims("u1", null, s2.sessionId(), null, null)).token();
        f.clock.advance(Duration.ofMinutes(30));
        assertThat(reason(() -> opaque.verify(t3))).isEqualTo(TokenReason.EXPIRED);
        assertThat(opaque.purgeExpired()).isEqualTo(2);
    }

    @Test
    void refreshTokens_workWithOpaqueIssuer() {
        RefreshTokens r = RefreshTokens.builder().store(RefreshTokenStore.inMemory(10)).sessions(f.sessions)
                .accessTokens(opaque).clock(f.clock).build();
        TokenPair p = r.login("u1", null, null, Set.of(), Set.of());
        assertThat(opaque.verify(p.accessToken().token()).sessionId()).isEqualTo(p.sessionId());
        TokenPair q = r.refresh(p.refreshToken());
        AccessTokenVerifier verifier = opaque;
        assertThat(verifier.verify(q.accessToken().token()).subject()).isEqualTo("u1");
    }

    @Test
    void build_validates() {
        assertThatThrownBy(() -> OpaqueAccessTokens.builder().store(store).clock(f.clock).build())
                .isInstanceOf(ConfigurationException.class);
    }
}
