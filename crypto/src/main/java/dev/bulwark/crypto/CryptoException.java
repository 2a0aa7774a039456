package dev.bulwark.crypto;

import dev.bulwark.core.BulwarkException;

/**
 * The exception family of {@code bulwark-crypto}: every rejection carries a {@link CryptoReason}. Messages
 * never contain key material, plaintext or passwords.
 */
public class CryptoException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason code
     * @param message what was wrong; no secret values
     */
    public CryptoException(CryptoReason reason, String message) {
        super(reason, message);
    }

    /**
     * @param reason the reason code
     * @param message what was wrong; no secret values
     * @param cause the cause
     */
    public CryptoException(CryptoReason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    /** {@return the reason as a {@link CryptoReason}} */
    @Override
    public CryptoReason reason() {
        return (CryptoReason) super.reason();
    }
}
