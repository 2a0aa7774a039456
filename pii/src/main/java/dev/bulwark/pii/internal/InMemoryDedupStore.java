package dev.bulwark.pii.internal;

import dev.bulwark.pii.spi.DedupStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** LRU-bounded fingerprint set guarded by its own lock. */
public final class InMemoryDedupStore implements DedupStore {
    private final int capacity;
    private final LinkedHashMap<String, Boolean> seen;

    /** @param capacity maximum entries */
    public InMemoryDedupStore(int capacity) {
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > InMemoryDedupStore.this.capacity;
            }
        };
    }

    @Override
    public synchronized boolean firstSeen(String fingerprint) {
        return seen.put(fingerprint, Boolean.TRUE) == null;
    }

    /** {@return the number of remembered fingerprints} */
    public synchronized int size() {
        return seen.size();
    }

    @Override
    public String toString() {
        return "InMemoryDedupStore[capacity=" + capacity + "]";
    }
}
