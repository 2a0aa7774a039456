package dev.bulwark.crypto.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.crypto.Aead;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.CryptoReason;
import dev.bulwark.crypto.DecryptionException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM {@link Aead}: {@code nonce(12) || ciphertext || tag(16)}, random nonces, counted use. */
public final class AesGcmAead implements Aead {

    private static final byte[] EMPTY = new byte[0];

    private final SecretKeySpec key;
    private final long maxEncryptions;
    private final AtomicLong encryptions = new AtomicLong();
    private final ThreadLocal<javax.crypto.Cipher> slot = AesGcm.newSlot();

    /** @param key 32 bytes @param maxEncryptions 1..2^32 */
    public AesGcmAead(Secret key, long maxEncryptions) {
        ConfigurationException.requireSet(key, "AES-256-GCM key");
        ConfigurationException.check(key.length() == AesGcm.KEY_BYTES,
                "AES-256-GCM key must be 32 bytes, was " + key.length());
        ConfigurationException.check(maxEncryptions >= 1 && maxEncryptions <= (1L << 32),
                "maxEncryptions must be between 1 and 2^32, was " + maxEncryptions);
        byte[] k = key.bytes();
        this.key = AesGcm.key(k);
        Arrays.fill(k, (byte) 0);
        this.maxEncryptions = maxEncryptions;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] aad = associatedData == null ? EMPTY : associatedData;
        byte[] out = new byte[AesGcm.NONCE_BYTES + plaintext.length + AesGcm.TAG_BYTES];
        sealWithRandomNonce(plaintext, aad, out, 0);
        return out;
    }

    /**
     * Writes {@code nonce || ct || tag} into {@code out} at {@code off}; the nonce is drawn fresh.
     *
     * @return bytes written
     */
    public int sealWithRandomNonce(byte[] plaintext, byte[] aad, byte[] out, int off) {
        reserve();
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        Nonces.next(nonce, 0);
        System.arraycopy(nonce, 0, out, off, AesGcm.NONCE_BYTES);
        return AesGcm.NONCE_BYTES + AesGcm.seal(slot, key, nonce, 0, aad, 0, aad.length, plaintext, 0, plaintext.length,
                out, off + AesGcm.NONCE_BYTES);
    }

    /**
     * Writes {@code nonce || ct || tag} into {@code out} at {@code off}, with a nonce the caller drew from
     * the CSPRNG (so that one draw serves several values).
     *
     * @return bytes written
     */
    public int sealWithNonce(byte[] nonce, int nonceOff, byte[] plaintext, byte[] aad, byte[] out, int off) {
        reserve();
        System.arraycopy(nonce, nonceOff, out, off, AesGcm.NONCE_BYTES);
        return AesGcm.NONCE_BYTES + AesGcm.seal(slot, key, nonce, nonceOff, aad, 0, aad.length, plaintext, 0,
                plaintext.length, out, off + AesGcm.NONCE_BYTES);
    }

    /** Counts one encryption or throws when the limit is reached. */
    public void reserve() {
        if (encryptions.incrementAndGet() > maxEncryptions) {
            encryptions.decrementAndGet();
            throw new CryptoException(CryptoReason.KEY_USAGE_LIMIT_REACHED,
                    "this key has reached its limit of " + maxEncryptions + " encryptions; rotate it");
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
            throw new DecryptionException(CryptoReason.TRUNCATED, "decryption failed: truncated");
        }
        byte[] aad = associatedData == null ? EMPTY : associatedData;
        return AesGcm.open(slot, key, ciphertext, 0, aad, 0, aad.length, ciphertext, AesGcm.NONCE_BYTES,
                ciphertext.length - AesGcm.NONCE_BYTES);
    }

    /** {@return encryptions performed so far by this instance} */
    public long encryptions() {
        return encryptions.get();
    }

    @Override
    public String toString() {
        return "Aead[AES-256-GCM, key=***]";
    }
}
