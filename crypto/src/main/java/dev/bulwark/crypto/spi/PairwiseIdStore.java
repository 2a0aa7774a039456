package dev.bulwark.crypto.spi;

import java.util.Optional;

/**
 * Storage for random-mode {@link dev.bulwark.crypto.PairwiseIds}: one 16-byte id per (user, app). The
 * in-memory implementation is {@link dev.bulwark.crypto.InMemoryPairwiseIdStore}; a database implementation
 * needs a unique key on (user, app). Implementations are thread-safe.
 */
public interface PairwiseIdStore {

    /**
     * @param userId the user
     * @param appId the app
     * @return the stored id, if any
     */
    Optional<byte[]> find(String userId, String appId);

    /**
     * Stores {@code id} unless an id exists for (user, app); atomic.
     *
     * @param userId the user
     * @param appId the app
     * @param id a fresh 16-byte id
     * @return the id now stored (the existing one if another caller won the race)
     */
    byte[] putIfAbsent(String userId, String appId, byte[] id);
}
