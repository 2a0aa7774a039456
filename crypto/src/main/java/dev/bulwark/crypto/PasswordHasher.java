package dev.bulwark.crypto;

import dev.bulwark.core.Secret;
import java.util.List;

/**
 * Password hashing for storage: Argon2id by default (PHC string format), bcrypt for compatibility, and a
 * delegating hasher that verifies legacy hashes and upgrades them on login.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.delegating(PasswordHasher.argon2id().build(),
 *                                                   PasswordHasher.bcrypt().build());
 * String stored = hasher.hash(Secret.ofUtf8(password));          // $argon2id$v=19$m=19456,t=2,p=1$...$...
 * try {
 *     VerifiedPassword ok = hasher.verify(Secret.ofUtf8(attempt), stored);
 *     ok.upgradedHash().ifPresent(h -> users.updateHash(userId, h));
 * } catch (PasswordMismatchException e) { ... }
 * // unknown user: spend the same time, then fail the same way
 * hasher.verifyDummy(Secret.ofUtf8(attempt));                    // always throws PasswordMismatchException
 * }</pre>
 *
 * <p>Guarantees: hashes are compared in constant time; passwords over {@value #MAX_PASSWORD_BYTES} UTF-8
 * bytes are refused ({@link CryptoReason#PASSWORD_TOO_LONG}), and bcrypt refuses over 72 bytes rather than
 * silently truncating; stored hashes are parsed strictly and their cost parameters bounded, so a crafted
 * hash cannot demand unbounded work; passwords and hashes never appear in messages. Implementations are
 * immutable and thread-safe.
 */
public interface PasswordHasher {

    /** Longest password accepted by every scheme, in UTF-8 bytes. */
    int MAX_PASSWORD_BYTES = 4096;

    /**
     * Hashes a password with a fresh random salt.
     *
     * @param password the password (its UTF-8 bytes are hashed; normalise beforehand if you want NFKC)
     * @return the encoded hash (PHC string for Argon2id, modular crypt {@code $2b$} for bcrypt)
     * @throws CryptoException with {@link CryptoReason#PASSWORD_TOO_LONG}
     */
    String hash(Secret password);

    /**
     * Verifies a password against a stored hash, in time independent of where they differ.
     *
     * @param password the candidate
     * @param storedHash a hash this hasher {@linkplain #supports supports}
     * @return the verification, with whether to rehash
     * @throws PasswordMismatchException when the password does not match
     * @throws CryptoException with {@link CryptoReason#MALFORMED_HASH} for an unreadable or unsupported hash,
     *     {@link CryptoReason#PASSWORD_TOO_LONG} for an over-long password
     */
    VerifiedPassword verify(Secret password, String storedHash);

    /**
     * Spends the same work as a real verification, then throws: call it when the user does not exist, so
     * that "unknown user" and "wrong password" cost the same time and end the same way.
     *
     * @param password the candidate (hashed against a dummy hash at the current parameters)
     * @throws PasswordMismatchException always
     */
    void verifyDummy(Secret password);

    /**
     * @param storedHash a stored hash
     * @return whether it should be replaced by {@link #hash} at the next successful login (other scheme,
     *     weaker parameters, or unreadable)
     */
    boolean needsRehash(String storedHash);

    /**
     * @param storedHash a stored hash
     * @return whether this hasher can verify it (recognises its scheme prefix)
     */
    boolean supports(String storedHash);

    /** {@return a builder of the Argon2id hasher (defaults: OWASP m = 19 MiB, t = 2, p = 1; 16-byte salt, 32-byte hash)} */
    static Argon2idPasswordHasher.Builder argon2id() {
        return Argon2idPasswordHasher.builder();
    }

    /** {@return a builder of the bcrypt hasher (default cost 12, at least 10)} */
    static BcryptPasswordHasher.Builder bcrypt() {
        return BcryptPasswordHasher.builder();
    }

    /**
     * A hasher that hashes with {@code current} and verifies with whichever of {@code current} and
     * {@code legacy} supports the stored hash; after a successful verification that
     * {@linkplain #needsRehash needs a rehash}, {@link VerifiedPassword#upgradedHash()} holds a new hash from
     * {@code current}.
     *
     * @param current the scheme for new hashes
     * @param legacy schemes still accepted for verification
     * @return the hasher
     */
    static DelegatingPasswordHasher delegating(PasswordHasher current, PasswordHasher... legacy) {
        return new DelegatingPasswordHasher(current, List.of(legacy));
    }
}
