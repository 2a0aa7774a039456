package dev.bulwark.ratelimit;

import dev.bulwark.core.ConfigurationException;

/**
 * Two layers in one decision: <em>hard</em> limits (critical endpoints: token exchange, OAuth, login) whose
 * exhaustion is a refusal, and <em>soft</em> limits (general traffic) whose exhaustion lets the request
 * through with {@link RateDecision#throttled()} set, so that the host may degrade (serve cached data, lower
 * priority, skip optional work) rather than fail.
 *
 * <p>Order: the hard layer is consulted first; a hard refusal is returned as is and the soft layer is not
 * charged. Then the soft layer: within it, the decision is the tighter of the two (fewest remaining tokens);
 * over it, the decision is allowed, throttled, with reason {@link RateLimitReason#SOFT_LIMIT}, the soft
 * limit, and the time until the soft layer would admit the request (the soft layer is not charged).
 *
 * <pre>{@code
 * TieredRateLimiter limiter = TieredRateLimiter.builder()
 *         .soft(KeyedRateLimiter.builder().timeSource(ts)
 *                 .addLimit(Bandwidth.capacity(100).refillGreedy(100, Duration.ofMinutes(1)).withId("soft")).build())
 *         .hard(KeyedRateLimiter.builder().timeSource(ts)
 *                 .addLimit(Bandwidth.capacity(300).refillGreedy(300, Duration.ofMinutes(1)).withId("hard")).build())
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe (each layer is).
 */
public final class TieredRateLimiter implements RateLimiter {

    private final RateLimiter soft;
    private final RateLimiter hard;

    private TieredRateLimiter(RateLimiter soft, RateLimiter hard) {
        this.soft = soft;
        this.hard = hard;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RateDecision tryAcquire(String key, long cost) {
        RateLimitException.requireKey(key);
        RateLimitException.requireCost(cost);
        RateDecision h = hard == null ? null : hard.tryAcquire(key, cost);
        if (h != null && !h.allowed()) {
            return h;
        }
        if (soft == null) {
            return h;
        }
        RateDecision s = soft.tryAcquire(key, cost);
        if (!s.allowed()) {
            return s.asThrottled();
        }
        return h == null || s.remaining() <= h.remaining() ? s : h;
    }

    /** Builds a {@link TieredRateLimiter}. Not thread-safe. */
    public static final class Builder {
        private RateLimiter soft;
        private RateLimiter hard;

        private Builder() {
        }

        /** @param limiter the soft layer: over it, requests pass throttled @return this */
        public Builder soft(RateLimiter limiter) {
            this.soft = limiter;
            return this;
        }

        /** @param limiter the hard layer: over it, requests are refused @return this */
        public Builder hard(RateLimiter limiter) {
            this.hard = limiter;
            return this;
        }

        /**
         * @return the limiter
         * @throws ConfigurationException when neither layer is set
         */
        public TieredRateLimiter build() {
            ConfigurationException.check(soft != null || hard != null, "a tiered limiter needs a soft or a hard layer");
            return new TieredRateLimiter(soft, hard);
        }
    }
}
