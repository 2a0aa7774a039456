package dev.bulwark.crypto;

/**
 * The life cycle of a key-encryption key in a {@link KeyRing}:
 * {@code ACTIVE -> PRIMARY -> ACTIVE|RETIRED -> DESTROYED}.
 */
public enum KekState {
    /** Wraps every new DEK and unwraps. Exactly one KEK of a ring is primary. */
    PRIMARY,
    /**
     * Unwraps, does not wrap. A new KEK is first deployed as {@code ACTIVE} to every instance, then promoted
     * to {@code PRIMARY}: no instance ever meets a ciphertext whose KEK it does not have (rotation without
     * downtime). A demoted primary also becomes {@code ACTIVE}.
     */
    ACTIVE,
    /** Decrypt-only, scheduled for removal: rewrap its records ({@link EnvelopeEncryptor#rewrapAll}). */
    RETIRED,
    /** Material removed: records still wrapped under it fail with {@link CryptoReason#KEK_DESTROYED}. */
    DESTROYED;

    /** {@return whether a KEK in this state may unwrap} */
    public boolean canDecrypt() {
        return this != DESTROYED;
    }
}
