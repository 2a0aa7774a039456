package dev.bulwark.ratelimit;

import dev.bulwark.core.ConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One limit of a token bucket: at most {@code capacity} tokens, starting full, refilled greedily with
 * {@code refillTokens} tokens per {@code refillPeriod}, continuously and with exact rational arithmetic
 * (DESIGN.md "Rate-limit semantics"; the same as Bucket4j's greedy refill).
 *
 * <p>Built by a staged builder, so that a bandwidth without a refill does not compile:
 * <pre>{@code
 * Bandwidth burst = Bandwidth.capacity(100).refillGreedy(10, Duration.ofSeconds(1));
 * Bandwidth daily = Bandwidth.capacity(10_000).refillGreedy(10_000, Duration.ofDays(1)).withId("daily");
 * }</pre>
 *
 * <p>Limits (checked when the refill is set, {@link ConfigurationException} otherwise): capacity and refill
 * tokens at least 1; period at least 1 ns and at most 365 days; and, after reducing the fraction
 * {@code refillTokens / periodNanos} by its greatest common divisor {@code g}, {@code capacity × (periodNanos / g)}
 * at most 2<sup>61</sup> (the exact arithmetic works in units of {@code g / periodNanos} of a token). Every
 * usual limit fits (a billion tokens per day; 26,000 tokens refilled one per day; 640,000 one per hour).
 *
 * <p>Immutable and thread-safe.
 */
public final class Bandwidth {

    /** The largest capacity in exact units; keeps every intermediate value of the arithmetic in a {@code long}. */
    public static final long MAX_UNITS = 1L << 61;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    private final long capacity;
    private final long refillTokens;
    private final long periodNanos;
    private final String id;

    private Bandwidth(long capacity, long refillTokens, long periodNanos, String id) {
        this.capacity = capacity;
        this.refillTokens = refillTokens;
        this.periodNanos = periodNanos;
        this.id = id;
    }

    /**
     * Starts a bandwidth.
     *
     * @param capacity the most tokens the bandwidth holds (and its initial content), at least 1
     * @return the next stage, which sets the refill
     * @throws ConfigurationException when {@code capacity < 1}
     */
    public static Capacity capacity(long capacity) {
        ConfigurationException.check(capacity >= 1, "bandwidth capacity must be at least 1, was " + capacity);
        return new Capacity(capacity);
    }

    /** The builder stage after {@link Bandwidth#capacity(long)}: a refill must follow. */
    public static final class Capacity {
        private final long capacity;

        private Capacity(long capacity) {
            this.capacity = capacity;
        }

        /**
         * Greedy refill: {@code tokens} per {@code period}, added continuously (a bandwidth of 10 per second
         * gains one token every 100 ms, exactly).
         *
         * @param tokens tokens added per period, at least 1
         * @param period the period, between 1 ns and 365 days
         * @return the bandwidth
         * @throws ConfigurationException when a value is out of range or the combination is too large for
         *         exact arithmetic (see the class description)
         */
        public Bandwidth refillGreedy(long tokens, Duration period) {
            Objects.requireNonNull(period, "period");
            ConfigurationException.check(tokens >= 1, "bandwidth refill tokens must be at least 1, was " + tokens);
            ConfigurationException.check(!period.isNegative() && !period.isZero()
                    && period.compareTo(Duration.ofDays(365)) <= 0,
                    "bandwidth refill period must be between 1 ns and 365 days, was " + period);
            long p = period.toNanos();
            ConfigurationException.check(tokens <= MAX_UNITS, "bandwidth refill tokens must be at most 2^61, was " + tokens);
            long g = gcd(tokens, p);
            long q = p / g;
            ConfigurationException.check(capacity <= MAX_UNITS / q,
                    "bandwidth " + capacity + " per " + period + " refilling " + tokens
                            + " is too large for exact arithmetic (capacity x period in ns / gcd(refill tokens, period in ns) must be at most 2^61)");
            return new Bandwidth(capacity, tokens, p, null);
        }
    }

    /**
     * A copy with a name, used as the policy name in {@code RateLimit} headers and to say which limit decided.
     *
     * @param id 1 to 64 characters of {@code [A-Za-z0-9_.:/-]}
     * @return the named bandwidth
     * @throws ConfigurationException when the id is not acceptable
     */
    public Bandwidth withId(String id) {
        ConfigurationException.check(id != null && ID.matcher(id).matches(),
                "bandwidth id must be 1 to 64 characters of [A-Za-z0-9_.:/-], was " + (id == null ? "null" : "'" + id + "'"));
        return new Bandwidth(capacity, refillTokens, periodNanos, id);
    }

    /** {@return the most tokens the bandwidth holds} */
    public long capacity() {
        return capacity;
    }

    /** {@return the tokens added per refill period} */
    public long refillTokens() {
        return refillTokens;
    }

    /** {@return the refill period} */
    public Duration refillPeriod() {
        return Duration.ofNanos(periodNanos);
    }

    /** {@return the refill period in nanoseconds} */
    public long refillPeriodNanos() {
        return periodNanos;
    }

    /**
     * The name: the one given to {@link #withId(String)}, else {@code CAPACITY/TOKENS/PERIOD} with the period
     * in ms ({@code "100/10/1000ms"}) or, when not a whole number of ms, in ns.
     *
     * @return the id, never {@code null}
     */
    public String id() {
        if (id != null) {
            return id;
        }
        return capacity + "/" + refillTokens + "/"
                + (periodNanos % 1_000_000L == 0 ? (periodNanos / 1_000_000L) + "ms" : periodNanos + "ns");
    }

    /** {@return the time to refill from empty to full, in nanoseconds, rounded up} */
    public long nanosToFill() {
        long g = gcd(refillTokens, periodNanos);
        long q = periodNanos / g;
        long r = refillTokens / g;
        long units = capacity * q;
        return units / r + (units % r == 0 ? 0 : 1);
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bandwidth b && b.capacity == capacity && b.refillTokens == refillTokens
                && b.periodNanos == periodNanos && Objects.equals(b.id, id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, refillTokens, periodNanos, id);
    }

    /** {@return for example {@code Bandwidth[burst: 100 tokens, 10 per PT1S]}} */
    @Override
    public String toString() {
        return "Bandwidth[" + id() + ": " + capacity + " tokens, " + refillTokens + " per " + refillPeriod() + "]";
    }
}
