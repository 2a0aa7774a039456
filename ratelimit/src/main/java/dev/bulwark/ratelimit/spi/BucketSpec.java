package dev.bulwark.ratelimit.spi;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.RateLimitReason;
import java.util.List;

/**
 * The token-bucket arithmetic, in one place, for every backend: the local {@code TokenBucket}, the in-memory
 * keyed store and the Redis script (which replicates these few lines in Lua, and whose tests can compare
 * against this class).
 *
 * <h2>State</h2>
 * A bucket's state is a {@code long[]} of length {@code 1 + n} for {@code n} bandwidths:
 * {@code state[0]} is the time of the last update (ns, from the time source) and {@code state[1 + i]} is the
 * content of bandwidth {@code i} in <em>units</em>. For a bandwidth {@code C/R/P} (P in ns) let
 * {@code g = gcd(R, P)}, {@code q = P / g} (units per token) and {@code r = R / g} (units added per ns).
 * Content is an integer number of units, so refill is exact: no drift, ever.
 *
 * <h2>Rules (DESIGN.md "Rate-limit semantics")</h2>
 * <ol>
 * <li>Refill to time {@code t}: {@code s := min(C·q, s + r·max(0, t − state[0]))} (computed without overflow).</li>
 * <li>A request of cost {@code c} at {@code t} is allowed when, after refill, every bandwidth holds
 *     {@code s ≥ c·q}; then each loses {@code c·q} and {@code state[0] := t}.</li>
 * <li>Otherwise nothing changes; retry-after = {@code max_i ceil((c·q − s) / r)} ns (exact: the earliest
 *     instant at which all bandwidths hold {@code c}); never ({@code -1}) when {@code c > C} for some bandwidth.</li>
 * <li>Remaining = {@code min_i floor(s / q)}; reset = {@code max_i ceil((C·q − s) / r)} ns.</li>
 * </ol>
 * A time earlier than {@code state[0]} is treated as {@code state[0]}. Content may be negative (down to
 * {@code −C·q}) only through {@link #adjust}, used by cost budgets that settle a larger actual cost.
 *
 * <p>Immutable and thread-safe; methods never mutate their input state.
 */
public final class BucketSpec {

    private final Bandwidth[] bandwidths;
    private final long[] capacity;
    private final long[] q;
    private final long[] r;
    private final long[] capUnits;
    private final long[] maxSafeDt;

    private BucketSpec(List<Bandwidth> list) {
        int n = list.size();
        bandwidths = list.toArray(new Bandwidth[0]);
        capacity = new long[n];
        q = new long[n];
        r = new long[n];
        capUnits = new long[n];
        maxSafeDt = new long[n];
        for (int i = 0; i < n; i++) {
            Bandwidth b = bandwidths[i];
            long p = b.refillPeriodNanos();
            long g = gcd(b.refillTokens(), p);
            capacity[i] = b.capacity();
            q[i] = p / g;
            r[i] = b.refillTokens() / g;
            capUnits[i] = b.capacity() * q[i];
            // up to this many ns, s + r·dt cannot overflow (s < C·q ≤ 2^61, r·dt < 2^62)
            maxSafeDt[i] = ((1L << 62) - 1) / r[i];
        }
    }

    /**
     * @param bandwidths one or more bandwidths; a request consumes from all of them
     * @return the spec
     * @throws ConfigurationException when the list is empty or has more than 16 bandwidths
     */
    public static BucketSpec of(List<Bandwidth> bandwidths) {
        ConfigurationException.check(bandwidths != null && !bandwidths.isEmpty(), "at least one bandwidth must be set");
        ConfigurationException.check(bandwidths.size() <= 16, "at most 16 bandwidths per bucket, was " + bandwidths.size());
        for (Bandwidth b : bandwidths) {
            ConfigurationException.requireSet(b, "bandwidth");
        }
        return new BucketSpec(List.copyOf(bandwidths));
    }

    /** {@return the bandwidths, in configuration order} */
    public List<Bandwidth> bandwidths() {
        return List.of(bandwidths);
    }

    /** {@return the number of bandwidths} */
    public int size() {
        return bandwidths.length;
    }

    /** @param i bandwidth index @return units per token ({@code q}) */
    public long unitsPerToken(int i) {
        return q[i];
    }

    /** @param i bandwidth index @return units added per nanosecond ({@code r}) */
    public long unitsPerNano(int i) {
        return r[i];
    }

    /** @param i bandwidth index @return the capacity in units ({@code C·q}) */
    public long capacityUnits(int i) {
        return capUnits[i];
    }

    /**
     * @param now the current time, ns
     * @return a new, full state at {@code now}
     */
    public long[] fullState(long now) {
        long[] s = new long[bandwidths.length + 1];
        s[0] = now;
        System.arraycopy(capUnits, 0, s, 1, capUnits.length);
        return s;
    }

    /**
     * Content of bandwidth {@code i} of {@code state} refilled to {@code now}, in units.
     *
     * @param state the state
     * @param i the bandwidth index
     * @param now the time, ns
     * @return the content in units
     */
    public long refilled(long[] state, int i, long now) {
        long s = state[i + 1];
        long cap = capUnits[i];
        long dt = now - state[0];
        if (s >= cap || dt <= 0) {
            return s;
        }
        if (dt <= maxSafeDt[i]) {
            return Math.min(cap, s + dt * r[i]);
        }
        // rare (a very long idle time): r·dt may overflow, compare with the time to fill instead
        return dt >= ceilDiv(cap - s, r[i]) ? cap : s + dt * r[i];
    }

    /**
     * Evaluates a request of {@code cost} against {@code current} at {@code now}. When it is allowed, the new
     * state is written into {@code next} (length {@code 1 + size()}); when it is refused, {@code next} is left
     * in an unspecified state and the caller keeps {@code current}.
     *
     * @param current the state before (not modified)
     * @param now the time, ns
     * @param cost the cost, at least 1 (not checked here)
     * @param next where the state after an allowed request is written
     * @return the decision
     */
    public RateDecision tryAcquire(long[] current, long now, long cost, long[] next) {
        if (bandwidths.length == 1) {
            return tryAcquireSingle(current, now, cost, next);
        }
        long t = Math.max(now, current[0]);
        int n = bandwidths.length;
        long retry = 0;
        int slowest = -1;
        boolean never = false;
        for (int i = 0; i < n; i++) {
            long s = refilled(current, i, t);
            next[i + 1] = s;
            if (cost > capacity[i]) {
                if (!never) {
                    never = true;
                    slowest = i;
                }
                continue;
            }
            long costUnits = cost * q[i];
            if (s < costUnits) {
                long w = ceilDiv(costUnits - s, r[i]);
                if (!never && w > retry) {
                    retry = w;
                    slowest = i;
                }
            }
        }
        // waits count from now: when the clock is behind the last update (a wall clock stepped back), nothing
        // refills until it is past it again, so that stretch is added to every wait reported
        long behind = t - now;
        if (slowest >= 0) {
            return RateDecision.deny(remaining(next), never ? RateDecision.NEVER : retry + behind,
                    reset(next) + behind, bandwidths[slowest],
                    ceilDiv(capUnits[slowest] - next[slowest + 1], r[slowest]) + behind,
                    never ? RateLimitReason.COST_EXCEEDS_CAPACITY : RateLimitReason.OVER_LIMIT);
        }
        next[0] = t;
        long min = Long.MAX_VALUE;
        int tightest = 0;
        long reset = 0;
        long tightestReset = 0;
        for (int i = 0; i < n; i++) {
            long s = next[i + 1] - cost * q[i];
            next[i + 1] = s;
            long tokens = q[i] == 1 ? s : Math.floorDiv(s, q[i]);
            long w = ceilDiv(capUnits[i] - s, r[i]);
            if (tokens < min) {
                min = tokens;
                tightest = i;
                tightestReset = w;
            }
            reset = Math.max(reset, w);
        }
        return RateDecision.allow(Math.max(0, min), reset + behind, bandwidths[tightest], tightestReset + behind);
    }

    /** {@link #tryAcquire} for the common single-bandwidth bucket: the same rules, without loops. */
    private RateDecision tryAcquireSingle(long[] current, long now, long cost, long[] next) {
        long last = current[0];
        long t = now > last ? now : last;
        long s = refilled(current, 0, t);
        long cap = capUnits[0];
        long ri = r[0];
        long qi = q[0];
        long behind = t - now; // > 0 only when the clock stepped back: see tryAcquire
        if (cost > capacity[0]) {
            long reset = ceilDiv(cap - s, ri) + behind;
            return RateDecision.deny(Math.max(0, Math.floorDiv(s, qi)), RateDecision.NEVER, reset, bandwidths[0], reset,
                    RateLimitReason.COST_EXCEEDS_CAPACITY);
        }
        long costUnits = cost * qi;
        if (s < costUnits) {
            long reset = ceilDiv(cap - s, ri) + behind;
            return RateDecision.deny(Math.max(0, Math.floorDiv(s, qi)), ceilDiv(costUnits - s, ri) + behind, reset,
                    bandwidths[0], reset, RateLimitReason.OVER_LIMIT);
        }
        s -= costUnits;
        next[0] = t;
        next[1] = s;
        long reset = ceilDiv(cap - s, ri) + behind;
        return RateDecision.allow(qi == 1 ? s : s / qi, reset, bandwidths[0], reset);
    }

    /**
     * Adds ({@code delta > 0}, a refund) or removes ({@code delta < 0}, a charge that may create debt) tokens
     * unconditionally, after refilling to {@code now}; content is clamped to {@code [−C·q, C·q]}.
     *
     * @param current the state before (not modified)
     * @param now the time, ns
     * @param delta tokens to add (positive) or remove (negative)
     * @return the new state
     */
    public long[] adjust(long[] current, long now, long delta) {
        long t = Math.max(now, current[0]);
        long[] next = new long[current.length];
        next[0] = t;
        for (int i = 0; i < bandwidths.length; i++) {
            long s = refilled(current, i, t);
            long cap = capUnits[i];
            long d = Math.max(-capacity[i] * 2, Math.min(capacity[i] * 2, delta)) * q[i];
            next[i + 1] = Math.max(-cap, Math.min(cap, s + d));
        }
        return next;
    }

    /**
     * The decision a request of {@code cost} would get, without consuming (a peek).
     *
     * @param current the state
     * @param now the time, ns
     * @param cost the cost
     * @return the decision a {@link #tryAcquire} would return
     */
    public RateDecision probe(long[] current, long now, long cost) {
        return tryAcquire(current, now, cost, new long[current.length]);
    }

    /**
     * @param state the state
     * @param now the time, ns
     * @return whole tokens in the tightest bandwidth at {@code now} (0 when in debt)
     */
    public long availableTokens(long[] state, long now) {
        long t = Math.max(now, state[0]);
        long min = Long.MAX_VALUE;
        for (int i = 0; i < bandwidths.length; i++) {
            min = Math.min(min, Math.floorDiv(refilled(state, i, t), q[i]));
        }
        return Math.max(0, min);
    }

    /**
     * @param state the state
     * @param now the time, ns
     * @return ns from {@code now} until every bandwidth is full (0 when full): a bucket that is full is
     *         indistinguishable from a new one, so it may be forgotten
     */
    public long nanosUntilFull(long[] state, long now) {
        long t = Math.max(now, state[0]);
        long max = 0;
        for (int i = 0; i < bandwidths.length; i++) {
            long need = capUnits[i] - refilled(state, i, t);
            if (need > 0) {
                max = Math.max(max, ceilDiv(need, r[i]));
            }
        }
        return max + (t - now);
    }

    private long remaining(long[] units) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < bandwidths.length; i++) {
            min = Math.min(min, Math.floorDiv(units[i + 1], q[i]));
        }
        return Math.max(0, min);
    }

    private long reset(long[] units) {
        long max = 0;
        for (int i = 0; i < bandwidths.length; i++) {
            max = Math.max(max, ceilDiv(capUnits[i] - units[i + 1], r[i]));
        }
        return max;
    }

    /** ceil(a / b) for {@code 0 <= a <= 2^62}, {@code 1 <= b <= 2^61}, with one division. */
    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
