package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one {@code tryAcquire}: a value, never an exception, so that a caller cannot mistake a
 * refusal for an error. Immutable.
 *
 * <ul>
 * <li>{@link #allowed()}: the request may proceed (its cost was consumed from every bandwidth). When
 *     {@link #throttled()} is also true, a soft limit is exhausted and the host should degrade.</li>
 * <li>{@link #remaining()}: whole tokens left in the tightest bandwidth (after the request when allowed).</li>
 * <li>{@link #retryAfterNanos()}: 0 when allowed; when refused, the exact time after which every bandwidth
 *     would hold the cost ({@link #NEVER} when the cost exceeds a capacity); when allowed but throttled, the
 *     time after which the soft limit would admit the request.</li>
 * <li>{@link #resetNanos()}: time until every bandwidth is full again.</li>
 * <li>{@link #limit()}: the bandwidth that decided (the tightest when allowed, the one needing the longest
 *     wait when refused); {@code null} only when no bandwidth was involved ({@link RateLimitReason#KEY_TABLE_FULL}).</li>
 * <li>{@link #limitResetNanos()}: time until that bandwidth alone is full again (the {@code t} of the
 *     {@code RateLimit} header).</li>
 * <li>{@link #reason()}: {@code null} when allowed without throttling; otherwise why.</li>
 * </ul>
 *
 * @param allowed whether the request may proceed
 * @param throttled whether a soft limit asks the host to degrade (only with {@code allowed})
 * @param remaining whole tokens left in the tightest bandwidth, at least 0
 * @param retryAfterNanos 0 when allowed, the wait in ns when refused, or {@link #NEVER}
 * @param resetNanos ns until every bandwidth is full
 * @param limit the bandwidth that decided, or {@code null}
 * @param limitResetNanos ns until {@code limit} is full (0 when {@code limit} is null)
 * @param reason why it was refused or throttled, or {@code null}
 */
public record RateDecision(boolean allowed, boolean throttled, long remaining, long retryAfterNanos, long resetNanos,
                           Bandwidth limit, long limitResetNanos, RateLimitReason reason) {

    /** {@link #retryAfterNanos()} of a request that can never succeed (its cost exceeds a capacity). */
    public static final long NEVER = -1;

    /**
     * An allowed decision.
     *
     * @param remaining tokens left
     * @param resetNanos ns until full
     * @param limit the tightest bandwidth
     * @param limitResetNanos ns until {@code limit} is full
     * @return the decision
     */
    public static RateDecision allow(long remaining, long resetNanos, Bandwidth limit, long limitResetNanos) {
        return new RateDecision(true, false, remaining, 0, resetNanos, limit, limitResetNanos, null);
    }

    /**
     * A refusal.
     *
     * @param remaining tokens available now
     * @param retryAfterNanos the exact wait, or {@link #NEVER}
     * @param resetNanos ns until full
     * @param limit the bandwidth that decided, or {@code null}
     * @param limitResetNanos ns until {@code limit} is full
     * @param reason why
     * @return the decision
     */
    public static RateDecision deny(long remaining, long retryAfterNanos, long resetNanos, Bandwidth limit,
                                    long limitResetNanos, RateLimitReason reason) {
        return new RateDecision(false, false, remaining, retryAfterNanos, resetNanos, limit, limitResetNanos, reason);
    }

    /** {@return a copy of this soft-limit refusal as an allowed-but-throttled decision} */
    public RateDecision asThrottled() {
        return new RateDecision(true, true, remaining, retryAfterNanos, resetNanos, limit, limitResetNanos,
                RateLimitReason.SOFT_LIMIT);
    }

    /**
     * @param reason the reason to report instead
     * @return a copy with another reason (e.g. {@link RateLimitReason#BUDGET_EXHAUSTED})
     */
    public RateDecision withReason(RateLimitReason reason) {
        return new RateDecision(allowed, throttled, remaining, retryAfterNanos, resetNanos, limit, limitResetNanos, reason);
    }

    /** {@return whether the request could ever succeed (false when its cost exceeds a capacity)} */
    public boolean canEverSucceed() {
        return retryAfterNanos != NEVER;
    }

    /** {@return the wait before retrying, empty when the request can never succeed; zero when allowed} */
    public Optional<Duration> retryAfter() {
        return canEverSucceed() ? Optional.of(Duration.ofNanos(retryAfterNanos)) : Optional.empty();
    }

    /**
     * The wait in whole milliseconds, rounded up: the smallest whole number of ms after which the request
     * would succeed (DESIGN.md); {@code -1} when it never can; 0 when allowed.
     *
     * @return the wait in ms
     */
    public long retryAfterMillis() {
        return canEverSucceed() ? ceilDiv(retryAfterNanos, 1_000_000L) : NEVER;
    }

    /** {@return the time until every bandwidth is full again} */
    public Duration reset() {
        return Duration.ofNanos(resetNanos);
    }

    /**
     * The {@code Retry-After} header value (RFC 9110 delay-seconds, rounded up), for a refusal that can
     * succeed later.
     *
     * @return the value, or empty when allowed or when the request can never succeed
     */
    public Optional<String> retryAfterHeader() {
        if (allowed || !canEverSucceed()) {
            return Optional.empty();
        }
        return Optional.of(Long.toString(ceilDiv(retryAfterNanos, 1_000_000_000L)));
    }

    /**
     * The {@code RateLimit} header of draft-ietf-httpapi-ratelimit-headers (structured field): the deciding
     * policy's name, {@code r} = remaining tokens and {@code t} = seconds until that policy's bandwidth is
     * full again (for a refusal: seconds until the request could succeed), rounded up, e.g.
     * {@code "burst";r=45;t=3}.
     *
     * @return the value, or empty when no bandwidth decided
     */
    public Optional<String> rateLimitHeader() {
        if (limit == null) {
            return Optional.empty();
        }
        long t = allowed || !canEverSucceed() ? limitResetNanos : retryAfterNanos;
        return Optional.of("\"" + limit.id() + "\";r=" + remaining + ";t=" + ceilDiv(t, 1_000_000_000L));
    }

    /**
     * The {@code RateLimit-Policy} header of draft-ietf-httpapi-ratelimit-headers: the deciding policy's
     * name, {@code q} = capacity and {@code w} = seconds to refill it from empty, e.g. {@code "burst";q=100;w=10}.
     *
     * @return the value, or empty when no bandwidth decided
     */
    public Optional<String> rateLimitPolicyHeader() {
        if (limit == null) {
            return Optional.empty();
        }
        return Optional.of("\"" + limit.id() + "\";q=" + limit.capacity() + ";w="
                + Math.max(1, ceilDiv(limit.nanosToFill(), 1_000_000_000L)));
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }
}
