package dev.bulwark.testkit;

import dev.bulwark.tokens.AccessTokenClaims;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Access tokens for a host's tests of its own endpoints: valid ones and each kind of bad one, minted with the
 * same key, issuer and audience the host's {@code AccessTokens} verifies with, through Bulwark's public API (the
 * bad ones are what an attacker or a stale client would really send).
 *
 * <pre>{@code
 * TestTokens tokens = TestTokens.of(TestKeys.hmac(), "https://id.example.com", "api.example.com", clock);
 * String ok = tokens.valid(new AccessTokenClaims("alice", "org-1", sessionId, Set.of(), Set.of()));
 * String stale = tokens.expired(claims);
 * }</pre>
 */
public final class TestTokens {

    private final SigningKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private TestTokens(SigningKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * @param key the key the host verifies with
     * @param issuer the host's expected issuer
     * @param audience the host's expected audience
     * @param clock the host's (test) clock
     * @return the fixtures
     */
    public static TestTokens of(SigningKey key, String issuer, String audience, Clock clock) {
        return new TestTokens(key, issuer, audience, clock);
    }

    private String mint(Clock at, String aud, SigningKey with, AccessTokenClaims claims) {
        return AccessTokens.builder().signingKeys(SigningKeys.of(with)).issuer(issuer).audience(aud).clock(at)
                .withoutSessionCheck().build().issue(claims).token();
    }

    /**
     * @param claims the claims (the session id must be live if the host checks sessions)
     * @return a token the host accepts now
     */
    public String valid(AccessTokenClaims claims) {
        return mint(clock, audience, key, claims);
    }

    /**
     * @param claims the claims
     * @return a token issued two hours ago, long expired
     */
    public String expired(AccessTokenClaims claims) {
        return mint(Clock.fixed(clock.instant().minus(Duration.ofHours(2)), ZoneOffset.UTC), audience, key, claims);
    }

    /**
     * @param claims the claims
     * @return a correctly signed token for another audience
     */
    public String wrongAudience(AccessTokenClaims claims) {
        return mint(clock, "https://other.example.com", key, claims);
    }

    /**
     * @param claims the claims
     * @return a token whose payload was changed after signing (the subject is now {@code admin})
     */
    public String tampered(AccessTokenClaims claims) {
        String token = valid(claims);
        String forged = valid(new AccessTokenClaims("admin", claims.org(), claims.sessionId(), claims.roles(),
                claims.scopes()));
        String[] a = token.split("\\.");
        String[] b = forged.split("\\.");
        return a[0] + "." + b[1] + "." + a[2];
    }

    /**
     * @param claims the claims
     * @return a token signed by a different key with the same key id
     */
    public String foreignKey(AccessTokenClaims claims) {
        return mint(clock, audience, SigningKey.generate(key.kid(), key.algorithm()), claims);
    }
}
