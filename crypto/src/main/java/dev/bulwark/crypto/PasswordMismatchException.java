package dev.bulwark.crypto;

/**
 * The password does not match the stored hash (reason {@link CryptoReason#PASSWORD_MISMATCH}). Thrown by
 * {@link PasswordHasher#verify}; the message never contains the password or the hash.
 */
public final class PasswordMismatchException extends CryptoException {

    private static final long serialVersionUID = 1L;

    /** A mismatch with the generic message {@code "password does not match"}. */
    public PasswordMismatchException() {
        super(CryptoReason.PASSWORD_MISMATCH, "password does not match");
    }
}
