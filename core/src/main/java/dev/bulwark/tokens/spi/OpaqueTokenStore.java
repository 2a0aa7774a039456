package dev.bulwark.tokens.spi;

import dev.bulwark.tokens.internal.InMemoryOpaqueTokenStore;
import java.time.Instant;
import java.util.Optional;

/** Storage of opaque access tokens by hash. Thread-safe; each method atomic. */
public interface OpaqueTokenStore {

    /**
     * @param record a new token
     * @throws dev.bulwark.tokens.TokenException with {@code STORE_FULL} when a bounded store is full
     */
    void put(OpaqueTokenRecord record);

    /** @param tokenHash the hash @return the record */
    Optional<OpaqueTokenRecord> find(String tokenHash);

    /** @param tokenHash the hash @return whether a record was deleted */
    boolean delete(String tokenHash);

    /** @param now current time @return how many expired records were deleted */
    int purgeExpired(Instant now);

    /**
     * @param maxTokens the most records held
     * @return a bounded, thread-safe in-memory store
     */
    static OpaqueTokenStore inMemory(int maxTokens) {
        return new InMemoryOpaqueTokenStore(maxTokens);
    }
}
