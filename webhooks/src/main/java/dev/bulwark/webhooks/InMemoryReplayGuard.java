package dev.bulwark.webhooks;

import dev.bulwark.core.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded, thread-safe in-memory {@link ReplayGuard} for a single process.
 *
 * <p>Keeps at most {@code maxEntries} keys, each until its TTL (read from the injected {@link Clock}) passes.
 * When full, it first drops expired keys and then the <em>oldest</em> key: forgetting early re-opens a
 * replay window for that one event, which an attacker cannot force without valid signatures (only the
 * provider can sign); size {@code maxEntries} for your peak event rate times the TTL. Memory is about
 * 150 bytes per key plus the key itself.
 *
 * <p>This class is thread-safe (one lock; each call is O(1) amortised).
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    /** The default capacity. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

    private InMemoryReplayGuard(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * @param maxEntries how many keys to keep at most, 1 to 100,000,000
     * @param clock the time source for TTLs
     * @return the guard
     * @throws ConfigurationException when {@code maxEntries} is out of range or the clock is null
     */
    public static InMemoryReplayGuard create(int maxEntries, Clock clock) {
        ConfigurationException.check(maxEntries >= 1 && maxEntries <= 100_000_000,
                "replay guard maxEntries must be between 1 and 100000000, was " + maxEntries);
        ConfigurationException.check(clock != null, "replay guard clock must be set");
        return new InMemoryReplayGuard(maxEntries, clock);
    }

    /**
     * @param clock the time source for TTLs
     * @return a guard of {@value #DEFAULT_MAX_ENTRIES} keys
     */
    public static InMemoryReplayGuard create(Clock clock) {
        return create(DEFAULT_MAX_ENTRIES, clock);
    }

    @Override
    public boolean markIfNew(String key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        long now = clock.millis();
        long expiry = saturatedAdd(now, ttl);
        synchronized (expiries) {
            Long seen = expiries.get(key);
            if (seen != null && seen > now) {
                return false;
            }
            if (seen != null) {
                expiries.remove(key);
            }
            if (expiries.size() >= maxEntries) {
                evict(now);
            }
            expiries.put(key, expiry);
            return true;
        }
    }

    /** {@return how many keys are held (expired ones included until evicted)} */
    public int size() {
        synchronized (expiries) {
            return expiries.size();
        }
    }

    private void evict(long now) {
        // Insertion order approximates expiry order (TTLs are per scheme): drop expired keys from the head,
        // then, if still full, the oldest key.
        Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() <= now || expiries.size() >= maxEntries) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private static long saturatedAdd(long now, Duration ttl) {
        try {
            return Math.addExact(now, ttl.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "InMemoryReplayGuard[maxEntries=" + maxEntries + "]";
    }
}
