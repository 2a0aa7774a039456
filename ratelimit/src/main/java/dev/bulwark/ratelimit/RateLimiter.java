package dev.bulwark.ratelimit;

/**
 * A rate limiter over keys (user, org, API key, IP address, ...): each key has its own bucket of the same
 * bandwidths, and keys are independent.
 *
 * <p>Implementations: {@link KeyedRateLimiter} (bounded in-memory or a shared
 * {@link dev.bulwark.ratelimit.spi.RateLimitStore}) and {@link TieredRateLimiter} (soft + hard layers).
 * Implementations are thread-safe and never sleep.
 */
public interface RateLimiter {

    /**
     * Tries to take {@code cost} tokens from {@code key}'s bucket. Allowed: the cost was consumed from every
     * bandwidth. Refused: nothing was consumed and the decision says when to retry.
     *
     * @param key the key, non-empty; never logged or audited in clear
     * @param cost the cost, at least 1
     * @return the decision, never {@code null}
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY} or {@link RateLimitReason#INVALID_COST}
     */
    RateDecision tryAcquire(String key, long cost);

    /**
     * {@link #tryAcquire(String, long)} with cost 1.
     *
     * @param key the key
     * @return the decision
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY}
     */
    default RateDecision tryAcquire(String key) {
        return tryAcquire(key, 1);
    }
}
