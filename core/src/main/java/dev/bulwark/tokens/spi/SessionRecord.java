package dev.bulwark.tokens.spi;

import java.time.Instant;
import java.util.Set;

/**
 * A stored session. The raw session id never appears here: {@code handle} is base64url(SHA-256(sid)).
 *
 * @param handle the stored, hashed session id; also the public id used in listings and revocation
 * @param userId the user the session belongs to
 * @param org the org the session was opened in, or {@code null}
 * @param device a device label (for example a user agent summary), or {@code null}
 * @param roles roles granted to tokens of this session
 * @param scopes scopes granted to tokens of this session
 * @param createdAt when the session was opened
 * @param lastUsedAt when a token of the session was last used
 * @param expiresAt the absolute timeout
 * @param revokedAt when the session was revoked, or {@code null} while active
 */
public record SessionRecord(String handle, String userId, String org, String device, Set<String> roles,
        Set<String> scopes, Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

    /** Copies the sets. */
    public SessionRecord {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** @param at last use @return a copy with {@code lastUsedAt} set */
    public SessionRecord withLastUsedAt(Instant at) {
        return new SessionRecord(handle, userId, org, device, roles, scopes, createdAt, at, expiresAt, revokedAt);
    }

    /** @param at revocation time @return a copy with {@code revokedAt} set */
    public SessionRecord withRevokedAt(Instant at) {
        return new SessionRecord(handle, userId, org, device, roles, scopes, createdAt, lastUsedAt, expiresAt, at);
    }
}
