package dev.bulwark.tokens.spi;

import java.time.Instant;

/**
 * A stored single-use token (magic link, email verification, OAuth state): only its hash.
 *
 * @param tokenHash base64url(SHA-256(token))
 * @param purpose what the token is for, e.g. {@code email_verification}
 * @param subject who or what it is for (a user id, an email hash), or {@code null}
 * @param data further non-secret data (an OIDC nonce, a browser-session binding hash), or {@code null}
 * @param expiresAt expiry
 */
public record OneTimeTokenRecord(String tokenHash, String purpose, String subject, String data, Instant expiresAt) {
}
