package dev.bulwark.tokens.internal;

import dev.bulwark.core.ConstantTime;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 (HMAC-SHA256, RFC 7518 section 3.2) signature check with the JDK {@link Mac}: one prototype
 * initialised with the key at construction, cloned once per thread, so a verification costs one HMAC and
 * no provider lookup or key schedule. The comparison is constant-time ({@link ConstantTime#equals}) and
 * refuses a signature of any length other than 32 bytes. Thread-safe: each thread uses its own {@code Mac}.
 */
public final class Hs256Verifier {

    /** Length of an HMAC-SHA256 tag in bytes. */
    public static final int TAG_LENGTH = 32;
    private static final String JCA = "HmacSHA256";

    private final Mac prototype;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> perThread = ThreadLocal.withInitial(this::newMac);

    /**
     * @param secret the HMAC key (copied; never exposed)
     * @throws IllegalArgumentException when the JDK refuses the key (it is empty)
     */
    public Hs256Verifier(byte[] secret) {
        try {
            this.key = new SecretKeySpec(secret, JCA);
            this.prototype = Mac.getInstance(JCA);
            this.prototype.init(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("HMAC key rejected", e);
        }
    }

    private Mac newMac() {
        try {
            synchronized (prototype) {
                return (Mac) prototype.clone();
            }
        } catch (CloneNotSupportedException e) {
            try {
                Mac m = Mac.getInstance(JCA);
                m.init(key);
                return m;
            } catch (GeneralSecurityException e2) {
                throw new IllegalStateException("HmacSHA256 unavailable", e2);
            }
        }
    }

    /**
     * Whether {@code signature} is the HMAC-SHA256 of {@code input[0, length)}.
     *
     * @param input the bytes holding the signing input at the start
     * @param length how many bytes of {@code input} are signed
     * @param signature the received tag; {@code null} or any length other than 32 bytes never verifies
     * @return whether the tag matches, compared in constant time
     */
    public boolean verify(byte[] input, int length, byte[] signature) {
        if (signature == null || signature.length != TAG_LENGTH) {
            return false;
        }
        Mac mac = perThread.get();
        mac.reset();
        mac.update(input, 0, length);
        return ConstantTime.equals(mac.doFinal(), signature);
    }

    /** {@return the algorithm only; never key material} */
    @Override
    public String toString() {
        return "Hs256Verifier";
    }
}
