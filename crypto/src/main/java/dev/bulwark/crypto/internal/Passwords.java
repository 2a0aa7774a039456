package dev.bulwark.crypto.internal;

import dev.bulwark.core.Secret;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.CryptoReason;
import dev.bulwark.crypto.PasswordHasher;
import java.util.Objects;

/** Shared checks for password hashers. */
public final class Passwords {

    private Passwords() {
    }

    /** @return the password's bytes (caller zeroes) after the length check */
    public static byte[] bytes(Secret password, int max) {
        Objects.requireNonNull(password, "password");
        if (password.length() > Math.min(max, PasswordHasher.MAX_PASSWORD_BYTES)) {
            throw new CryptoException(CryptoReason.PASSWORD_TOO_LONG, max < PasswordHasher.MAX_PASSWORD_BYTES
                    ? "password exceeds bcrypt's limit of " + max + " UTF-8 bytes (it is not truncated)"
                    : "password exceeds " + PasswordHasher.MAX_PASSWORD_BYTES + " UTF-8 bytes");
        }
        return password.bytes();
    }
}
