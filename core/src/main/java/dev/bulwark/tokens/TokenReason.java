package dev.bulwark.tokens;

import dev.bulwark.core.ReasonCode;

/**
 * Reason codes of {@link TokenException}: why a token, session, key or code was rejected. Each verification
 * failure has its own code; codes are stable once released.
 */
public enum TokenReason implements ReasonCode {
    /** The token is not a well-formed compact JWS / opaque token of the expected shape. */
    MALFORMED,
    /** The header's {@code alg} is not the algorithm configured for the key ({@code none} included). */
    ALG_NOT_ALLOWED,
    /** The header carries a parameter Bulwark never trusts ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}, {@code crit}, ...). */
    HEADER_NOT_ALLOWED,
    /** The {@code kid} is not in the key ring (or is absent while the ring has several keys). */
    UNKNOWN_KID,
    /** The {@code kid} is longer than 64 characters or uses characters outside {@code [A-Za-z0-9._-]}. */
    INVALID_KID,
    /** The signature does not verify with the configured key. */
    BAD_SIGNATURE,
    /** {@code exp} is in the past (beyond the clock skew). */
    EXPIRED,
    /** {@code nbf} is in the future (beyond the clock skew). */
    NOT_YET_VALID,
    /** {@code iat} is in the future (beyond the clock skew). */
    ISSUED_IN_FUTURE,
    /** {@code exp - iat} exceeds the configured maximum lifetime. */
    LIFETIME_EXCEEDED,
    /** The {@code typ} header is not the one of this token kind (e.g. not {@code at+jwt}). */
    WRONG_TYPE,
    /** {@code iss} is not the configured issuer. */
    WRONG_ISSUER,
    /** {@code aud} does not contain the configured audience. */
    WRONG_AUDIENCE,
    /** An opaque access token is not known to the store (never issued, revoked or purged). */
    UNKNOWN_TOKEN,
    /** A required claim is absent or has the wrong JSON type. */
    MISSING_CLAIM,
    /** The token's session was revoked (or signed out everywhere, or invalidated by a password change). */
    SESSION_REVOKED,
    /** The token's session reached its idle or absolute timeout. */
    SESSION_EXPIRED,
    /** The token's session does not exist. */
    SESSION_UNKNOWN,
    /** The session belongs to another user than the token's subject. */
    SESSION_MISMATCH,
    /** A refresh token is unknown or malformed. */
    REFRESH_INVALID,
    /** A rotated-out refresh token was presented again: the whole session chain was revoked. */
    REFRESH_REUSED,
    /** The refresh family reached its absolute lifetime. */
    REFRESH_EXPIRED,
    /** An API key is malformed, unknown or does not match. */
    API_KEY_INVALID,
    /** An API key was revoked. */
    API_KEY_REVOKED,
    /** An API key passed its expiry. */
    API_KEY_EXPIRED,
    /** A one-time token is unknown or was already used. */
    ONE_TIME_TOKEN_INVALID,
    /** A one-time token passed its expiry. */
    ONE_TIME_TOKEN_EXPIRED,
    /** A one-time token was issued for another purpose. */
    WRONG_PURPOSE,
    /** A PKCE verifier is not 43-128 characters of the RFC 7636 alphabet, or the method is not S256. */
    PKCE_INVALID_VERIFIER,
    /** A PKCE verifier does not match the challenge. */
    PKCE_MISMATCH,
    /** An OAuth state is unknown, used, expired or bound to another browser session. */
    STATE_INVALID,
    /** A TOTP code is wrong or malformed. */
    TOTP_INVALID,
    /** A TOTP code for an already accepted time step was presented again. */
    TOTP_REPLAYED,
    /** Too many failed TOTP attempts for this user; try again later. */
    TOTP_LOCKED,
    /** A recovery code is unknown or already used. */
    RECOVERY_CODE_INVALID,
    /** A bounded in-memory store is full; the operation was refused (fail closed). */
    STORE_FULL
}
