package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF (RFC 5869) over HMAC-SHA-256 or HMAC-SHA-512: derives independent sub-keys from one input key
 * (for example a blind-index key and a pairwise-id key from one master secret, each with its own
 * {@code info}).
 *
 * <pre>{@code
 * Secret indexKey = Hkdf.sha256().derive(master, salt, "bulwark/blind-index/users.email", 32);
 * }</pre>
 *
 * <p>An empty or {@code null} salt means {@code HashLen} zero bytes, as the RFC says. Output is limited to
 * 255 &times; HashLen bytes; longer requests throw {@link CryptoException} with
 * {@link CryptoReason#INVALID_INPUT}. Verified against RFC 5869 Appendix A and Wycheproof
 * {@code hkdf_sha256_test.json}. Instances are immutable and thread-safe.
 */
public final class Hkdf {

    private static final Hkdf SHA256 = new Hkdf("HmacSHA256", 32);
    private static final Hkdf SHA512 = new Hkdf("HmacSHA512", 64);

    private final String algorithm;
    private final int hashLength;

    private Hkdf(String algorithm, int hashLength) {
        this.algorithm = algorithm;
        this.hashLength = hashLength;
    }

    /** {@return HKDF-SHA-256} */
    public static Hkdf sha256() {
        return SHA256;
    }

    /** {@return HKDF-SHA-512} */
    public static Hkdf sha512() {
        return SHA512;
    }

    /** {@return the hash length in bytes (32 or 64)} */
    public int hashLength() {
        return hashLength;
    }

    /**
     * HKDF-Extract.
     *
     * @param salt optional salt; {@code null} or empty means HashLen zero bytes
     * @param ikm the input key material
     * @return the pseudorandom key (HashLen bytes); the caller should zero it when done
     */
    public byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        byte[] s = salt == null || salt.length == 0 ? new byte[hashLength] : salt;
        Mac mac = mac(s);
        return mac.doFinal(ikm);
    }

    /**
     * HKDF-Expand.
     *
     * @param prk a pseudorandom key of at least HashLen bytes
     * @param info context and application specific information, {@code null} means empty
     * @param length output length, 0 to 255 &times; HashLen
     * @return the output keying material
     * @throws CryptoException with {@link CryptoReason#INVALID_INPUT} when {@code length} is out of range
     */
    public byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        if (length < 0 || length > 255 * hashLength) {
            throw new CryptoException(CryptoReason.INVALID_INPUT,
                    "HKDF output length must be between 0 and " + 255 * hashLength + ", was " + length);
        }
        byte[] inf = info == null ? new byte[0] : info;
        Mac mac = mac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int pos = 0;
        for (int i = 1; pos < length; i++) {
            mac.update(t);
            mac.update(inf);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - pos);
            System.arraycopy(t, 0, out, pos, n);
            pos += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    /**
     * Extract then expand.
     *
     * @param salt optional salt
     * @param ikm input key material
     * @param info context information
     * @param length output length
     * @return the output keying material
     */
    public byte[] deriveBytes(byte[] salt, byte[] ikm, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /**
     * Derives a sub-key as a {@link Secret}.
     *
     * @param ikm the master secret
     * @param salt optional salt ({@code null} for none)
     * @param info a label naming the sub-key's purpose, e.g. {@code "bulwark/blind-index/users.email"}
     * @param length output length in bytes
     * @return the sub-key
     */
    public Secret derive(Secret ikm, byte[] salt, String info, int length) {
        Objects.requireNonNull(ikm, "ikm");
        Objects.requireNonNull(info, "info");
        byte[] k = ikm.bytes();
        byte[] out = null;
        try {
            out = deriveBytes(salt, k, info.getBytes(java.nio.charset.StandardCharsets.UTF_8), length);
            return Secret.ofBytes(out);
        } finally {
            Arrays.fill(k, (byte) 0);
            if (out != null) {
                Arrays.fill(out, (byte) 0);
            }
        }
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[hashLength] : key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("the JDK cannot run " + algorithm + ": " + e.getClass().getSimpleName());
        }
    }
}
