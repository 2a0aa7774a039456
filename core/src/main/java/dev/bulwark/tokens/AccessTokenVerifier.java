package dev.bulwark.tokens;

/**
 * Verifies access tokens: {@link AccessTokens} (JWT) or {@link OpaqueAccessTokens}. What an HTTP adapter
 * needs. Implementations are thread-safe.
 */
public interface AccessTokenVerifier {

    /**
     * @param token the bearer token
     * @return the verified token
     * @throws TokenException with the reason of the first failed check; the message never holds the token
     */
    VerifiedToken verify(String token);
}
