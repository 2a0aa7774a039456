package dev.bulwark.tokens;

import java.time.Duration;

/**
 * Mints access tokens: {@link AccessTokens} (JWT) or {@link OpaqueAccessTokens} (server-side lookup).
 * {@link RefreshTokens} and {@link ApiKeys} work with either. Implementations are thread-safe.
 */
public interface AccessTokenIssuer {

    /**
     * @param claims who the token is for
     * @return a token with the issuer's default lifetime
     */
    IssuedToken issue(AccessTokenClaims claims);

    /**
     * @param claims who the token is for
     * @param lifetime a lifetime no longer than the issuer's maximum
     * @return the token
     * @throws IllegalArgumentException when the lifetime is out of range
     */
    IssuedToken issue(AccessTokenClaims claims, Duration lifetime);
}
