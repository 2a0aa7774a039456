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
public final class TokenBucket extends TokenBucketPadding {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TokenBucket.class, "state", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BucketSpec spec;
    private final TimeSource time;
    private volatile long[] state;
    // padding after the hot field, so that a neighbour's writes do not invalidate its cache line
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7, q8;

    private TokenBucket(BucketSpec spec, TimeSource time) {
        this.spec = spec;
        this.time = time;
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
        RateLimitException.requireCost(cost);
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

/** Cache-line padding before {@link TokenBucket}'s hot state field (as Bucket4j does). */
abstract class TokenBucketPadding {
    long p1, p2, p3, p4, p5, p6, p7, p8;
}
