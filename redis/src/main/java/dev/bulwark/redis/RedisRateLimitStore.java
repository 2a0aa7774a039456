package dev.bulwark.redis;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.RateLimitException;
import dev.bulwark.ratelimit.RateLimitReason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.spi.BucketSpec;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RateLimitStore} shared by every instance of a service: <strong>one round trip per decision</strong>
 * ({@code EVALSHA} of one Lua script that reads, refills, decides and writes atomically on the server), with the
 * same token-bucket arithmetic as {@link BucketSpec} and the in-memory store.
 *
 * <p><strong>Time.</strong> By default the script reads the Redis server's {@code TIME}, so the application
 * instances' clocks do not matter (they may disagree by seconds). {@link Builder#timeSource(TimeSource)} makes
 * the store send the application's time instead (tests, or hosts that want one clock for everything).
 *
 * <p><strong>Exactness.</strong> Lua numbers are doubles, exact for integers up to 2<sup>53</sup>. The script
 * counts in microsecond units: for a bandwidth {@code C/R/P}, {@code q = P/gcd(R,P)} units per token with
 * {@code P} in microseconds. {@link #tryAcquire} refuses (at first use of a spec, with
 * {@link RateLimitReason#INVALID_CONFIGURATION}) a bandwidth whose period is not a whole number of microseconds
 * or whose capacity in units exceeds 2<sup>52</sup> — in practice, a bandwidth with both a huge capacity and a
 * very long period; it never rounds quietly. Retry-after and reset are therefore exact to the microsecond
 * (rounded up), where the in-memory bucket is exact to the nanosecond.
 *
 * <p><strong>Keys.</strong> One key per bucket, {@code <prefix>:{<digest>}:rl:<name>}, hash-tagged so the
 * script touches one slot (Redis Cluster ready), named by the SHA-256 digest of the caller's key (no user id,
 * IP or API key in Redis), and expiring when the bucket would be full again (an idle bucket vanishes; a full
 * bucket is the same as an absent one, so expiry never over-admits).
 *
 * <p><strong>Failure.</strong> When Redis cannot answer within the backend's timeout, {@link #tryAcquire} throws
 * {@link dev.bulwark.core.StoreUnavailableException}; the limiter above it fails closed unless the host
 * configured it to fail open (and then records that it did). Thread-safe.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    /** Largest capacity in units the script handles exactly (2^52, leaving headroom below 2^53). */
    static final long MAX_EXACT_UNITS = 1L << 52;

    private static final LuaScript SCRIPT = LuaScript.load("dev/bulwark/redis/token_bucket.lua");

    private final RedisBackend backend;
    private final String name;
    private final TimeSource time;
    private final Map<BucketSpec, String[]> argsCache = new ConcurrentHashMap<>();

    private RedisRateLimitStore(Builder b) {
        this.backend = b.backend;
        this.name = b.name;
        this.time = b.time;
    }

    /**
     * @param backend the shared connection
     * @return a builder
     */
    public static Builder builder(RedisBackend backend) {
        return new Builder(backend);
    }

    @Override
    public RateDecision tryAcquire(String key, BucketSpec spec, long cost) {
        checkCost(cost);
        List<Bandwidth> bandwidths = spec.bandwidths();
        List<Long> r = run("rate limit acquire", key, spec, "acquire", cost);
        Bandwidth limit = bandwidths.get(r.get(4).intValue());
        long remaining = r.get(1);
        long resetNanos = r.get(3) * 1000;
        long limitResetNanos = r.get(5) * 1000;
        if (r.get(0) == 1L) {
            return RateDecision.allow(remaining, resetNanos, limit, limitResetNanos);
        }
        long retry = r.get(2);
        return retry < 0
                ? RateDecision.deny(remaining, RateDecision.NEVER, resetNanos, limit, limitResetNanos,
                        RateLimitReason.COST_EXCEEDS_CAPACITY)
                : RateDecision.deny(remaining, retry * 1000, resetNanos, limit, limitResetNanos,
                        RateLimitReason.OVER_LIMIT);
    }

    @Override
    public long adjust(String key, BucketSpec spec, long delta) {
        return run("rate limit adjust", key, spec, "adjust", delta).get(0);
    }

    @Override
    public long available(String key, BucketSpec spec) {
        return run("rate limit read", key, spec, "available", 0).get(0);
    }

    private List<Long> run(String operation, String key, BucketSpec spec, String op, long amount) {
        if (key == null || key.isEmpty()) {
            throw new RateLimitException(RateLimitReason.INVALID_KEY, "rate-limit key must not be empty");
        }
        String[] tail = argsCache.computeIfAbsent(spec, RedisRateLimitStore::bandwidthArgs);
        String[] args = new String[3 + tail.length];
        args[0] = op;
        args[1] = Long.toString(amount);
        args[2] = time == null ? "" : Long.toString(Math.floorDiv(time.nanoTime(), 1000L));
        System.arraycopy(tail, 0, args, 3, tail.length);
        String redisKey = backend.key(RedisBackend.digest(key), "rl", name);
        return backend.eval(operation, SCRIPT, ScriptOutputType.MULTI, new String[] {redisKey}, args);
    }

    /**
     * The script's per-bandwidth arguments: n, then C, q, r for each bandwidth in microsecond units.
     *
     * @param spec the spec
     * @return the arguments
     * @throws RateLimitException when a bandwidth cannot be represented exactly
     */
    static String[] bandwidthArgs(BucketSpec spec) {
        List<Bandwidth> bandwidths = spec.bandwidths();
        String[] args = new String[1 + 3 * bandwidths.size()];
        args[0] = Integer.toString(bandwidths.size());
        for (int i = 0; i < bandwidths.size(); i++) {
            Bandwidth b = bandwidths.get(i);
            long periodNanos = b.refillPeriodNanos();
            if (periodNanos % 1000 != 0) {
                throw new RateLimitException(RateLimitReason.INVALID_CONFIGURATION, "bandwidth " + b
                        + ": the Redis store needs a refill period that is a whole number of microseconds");
            }
            long periodMicros = periodNanos / 1000;
            long g = gcd(b.refillTokens(), periodMicros);
            long q = periodMicros / g;
            long r = b.refillTokens() / g;
            if (b.capacity() > MAX_EXACT_UNITS / q || r > MAX_EXACT_UNITS) {
                throw new RateLimitException(RateLimitReason.INVALID_CONFIGURATION, "bandwidth " + b
                        + " is too large for exact arithmetic in Redis (capacity x period/gcd must be at most 2^52"
                        + " microsecond units); shorten the period or lower the capacity");
            }
            args[1 + 3 * i] = Long.toString(b.capacity());
            args[2 + 3 * i] = Long.toString(q);
            args[3 + 3 * i] = Long.toString(r);
        }
        return args;
    }

    private static void checkCost(long cost) {
        if (cost < 1) {
            throw new RateLimitException(RateLimitReason.INVALID_COST, "cost must be at least 1, was " + cost);
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Configures a {@link RedisRateLimitStore}. */
    public static final class Builder {
        private final RedisBackend backend;
        private String name = "default";
        private TimeSource time;

        private Builder(RedisBackend backend) {
            this.backend = ConfigurationException.requireSet(backend, "backend");
        }

        /**
         * @param name the limiter's name, part of every key ({@code [a-z0-9_-]{1,32}}); give each limiter sharing
         *     a backend its own (a store serves one {@link BucketSpec})
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param time the application's time source, sent with every call instead of using the server's
         *     {@code TIME}; {@code null} (the default) uses the server's
         * @return this builder
         */
        public Builder timeSource(TimeSource time) {
            this.time = time;
            return this;
        }

        /**
         * @return the store
         * @throws ConfigurationException for a malformed name
         */
        public RedisRateLimitStore build() {
            ConfigurationException.check(name != null && name.matches("[a-z0-9_-]{1,32}"),
                    "name must match [a-z0-9_-]{1,32}");
            return new RedisRateLimitStore(this);
        }
    }
}
