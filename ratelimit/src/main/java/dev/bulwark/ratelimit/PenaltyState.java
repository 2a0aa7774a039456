package dev.bulwark.ratelimit;

/** Escalation levels of a {@link PenaltyBox}, from harmless to locked out. */
public enum PenaltyState {
    /** No recent violations. */
    OK,
    /** Some violations in the window: the host may log, add friction or show a warning. */
    WARN,
    /** Many violations: the host should restrict (CAPTCHA, step-up MFA, lower limits, slower responses). */
    RESTRICT,
    /** Locked out until the lockout ends; the host refuses. */
    BLOCKED
}
