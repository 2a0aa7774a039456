package dev.bulwark.ratelimit;

import dev.bulwark.core.ReasonCode;

/**
 * Reason codes of the rate-limit module: why a {@link RateDecision} refused or throttled, and why a
 * {@link RateLimitException} was thrown. Codes are stable.
 */
public enum RateLimitReason implements ReasonCode {
    /** A bandwidth or limiter was configured with values it refuses (thrown at build time). */
    INVALID_CONFIGURATION,
    /** A cost was zero, negative, or otherwise unacceptable. */
    INVALID_COST,
    /** A key was null or empty. */
    INVALID_KEY,
    /** A bandwidth holds fewer tokens than the request costs; {@link RateDecision#retryAfterNanos()} says when it will. */
    OVER_LIMIT,
    /** The request costs more than a bandwidth's capacity: it can never succeed. */
    COST_EXCEEDS_CAPACITY,
    /** A soft limit is exhausted: the request is allowed but the host should degrade (throttle). */
    SOFT_LIMIT,
    /** The keyed limiter's table is full of keys that cannot be evicted safely; a new key is refused. */
    KEY_TABLE_FULL,
    /** A cost budget is exhausted. */
    BUDGET_EXHAUSTED,
    /** A reservation was committed or released twice. */
    RESERVATION_SETTLED,
    /** The penalty box blocks the key for now. */
    PENALTY_BLOCKED,
    /**
     * The limiter's store could not be reached; the decision applied the limiter's declared fail mode
     * (refused when fail-closed, the default; allowed when the host chose fail-open).
     */
    STORE_UNAVAILABLE,
    /** A request line or other textual input could not be parsed. */
    MALFORMED_INPUT
}
