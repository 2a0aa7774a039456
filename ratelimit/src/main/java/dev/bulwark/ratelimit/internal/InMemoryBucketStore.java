package dev.bulwark.ratelimit.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.RateLimitReason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.spi.BucketSpec;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded in-memory store: a {@link ConcurrentHashMap} from key to an immutable {@code long[]} state,
 * updated by compare-and-swap ({@code replace(key, old, new)}, identity comparison). At most
 * {@code maxKeys} keys; when full, a sweep forgets buckets that are full by now (removal is itself a CAS on
 * the exact state seen full, so a concurrent consumer can never lose its consumption); when none is full, a
 * new key is refused with {@code KEY_TABLE_FULL} until the earliest bucket refills.
 */
public final class InMemoryBucketStore implements RateLimitStore {

    private final ConcurrentHashMap<String, long[]> map;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong nextSweepAt = new AtomicLong(Long.MIN_VALUE);
    private final int maxKeys;
    private final TimeSource time;
    private final Object sweepLock = new Object();
    private volatile BucketSpec bound;

    public InMemoryBucketStore(int maxKeys, TimeSource time) {
        ConfigurationException.check(maxKeys >= 1, "maxKeys must be at least 1, was " + maxKeys);
        this.maxKeys = maxKeys;
        this.time = ConfigurationException.requireSet(time, "timeSource");
        this.map = new ConcurrentHashMap<>(Math.min(maxKeys, 1 << 16));
    }

    private BucketSpec bind(BucketSpec spec) {
        BucketSpec b = bound;
        if (b == spec) {
            return spec;
        }
        synchronized (sweepLock) {
            if (bound == null) {
                bound = spec;
            } else if (bound != spec) {
                throw new ConfigurationException("an in-memory rate-limit store serves one limiter; create one store per limiter");
            }
        }
        return spec;
    }

    @Override
    public RateDecision tryAcquire(String key, BucketSpec spec, long cost) {
        bind(spec);
        long now = time.nanoTime();
        long[] next = new long[spec.size() + 1];
        for (;;) {
            long[] cur = map.get(key);
            if (cur != null) {
                RateDecision d = spec.tryAcquire(cur, now, cost, next);
                if (!d.allowed() || map.replace(key, cur, next)) {
                    return d;
                }
                continue;
            }
            RateDecision d = spec.tryAcquire(spec.fullState(now), now, cost, next);
            if (!d.allowed()) {
                return d;
            }
            if (!reserveSlot(spec, now)) {
                long at = nextSweepAt.get();
                return RateDecision.deny(0, Math.max(1, at - now), 0, null, 0, RateLimitReason.KEY_TABLE_FULL);
            }
            if (map.putIfAbsent(key, next) == null) {
                long fullAt = now + d.resetNanos();
                nextSweepAt.accumulateAndGet(fullAt, Math::min);
                return d;
            }
            count.decrementAndGet();
        }
    }

    @Override
    public long adjust(String key, BucketSpec spec, long delta) {
        bind(spec);
        long now = time.nanoTime();
        for (;;) {
            long[] cur = map.get(key);
            if (cur == null) {
                if (delta >= 0) {
                    return spec.availableTokens(spec.fullState(now), now);
                }
                if (!reserveSlot(spec, now)) {
                    return 0;
                }
                long[] next = spec.adjust(spec.fullState(now), now, delta);
                if (map.putIfAbsent(key, next) == null) {
                    nextSweepAt.accumulateAndGet(now + spec.nanosUntilFull(next, now), Math::min);
                    return spec.availableTokens(next, now);
                }
                count.decrementAndGet();
                continue;
            }
            long[] next = spec.adjust(cur, now, delta);
            if (map.replace(key, cur, next)) {
                return spec.availableTokens(next, now);
            }
        }
    }

    @Override
    public long available(String key, BucketSpec spec) {
        bind(spec);
        long now = time.nanoTime();
        long[] cur = map.get(key);
        return spec.availableTokens(cur == null ? spec.fullState(now) : cur, now);
    }

    private boolean reserveSlot(BucketSpec spec, long now) {
        for (;;) {
            int c = count.get();
            if (c < maxKeys) {
                if (count.compareAndSet(c, c + 1)) {
                    return true;
                }
                continue;
            }
            if (now < nextSweepAt.get() || sweep(spec, now) == 0) {
                return false;
            }
        }
    }

    /**
     * Forgets every bucket that is full at {@code now}.
     *
     * @param spec the bound spec
     * @param now the time
     * @return how many keys were forgotten
     */
    public int sweep(BucketSpec spec, long now) {
        synchronized (sweepLock) {
            int freed = 0;
            long earliest = Long.MAX_VALUE;
            for (Map.Entry<String, long[]> e : map.entrySet()) {
                long[] s = e.getValue();
                long until = spec.nanosUntilFull(s, now);
                if (until == 0) {
                    if (map.remove(e.getKey(), s)) {
                        count.decrementAndGet();
                        freed++;
                    }
                } else {
                    earliest = Math.min(earliest, now + until);
                }
            }
            nextSweepAt.set(earliest);
            return freed;
        }
    }

    /** Forgets every bucket that is full now. @return how many keys were forgotten */
    public int sweepNow() {
        BucketSpec spec = bound;
        return spec == null ? 0 : sweep(spec, time.nanoTime());
    }

    /** @return the number of keys held */
    public int size() {
        return count.get();
    }

    /** @return the bound */
    public int maxKeys() {
        return maxKeys;
    }
}
