package dev.bulwark.core;

/** How an audited operation ended. */
public enum AuditOutcome {
    /** The operation succeeded (a login, a verified webhook, a created key). */
    SUCCESS,
    /** The operation was refused by policy (an authorization denial, a rate-limit refusal). */
    DENIED,
    /** The input was rejected or the operation failed (a bad signature, a reused refresh token). */
    FAILURE
}
