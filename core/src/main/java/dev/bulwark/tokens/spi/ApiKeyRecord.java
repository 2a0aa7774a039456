package dev.bulwark.tokens.spi;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key: never the raw key, only its hash.
 *
 * @param keyId the non-secret lookup id (the first 16 hex characters after the prefix)
 * @param org the one org the key belongs to
 * @param name a label chosen by the user, or {@code null}
 * @param displayPrefix the masked prefix shown in listings, e.g. {@code ak_live_3f9a…}
 * @param hash SHA-256 (or HMAC-SHA256 with the pepper) of the whole raw key, base64url
 * @param scopes the scopes the key may use (empty: unrestricted within the org)
 * @param createdAt creation time
 * @param expiresAt expiry, or {@code null} for none
 * @param lastUsedAt last successful authentication, or {@code null}
 * @param revokedAt revocation time, or {@code null}
 */
public record ApiKeyRecord(String keyId, String org, String name, String displayPrefix, String hash,
        Set<String> scopes, Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    /** Copies the scopes. */
    public ApiKeyRecord {
        scopes = Set.copyOf(scopes);
    }

    /** {@return id, org and prefix; never the hash} */
    @Override
    public String toString() {
        return "ApiKeyRecord[id=" + keyId + ", org=" + org + ", prefix=" + displayPrefix + ", revoked=" + (revokedAt != null) + "]";
    }
}
