package dev.bulwark.tokens;

/**
 * An access token and its refresh token, in the shape of an OAuth token response.
 *
 * @param accessToken the access token
 * @param refreshToken the opaque refresh token (single use; a bearer credential: never log it)
 * @param sessionHandle the session's public id (the {@code session_id} of the demo's login response)
 * @param sessionId the raw session id carried as {@code sid}
 */
public record TokenPair(IssuedToken accessToken, String refreshToken, String sessionHandle, String sessionId) {

    /** {@return seconds until the access token expires} */
    public long expiresIn() {
        return accessToken.expiresInSeconds();
    }

    /** {@return the session handle and access-token expiry; tokens masked} */
    @Override
    public String toString() {
        return "TokenPair[session=" + sessionHandle + ", access=" + accessToken + ", refresh=rt_***]";
    }
}
