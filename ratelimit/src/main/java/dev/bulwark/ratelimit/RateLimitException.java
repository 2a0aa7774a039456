package dev.bulwark.ratelimit;

import dev.bulwark.core.BulwarkException;

/**
 * Bad input to a limiter (a non-positive cost, a null key, a reservation settled twice). A rate-limit
 * <em>outcome</em> is never an exception: it is a {@link RateDecision}. Misconfiguration is a
 * {@link dev.bulwark.core.ConfigurationException} thrown by {@code build()}.
 */
public class RateLimitException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason
     * @param message what was wrong; never contains a key that may be secret
     */
    public RateLimitException(RateLimitReason reason, String message) {
        super(reason, message);
    }

    /** {@return the reason, typed} */
    @Override
    public RateLimitReason reason() {
        return (RateLimitReason) super.reason();
    }

    static long requireCost(long cost) {
        if (cost < 1) {
            throw new RateLimitException(RateLimitReason.INVALID_COST, "cost must be at least 1, was " + cost);
        }
        return cost;
    }

    static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new RateLimitException(RateLimitReason.INVALID_KEY, "key must be a non-empty string");
        }
        return key;
    }
}
