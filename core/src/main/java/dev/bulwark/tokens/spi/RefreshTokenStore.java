package dev.bulwark.tokens.spi;

import dev.bulwark.tokens.internal.InMemoryRefreshTokenStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Storage of refresh tokens by hash, grouped in families. Implementations are thread-safe; {@link #rotate}
 * is an atomic compare-and-set (exactly one of two concurrent callers wins).
 */
public interface RefreshTokenStore {

    /**
     * @param record a new ACTIVE record
     * @throws dev.bulwark.tokens.TokenException with {@code STORE_FULL} when a bounded store is full
     */
    void insert(RefreshTokenRecord record);

    /** @param tokenHash hash of a token @return its record */
    Optional<RefreshTokenRecord> find(String tokenHash);

    /**
     * Atomically moves {@code tokenHash} from ACTIVE to ROTATED, recording its successor.
     *
     * @param tokenHash the token being used
     * @param successorHash the hash of its replacement
     * @param at the time of rotation
     * @return whether this caller won (the record was ACTIVE)
     */
    boolean rotate(String tokenHash, String successorHash, Instant at);

    /**
     * Marks every record of a family REVOKED.
     *
     * @param familyId the family
     * @return how many records changed
     */
    int revokeFamily(String familyId);

    /**
     * Deletes records whose family ended before {@code now}.
     *
     * @param now the current time
     * @return how many were deleted
     */
    int purgeExpired(Instant now);

    /**
     * @param maxTokens the most records held
     * @return a bounded, thread-safe in-memory store
     */
    static RefreshTokenStore inMemory(int maxTokens) {
        return new InMemoryRefreshTokenStore(maxTokens);
    }
}
