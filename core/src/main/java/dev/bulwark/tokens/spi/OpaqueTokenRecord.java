package dev.bulwark.tokens.spi;

import java.time.Instant;
import java.util.Set;

/**
 * A stored opaque access token: only its hash and what it grants.
 *
 * @param tokenHash base64url(SHA-256(token))
 * @param subject the subject
 * @param org the org, or {@code null}
 * @param sessionId the raw session id the token belongs to (what {@code sid} carries in a JWT)
 * @param roles roles
 * @param scopes scopes
 * @param jwtId a unique id for logs and audit
 * @param issuedAt issue time
 * @param expiresAt expiry
 */
public record OpaqueTokenRecord(String tokenHash, String subject, String org, String sessionId, Set<String> roles,
        Set<String> scopes, String jwtId, Instant issuedAt, Instant expiresAt) {

    /** Copies the sets. */
    public OpaqueTokenRecord {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** {@return subject and expiry; never the session id} */
    @Override
    public String toString() {
        return "OpaqueTokenRecord[sub=" + subject + ", jti=" + jwtId + ", exp=" + expiresAt + "]";
    }
}
