package dev.bulwark.ratelimit;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.spi.BucketSpec;
import java.util.ArrayList;
import java.util.List;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One token bucket with one or more {@link Bandwidth}s (for example a burst limit and a sustained limit): a
 * request of cost {@code c} is allowed only when every bandwidth holds {@code c} tokens, and then consumes
 * {@code c} from each. Semantics exactly as DESIGN.md "Rate-limit semantics" and {@link BucketSpec}.
 *
 * <pre>{@code
 * TokenBucket bucket = TokenBucket.builder()
 *         .addLimit(Bandwidth.capacity(100).refillGreedy(10, Duration.ofSeconds(1)))
 *         .timeSource(TimeSource.system())
 *         .build();
 * RateDecision d = bucket.tryAcquire(3);
 * }</pre>
 *
 * <p>Thread-safe and lock-free: the state is an immutable array swapped by compare-and-set; a refusal
 * writes nothing. Exact integer arithmetic: no drift over any run length. Never sleeps.
 */
public final class TokenBucket extends TokenBucketPadding2 {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TokenBucketState.class, "state", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BucketSpec spec;
    private final TimeSource time;
    // the single-bandwidth fast path (the common bucket): the spec's constants copied into final fields
    private final boolean single;
    private final Bandwidth band0;
    private final long capTokens0;
    private final long capUnits0;
    private final long q0;
    private final long r0;

    private TokenBucket(BucketSpec spec, TimeSource time) {
        this.spec = spec;
        this.time = time;
        this.single = spec.size() == 1;
        this.band0 = spec.bandwidths().get(0);
        this.capTokens0 = band0.capacity();
        this.capUnits0 = spec.capacityUnits(0);
        this.q0 = spec.unitsPerToken(0);
        this.r0 = spec.unitsPerNano(0);
        // up to this many ns, s + r·dt cannot overflow (as in BucketSpec.refilled)
        this.state = spec.fullState(time.nanoTime());
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tries to take {@code cost} tokens from every bandwidth.
     *
     * @param cost at least 1
     * @return the decision: allowed (consumed) or refused (nothing consumed, with the exact retry-after)
     * @throws RateLimitException with {@link RateLimitReason#INVALID_COST} when {@code cost < 1}
     */
    public RateDecision tryAcquire(long cost) {
        if (cost < 1) {
            // the check lives in the exception class, which C2 never inlines ("exception method"): calling
            // it only on the failing branch keeps the hot path free of that call
            RateLimitException.requireCost(cost);
        }
        if (single && cost <= capTokens0) {
            return tryAcquireSingle(cost);
        }
        long now = time.nanoTime();
        long[] next = new long[spec.size() + 1];
        for (;;) {
            long[] cur = state;
            RateDecision d = spec.tryAcquire(cur, now, cost, next);
            if (!d.allowed() || STATE.compareAndSet(this, cur, next)) {
                return d;
            }
        }
    }

    /**
     * {@link BucketSpec#tryAcquire} specialised for one bandwidth and a cost within its capacity, with the same
     * result to the bit: the refill ({@link BucketSpec#refilled}) and the admission test run on the current
     * state, nothing is
     * allocated before the request is known to fit, the new state is published by one compare-and-set, and
     * the decision's figures are computed after it (a shorter window between the read and the CAS, so fewer
     * retries under contention). A refusal is delegated to {@link BucketSpec#tryAcquire} on the same state and
     * time, so its retry-after is computed by the one exact implementation.
     */
    private RateDecision tryAcquireSingle(long cost) {
        long costUnits = cost * q0; // cost <= capacity, so at most C·q <= 2^61
        long cap = capUnits0;
        long now = time.nanoTime();
        long[] cur = state;
        for (;;) {
            long last = cur[0];
            long t = now > last ? now : last;
            // the one refill rule (BucketSpec.refilled: no refill while the clock is behind, overflow-safe)
            long s = spec.refilled(cur, 0, t);
            if (s < costUnits) {
                return spec.tryAcquire(cur, now, cost, new long[2]);
            }
            long left = s - costUnits;
            long[] next = new long[2];
            next[0] = t;
            next[1] = left;
            long[] witness = (long[]) STATE.compareAndExchange(this, cur, next);
            if (witness == cur) {
                long missing = cap - left;
                // t - now > 0 only when the clock stepped back: the wait counts from now (see BucketSpec)
                long reset = (r0 == 1 ? missing : (missing + r0 - 1) / r0) + (t - now);
                return RateDecision.allow(q0 == 1 ? left : left / q0, reset, band0, reset);
            }
            cur = witness; // lost the race: retry on the state that won, without reading it again
        }
    }

    /** {@return {@link #tryAcquire(long)} with cost 1} */
    public RateDecision tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * What {@link #tryAcquire(long)} would decide now, without consuming.
     *
     * @param cost at least 1
     * @return the decision
     * @throws RateLimitException with {@link RateLimitReason#INVALID_COST}
     */
    public RateDecision probe(long cost) {
        RateLimitException.requireCost(cost);
        return spec.probe(state, time.nanoTime(), cost);
    }

    /** {@return whole tokens available now in the tightest bandwidth} */
    public long availableTokens() {
        return spec.availableTokens(state, time.nanoTime());
    }

    /** {@return the bandwidths} */
    public List<Bandwidth> bandwidths() {
        return spec.bandwidths();
    }

    /** Builds a {@link TokenBucket}. Not thread-safe. */
    public static final class Builder {
        private final List<Bandwidth> limits = new ArrayList<>();
        private TimeSource time;

        private Builder() {
        }

        /** @param bandwidth a limit; add several for burst + sustained @return this */
        public Builder addLimit(Bandwidth bandwidth) {
            limits.add(ConfigurationException.requireSet(bandwidth, "bandwidth"));
            return this;
        }

        /** @param timeSource the time source (required) @return this */
        public Builder timeSource(TimeSource timeSource) {
            this.time = timeSource;
            return this;
        }

        /**
         * @return the bucket, full
         * @throws dev.bulwark.core.ConfigurationException when no bandwidth or no time source is set
         */
        public TokenBucket build() {
            return new TokenBucket(BucketSpec.of(limits), ConfigurationException.requireSet(time, "timeSource"));
        }
    }
}

/*
 * The hot state field alone on its cache line: the JVM lays out a superclass's fields before a subclass's, so
 * this chain gives [header, filler][64 bytes][state, filler][64 bytes][TokenBucket's read-only fields]. Another core's
 * compare-and-set then invalidates only the line of the state, not the line of the constants every call reads,
 * nor a neighbouring object's. (With the padding and the constants in one class, the JVM packed the state
 * after all the longs, next to the constants and the end of the object.)
 */

/** Leading cache-line padding of {@link TokenBucket}; {@code p0} fills the gap after the object header. */
abstract class TokenBucketPadding {
    int p0;
    long p1, p2, p3, p4, p5, p6, p7, p8;
}

/** The state of {@link TokenBucket}, between the two paddings; {@code s0} fills the gap after it. */
abstract class TokenBucketState extends TokenBucketPadding {
    volatile long[] state;
    int s0;
}

/** Trailing cache-line padding of {@link TokenBucket}. */
abstract class TokenBucketPadding2 extends TokenBucketState {
    long q1, q2, q3, q4, q5, q6, q7, q8;
}
