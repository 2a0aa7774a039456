package dev.bulwark.crypto.internal;

import dev.bulwark.crypto.CryptoReason;
import dev.bulwark.crypto.DecryptionException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM over the JDK provider, one cached {@link Cipher} per thread, large inputs fed in chunks. */
public final class AesGcm {

    /** Nonce length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** Tag length in bytes. */
    public static final int TAG_BYTES = 16;
    /** Key length in bytes. */
    public static final int KEY_BYTES = 32;
    static final int CHUNK = 16 * 1024;

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);
    private static final ThreadLocal<Cipher> VERIFIERS = ThreadLocal.withInitial(AesGcm::newCipher);
    private static final ThreadLocal<Cipher> CTR = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/CTR/NoPadding", e);
        }
    });

    private AesGcm() {
    }

    /** @return a key object for AES */
    public static SecretKeySpec key(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }

    /**
     * Encrypts {@code pt[ptOff, ptOff+ptLen)} into {@code out} at {@code outOff}: ciphertext then tag.
     *
     * @return the number of bytes written ({@code ptLen + 16})
     */
    public static int seal(SecretKeySpec key, byte[] nonce, int nonceOff, byte[] aad, int aadOff, int aadLen,
            byte[] pt, int ptOff, int ptLen, byte[] out, int outOff) {
        return seal(CIPHERS, key, nonce, nonceOff, aad, aadOff, aadLen, pt, ptOff, ptLen, out, outOff);
    }

    /**
     * A per-thread cipher slot for one long-lived key (a KEK): the JDK skips AES key expansion when a cipher
     * is re-initialised with the key it already holds, which a shared slot alternating keys defeats.
     *
     * @return a new slot
     */
    public static ThreadLocal<Cipher> newSlot() {
        return ThreadLocal.withInitial(AesGcm::newCipher);
    }

    /** As {@link #seal(SecretKeySpec, byte[], int, byte[], int, int, byte[], int, int, byte[], int)} on a slot. */
    public static int seal(ThreadLocal<Cipher> slot, SecretKeySpec key, byte[] nonce, int nonceOff, byte[] aad,
            int aadOff, int aadLen, byte[] pt, int ptOff, int ptLen, byte[] out, int outOff) {
        Cipher c = slot.get();
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, nonce, nonceOff, NONCE_BYTES);
        try {
            try {
                c.init(Cipher.ENCRYPT_MODE, key, spec);
            } catch (InvalidAlgorithmParameterException reuse) {
                // the JDK refuses the same key and nonce twice in a row on one Cipher (only fixed-nonce tests)
                c = newCipher();
                slot.set(c);
                c.init(Cipher.ENCRYPT_MODE, key, spec);
            }
            if (aadLen > 0) {
                c.updateAAD(aad, aadOff, aadLen);
            }
            int written = 0;
            int pos = ptOff;
            int end = ptOff + ptLen;
            while (end - pos > CHUNK) {
                written += c.update(pt, pos, CHUNK, out, outOff + written);
                pos += CHUNK;
            }
            written += c.doFinal(pt, pos, end - pos, out, outOff + written);
            return written;
        } catch (GeneralSecurityException e) {
            slot.remove();
            throw new IllegalStateException("AES-GCM encryption failed in the JCA provider", e);
        }
    }

    /**
     * Decrypts {@code ct[ctOff, ctOff+ctLen)} (ciphertext then tag) with the given nonce.
     *
     * @return the plaintext
     * @throws DecryptionException when authentication fails or the input is shorter than a tag
     */
    public static byte[] open(SecretKeySpec key, byte[] nonce, int nonceOff, byte[] aad, int aadOff, int aadLen,
            byte[] ct, int ctOff, int ctLen) {
        return open(CIPHERS, key, nonce, nonceOff, aad, aadOff, aadLen, ct, ctOff, ctLen);
    }

    /** As {@link #open(SecretKeySpec, byte[], int, byte[], int, int, byte[], int, int)} on a slot. */
    public static byte[] open(ThreadLocal<Cipher> slot, SecretKeySpec key, byte[] nonce, int nonceOff, byte[] aad,
            int aadOff, int aadLen, byte[] ct, int ctOff, int ctLen) {
        if (ctLen < TAG_BYTES) {
            throw new DecryptionException(CryptoReason.TRUNCATED, "decryption failed: truncated");
        }
        if (ctLen - TAG_BYTES > CHUNK) {
            return openLarge(key, nonce, nonceOff, aad, aadOff, aadLen, ct, ctOff, ctLen);
        }
        Cipher c = slot.get();
        try {
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce, nonceOff, NONCE_BYTES));
            if (aadLen > 0) {
                c.updateAAD(aad, aadOff, aadLen);
            }
            byte[] out = new byte[ctLen - TAG_BYTES];
            int written = 0;
            int pos = ctOff;
            int end = ctOff + ctLen;
            while (end - pos > CHUNK) {
                written += c.update(ct, pos, CHUNK, out, written);
                pos += CHUNK;
            }
            c.doFinal(ct, pos, end - pos, out, written);
            return out;
        } catch (AEADBadTagException e) {
            throw new DecryptionException(CryptoReason.AUTHENTICATION_FAILED, "decryption failed");
        } catch (GeneralSecurityException e) {
            slot.remove();
            throw new IllegalStateException("AES-GCM decryption failed in the JCA provider", e);
        }
    }

    /**
     * Large inputs: the JDK's GCM decryption buffers the whole input and runs far slower than its encryption.
     * Instead: AES-CTR from counter block 2 (exactly GCM's keystream) recovers a candidate plaintext in
     * chunks; re-encrypting it with AES-GCM under the same key and nonce reproduces the ciphertext and so the
     * tag, which is compared in constant time. The candidate is zeroed and never returned unless the tags
     * match. Arrays are below 2^31 bytes, so the 32-bit GCM counter cannot wrap.
     */
    private static byte[] openLarge(SecretKeySpec key, byte[] nonce, int nonceOff, byte[] aad, int aadOff,
            int aadLen, byte[] ct, int ctOff, int ctLen) {
        int n = ctLen - TAG_BYTES;
        byte[] out = new byte[n];
        try {
            byte[] counter = new byte[16];
            System.arraycopy(nonce, nonceOff, counter, 0, NONCE_BYTES);
            counter[15] = 2;
            Cipher ctr = CTR.get();
            ctr.init(Cipher.DECRYPT_MODE, key, new javax.crypto.spec.IvParameterSpec(counter));
            int w = 0;
            int pos = ctOff;
            int end = ctOff + n;
            while (end - pos > CHUNK) {
                w += ctr.update(ct, pos, CHUNK, out, w);
                pos += CHUNK;
            }
            ctr.doFinal(ct, pos, end - pos, out, w);

            Cipher gcm = VERIFIERS.get();
            GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, nonce, nonceOff, NONCE_BYTES);
            try {
                gcm.init(Cipher.ENCRYPT_MODE, key, spec);
            } catch (InvalidAlgorithmParameterException sameRecordTwice) {
                gcm = newCipher();
                VERIFIERS.set(gcm);
                gcm.init(Cipher.ENCRYPT_MODE, key, spec);
            }
            if (aadLen > 0) {
                gcm.updateAAD(aad, aadOff, aadLen);
            }
            byte[] scratch = new byte[CHUNK + 2 * TAG_BYTES];
            pos = 0;
            while (n - pos > CHUNK) {
                gcm.update(out, pos, CHUNK, scratch, 0);
                pos += CHUNK;
            }
            int last = gcm.doFinal(out, pos, n - pos, scratch, 0);
            byte[] expected = java.util.Arrays.copyOfRange(ct, ctOff + n, ctOff + ctLen);
            byte[] actual = java.util.Arrays.copyOfRange(scratch, last - TAG_BYTES, last);
            if (!dev.bulwark.core.ConstantTime.equals(expected, actual)) {
                java.util.Arrays.fill(out, (byte) 0);
                throw new DecryptionException(CryptoReason.AUTHENTICATION_FAILED, "decryption failed");
            }
            return out;
        } catch (GeneralSecurityException e) {
            java.util.Arrays.fill(out, (byte) 0);
            CTR.remove();
            VERIFIERS.remove();
            throw new IllegalStateException("AES-GCM decryption failed in the JCA provider", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM/NoPadding", e);
        }
    }
}
