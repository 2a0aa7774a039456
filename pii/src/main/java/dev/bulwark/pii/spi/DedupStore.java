package dev.bulwark.pii.spi;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.pii.internal.InMemoryDedupStore;

/**
 * Remembers content fingerprints (keyed hashes, never content) for the {@code hash-dedup} gate.
 * Implementations must be thread-safe and bounded.
 */
public interface DedupStore {

    /**
     * Records {@code fingerprint} atomically.
     *
     * @param fingerprint a keyed hash of the content
     * @return {@code true} when it was not seen before (and is now recorded), {@code false} for a duplicate
     */
    boolean firstSeen(String fingerprint);

    /**
     * A bounded, thread-safe in-memory store that forgets the least recently seen fingerprint first.
     *
     * @param capacity how many fingerprints to keep, 1 to 10,000,000
     * @return the store
     * @throws ConfigurationException when the capacity is out of range
     */
    static DedupStore inMemory(int capacity) {
        ConfigurationException.check(capacity >= 1 && capacity <= 10_000_000,
                "dedup capacity must be between 1 and 10000000, was " + capacity);
        return new InMemoryDedupStore(capacity);
    }
}
