package dev.bulwark.ratelimit.spi;

import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.internal.InMemoryBucketStore;

/**
 * Where keyed bucket state lives: in memory (bounded, the default of {@code KeyedRateLimiter}) or in a
 * shared server (Redis, in {@code bulwark-redis}). The algorithm is {@link BucketSpec}; a store only has to
 * run it atomically per key, with its own time source (the Redis store uses the server's {@code TIME}, so
 * application clocks do not matter).
 *
 * <p>Contract (checked by the testkit's {@code RateLimitStoreContract}):
 * <ul>
 * <li>{@link #tryAcquire} is atomic per key: concurrent calls never admit more than {@link BucketSpec}
 *     allows for the sequence of times they were served at.</li>
 * <li>An absent key is a full bucket. A store may forget a key only when its bucket is full at the time it
 *     forgets it (a full bucket is indistinguishable from a new one), so forgetting never over-admits;
 *     a TTL of {@link BucketSpec#nanosUntilFull} after the last update satisfies this.</li>
 * <li>A store that cannot keep a new key (bounded memory) refuses with
 *     {@link dev.bulwark.ratelimit.RateLimitReason#KEY_TABLE_FULL} rather than evicting a non-full bucket.</li>
 * <li>A store instance serves one {@link BucketSpec} (one limiter); give each limiter its own store or key prefix.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface RateLimitStore {

    /**
     * The bounded, thread-safe in-memory store (the default of {@code KeyedRateLimiter}): at most
     * {@code maxKeys} keys, only full buckets forgotten, new keys refused with {@code KEY_TABLE_FULL} when no
     * bucket can be forgotten.
     *
     * @param maxKeys the most keys held, at least 1
     * @param time the time source
     * @return a new store (serving one {@link BucketSpec})
     * @throws dev.bulwark.core.ConfigurationException when {@code maxKeys < 1} or {@code time} is null
     */
    static RateLimitStore inMemory(int maxKeys, TimeSource time) {
        return new InMemoryBucketStore(maxKeys, time);
    }

    /**
     * Atomically applies {@link BucketSpec#tryAcquire} to {@code key}'s bucket at the store's current time
     * and stores the result when allowed.
     *
     * @param key the bucket key, non-empty
     * @param spec the bandwidths
     * @param cost the cost, at least 1
     * @return the decision
     * @throws dev.bulwark.core.BulwarkException with {@code CoreReason.STORE_UNAVAILABLE} when the store cannot
     *         be reached in time (the limiter then applies its declared fail mode)
     */
    RateDecision tryAcquire(String key, BucketSpec spec, long cost);

    /**
     * Atomically applies {@link BucketSpec#adjust} ({@code delta > 0} refunds tokens, {@code delta < 0}
     * charges them, possibly into debt) to {@code key}'s bucket at the store's current time.
     *
     * @param key the bucket key
     * @param spec the bandwidths
     * @param delta tokens to add (positive) or remove (negative)
     * @return whole tokens available afterwards in the tightest bandwidth (0 when in debt)
     */
    long adjust(String key, BucketSpec spec, long delta);

    /**
     * @param key the bucket key
     * @param spec the bandwidths
     * @return whole tokens available now in the tightest bandwidth, without consuming
     */
    long available(String key, BucketSpec spec);
}
