package dev.bulwark.tokens;

import dev.bulwark.core.BulwarkException;

/**
 * A token, session, API key, one-time token, PKCE verifier, OAuth state or TOTP code was rejected.
 *
 * <p>{@link #reason()} is a {@link TokenReason}. The message explains the rejection for a developer and
 * <strong>never contains the token, key or code</strong>; it may name a non-secret key id or claim name.
 */
public final class TokenException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason why it was rejected
     * @param message a message without the token
     */
    public TokenException(TokenReason reason, String message) {
        super(reason, message);
    }

    /**
     * @param reason why it was rejected
     * @param message a message without the token
     * @param cause the underlying cause (its message must not carry the token either)
     */
    public TokenException(TokenReason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    /** {@return the reason as a {@link TokenReason}} */
    public TokenReason tokenReason() {
        return (TokenReason) reason();
    }
}
