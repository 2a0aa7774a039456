package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.CoreReason;
import dev.bulwark.crypto.spi.PairwiseIdStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, thread-safe in-memory {@link PairwiseIdStore}. It never evicts (an evicted id would change
 * for its user, which would break the app that stored it): once {@code capacity} pairs are stored, new
 * pairs are refused with {@link CoreReason#STORE_UNAVAILABLE}. For tests and single-instance services.
 */
public final class InMemoryPairwiseIdStore implements PairwiseIdStore {

    private final int capacity;
    private final Map<String, byte[]> ids = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * @param capacity maximum number of (user, app) pairs, at least 1
     */
    public InMemoryPairwiseIdStore(int capacity) {
        ConfigurationException.check(capacity >= 1, "capacity must be at least 1, was " + capacity);
        this.capacity = capacity;
    }

    @Override
    public Optional<byte[]> find(String userId, String appId) {
        byte[] v = ids.get(key(userId, appId));
        return Optional.ofNullable(v == null ? null : v.clone());
    }

    @Override
    public byte[] putIfAbsent(String userId, String appId, byte[] id) {
        String k = key(userId, appId);
        byte[] existing = ids.get(k);
        if (existing != null) {
            return existing.clone();
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            throw new ConfigurationException(CoreReason.STORE_UNAVAILABLE,
                    "in-memory pairwise id store is full (" + capacity + " pairs)");
        }
        byte[] prev = ids.putIfAbsent(k, id.clone());
        if (prev != null) {
            size.decrementAndGet();
            return prev.clone();
        }
        return id.clone();
    }

    private static String key(String userId, String appId) {
        return userId.length() + ":" + userId + "|" + appId;
    }
}
