package dev.bulwark.crypto;

import java.util.Optional;

/**
 * A successful password verification.
 *
 * @param needsRehash whether the stored hash uses another scheme or weaker parameters than the hasher's
 *     current configuration (upgrade it on this login)
 * @param upgradedHash the new hash to store, when the hasher computed one (the
 *     {@linkplain PasswordHasher#delegating delegating hasher} does when {@code needsRehash})
 */
public record VerifiedPassword(boolean needsRehash, Optional<String> upgradedHash) {

    /** Rejects a {@code null} optional. */
    public VerifiedPassword {
        java.util.Objects.requireNonNull(upgradedHash, "upgradedHash");
    }

    /** {@return never the hash itself} */
    @Override
    public String toString() {
        return "VerifiedPassword[needsRehash=" + needsRehash + ", upgraded=" + upgradedHash.isPresent() + "]";
    }
}
