package dev.bulwark.crypto;

/**
 * Decryption was refused. One type for every cause, with a {@link #reason()} for logs and metrics
 * ({@link CryptoReason#AUTHENTICATION_FAILED}, {@link CryptoReason#TRUNCATED},
 * {@link CryptoReason#UNSUPPORTED_VERSION}, {@link CryptoReason#MALFORMED_CIPHERTEXT},
 * {@link CryptoReason#UNKNOWN_KEK}, {@link CryptoReason#KEK_DESTROYED}); the message is generic and never
 * says which byte or which layer failed, so it cannot serve as a padding- or format-oracle.
 */
public final class DecryptionException extends CryptoException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason code
     * @param message a generic message; no secret values, no detail about where authentication failed
     */
    public DecryptionException(CryptoReason reason, String message) {
        super(reason, message);
    }
}
