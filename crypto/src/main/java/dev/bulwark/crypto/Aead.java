package dev.bulwark.crypto;

import dev.bulwark.core.Secret;
import dev.bulwark.crypto.internal.AesGcmAead;

/**
 * Authenticated encryption with associated data: the one primitive everything else in this module is built
 * on (data sealing, DEK wrapping, and the hook for a remote KMS key, which is "just another {@code Aead}").
 *
 * <p>{@link #aes256Gcm(Secret)} is AES-256-GCM through the JDK's provider (hardware AES and CLMUL where the
 * CPU has them), with a fresh random 96-bit nonce per message and a 128-bit tag. Its output is
 * {@code nonce (12 bytes) || ciphertext (same length as the plaintext) || tag (16 bytes)}: 28 bytes of
 * overhead. Inputs over 16 KiB are fed to the cipher in 16 KiB chunks (a single JDK 17 {@code doFinal} over
 * a large array is markedly slower).
 *
 * <p><strong>Message limit per key.</strong> With random 96-bit nonces, NIST SP 800-38D §8.3 caps one key at
 * 2<sup>32</sup> encryptions (collision probability 2<sup>-32</sup>). An instance counts its encryptions and,
 * after {@value #DEFAULT_MAX_ENCRYPTIONS} (2<sup>30</sup>, far below the cap), refuses to encrypt with
 * {@link CryptoReason#KEY_USAGE_LIMIT_REACHED}; decryption is never limited. The count is per instance and
 * per process: a key shared by many processes must be rotated (see {@link KeyRing}) on a schedule that keeps
 * the fleet's total well below the cap.
 *
 * <p>Implementations are thread-safe.
 */
public interface Aead {

    /** Default encryption limit of {@link #aes256Gcm(Secret)}: 2<sup>30</sup> messages per key instance. */
    long DEFAULT_MAX_ENCRYPTIONS = 1L << 30;

    /**
     * Encrypts and authenticates {@code plaintext}, and authenticates {@code associatedData}.
     *
     * @param plaintext the data to seal, not {@code null} (may be empty)
     * @param associatedData data bound to the ciphertext but not encrypted (e.g. a record id); {@code null}
     *     means empty
     * @return the ciphertext, in the implementation's documented layout
     * @throws CryptoException with {@link CryptoReason#KEY_USAGE_LIMIT_REACHED} when the key is exhausted
     */
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Authenticates and decrypts {@code ciphertext}.
     *
     * @param ciphertext the output of {@link #encrypt}, not {@code null}
     * @param associatedData the same associated data as at encryption; {@code null} means empty
     * @return the plaintext
     * @throws DecryptionException with {@link CryptoReason#TRUNCATED} when too short to be a ciphertext,
     *     {@link CryptoReason#AUTHENTICATION_FAILED} when modified or the key or associated data differ
     */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData);

    /**
     * AES-256-GCM with random 96-bit nonces and the {@linkplain #DEFAULT_MAX_ENCRYPTIONS default limit}.
     *
     * @param key exactly 32 bytes; copied
     * @return the AEAD
     * @throws dev.bulwark.core.ConfigurationException when the key is not 32 bytes
     */
    static Aead aes256Gcm(Secret key) {
        return new AesGcmAead(key, DEFAULT_MAX_ENCRYPTIONS);
    }

    /**
     * AES-256-GCM with a custom encryption limit.
     *
     * @param key exactly 32 bytes; copied
     * @param maxEncryptions encryptions allowed, 1 to 2<sup>32</sup>
     * @return the AEAD
     * @throws dev.bulwark.core.ConfigurationException when the key is not 32 bytes or the limit is out of range
     */
    static Aead aes256Gcm(Secret key, long maxEncryptions) {
        return new AesGcmAead(key, maxEncryptions);
    }
}
