package dev.bulwark.tokens.spi;

import dev.bulwark.tokens.internal.InMemoryOneTimeTokenStore;
import java.time.Instant;
import java.util.Optional;

/** Storage of single-use tokens; {@link #consume} is atomic (take and delete). Thread-safe. */
public interface OneTimeTokenStore {

    /**
     * @param record a new token
     * @throws dev.bulwark.tokens.TokenException with {@code STORE_FULL} when a bounded store is full
     */
    void put(OneTimeTokenRecord record);

    /**
     * Atomically removes and returns the record: of two concurrent callers at most one gets it.
     *
     * @param tokenHash the hash
     * @return the record, if it was present
     */
    Optional<OneTimeTokenRecord> consume(String tokenHash);

    /** @param now current time @return how many expired records were deleted */
    int purgeExpired(Instant now);

    /**
     * @param maxTokens the most records held
     * @return a bounded, thread-safe in-memory store
     */
    static OneTimeTokenStore inMemory(int maxTokens) {
        return new InMemoryOneTimeTokenStore(maxTokens);
    }
}
