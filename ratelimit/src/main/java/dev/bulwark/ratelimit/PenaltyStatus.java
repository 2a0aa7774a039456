package dev.bulwark.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A key's standing in a {@link PenaltyBox}. Immutable.
 *
 * @param state the escalation level now
 * @param violations violations counted in the current window
 * @param strikes lockouts served since the key was last quiet for the decay period
 * @param blockedUntil end of the current lockout, or {@code null} when not blocked
 * @param retryAfter time left of the lockout ({@link Duration#ZERO} when not blocked)
 */
public record PenaltyStatus(PenaltyState state, int violations, int strikes, Instant blockedUntil, Duration retryAfter) {

    /** {@return whether the key is locked out now} */
    public boolean blocked() {
        return state == PenaltyState.BLOCKED;
    }
}
