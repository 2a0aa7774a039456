package dev.bulwark.tokens.spi;

import java.time.Instant;

/**
 * One refresh token of a family, stored by the hash of the token.
 *
 * @param tokenHash base64url(SHA-256(token))
 * @param familyId the family: the session handle
 * @param state ACTIVE (the one live token of the family), ROTATED (used once) or REVOKED
 * @param createdAt when it was issued
 * @param familyExpiresAt the family's absolute end, which rotation never extends
 * @param rotatedAt when it was rotated, or {@code null}
 * @param successorHash the hash of the token that replaced it, or {@code null}
 */
public record RefreshTokenRecord(String tokenHash, String familyId, State state, Instant createdAt,
        Instant familyExpiresAt, Instant rotatedAt, String successorHash) {

    /** The life cycle of one refresh token. */
    public enum State {
        /** Live: the next refresh may use it. */
        ACTIVE,
        /** Used once and replaced; presenting it again is reuse. */
        ROTATED,
        /** Revoked with its family. */
        REVOKED
    }
}
