package dev.bulwark.crypto;

import dev.bulwark.core.ReasonCode;

/** Reason codes of the crypto module. The constant names are the stable codes. */
public enum CryptoReason implements ReasonCode {
    /**
     * The ciphertext did not authenticate: it was modified, or it is decrypted with another encryption
     * context (another row, column or tenant) or another key than it was sealed with. The two cases are
     * indistinguishable by design (no oracle).
     */
    AUTHENTICATION_FAILED,
    /** The input is shorter than its own header says, or shorter than the smallest valid ciphertext. */
    TRUNCATED,
    /** The input's format version is not one this library reads. */
    UNSUPPORTED_VERSION,
    /** A length field or identifier in the header is out of its documented bounds. */
    MALFORMED_CIPHERTEXT,
    /** The KEK id named in the ciphertext is not in the key ring. */
    UNKNOWN_KEK,
    /** The KEK named in the ciphertext has been destroyed: the record can no longer be decrypted. */
    KEK_DESTROYED,
    /** A key reached its documented limit of encryptions (random 96-bit nonces): rotate it. */
    KEY_USAGE_LIMIT_REACHED,
    /** A key-ring document could not be read (JSON shape, version, ids, material). */
    MALFORMED_KEY_RING,
    /** A stored password hash is not a well-formed PHC / modular-crypt string this library reads. */
    MALFORMED_HASH,
    /** The password does not match the stored hash. */
    PASSWORD_MISMATCH,
    /** The password exceeds the maximum length (all schemes) or bcrypt's 72-byte limit. */
    PASSWORD_TOO_LONG,
    /** An input to a derivation or index is out of range (e.g. HKDF output longer than 255 hash lengths). */
    INVALID_INPUT
}
