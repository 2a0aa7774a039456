package dev.bulwark.core;

/** Reason codes of the core primitives. */
public enum CoreReason implements ReasonCode {
    /** A component was configured with a value it cannot accept; found at build time. */
    INVALID_CONFIGURATION,
    /** A required secret setting is absent or empty. */
    MISSING_SECRET,
    /** A secret is shorter than the minimum length for the environment. */
    SECRET_TOO_SHORT,
    /** A secret is a documented placeholder such as {@code changeme}. */
    PLACEHOLDER_SECRET,
    /** A secret has too little entropy (all one byte, a short repeated pattern, a counting sequence). */
    LOW_ENTROPY_SECRET,
    /** A production requirement other than a secret is not met (e.g. hash parameters below a floor). */
    PRODUCTION_REQUIREMENT,
    /** An encoded value (hex, base64, base32) could not be decoded. */
    MALFORMED_ENCODING,
    /** An audit event was given a field or attribute that looks like a secret. */
    SECRET_IN_AUDIT_EVENT,
    /** A backing store (Redis, PostgreSQL, ...) could not be reached in time; the operation failed closed. */
    STORE_UNAVAILABLE
}
