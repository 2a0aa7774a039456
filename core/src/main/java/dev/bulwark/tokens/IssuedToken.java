package dev.bulwark.tokens;

import java.time.Instant;

/**
 * A freshly minted access token.
 *
 * @param token the compact JWT (a bearer credential: never log it)
 * @param jwtId its {@code jti}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record IssuedToken(String token, String jwtId, Instant issuedAt, Instant expiresAt) {

    /** {@return the seconds from issue to expiry, as OAuth's {@code expires_in}} */
    public long expiresInSeconds() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }

    /** {@return jti and times; the token is masked after 8 characters} */
    @Override
    public String toString() {
        return "IssuedToken[token=" + token.substring(0, Math.min(8, token.length())) + "..., jti=" + jwtId
                + ", exp=" + expiresAt + "]";
    }
}
