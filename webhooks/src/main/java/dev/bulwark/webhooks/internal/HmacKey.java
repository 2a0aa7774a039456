package dev.bulwark.webhooks.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.ShortBufferException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC key with a per-thread, already initialised {@link Mac} (so that a verification costs no
 * {@code Mac.getInstance}/{@code init}) and a per-thread output buffer (so that computing a MAC to compare it
 * allocates nothing). Every use starts from {@link Mac#reset()}, so a MAC abandoned half-way (an exception
 * between {@code update} and {@code doFinal}) never leaks state into the next message on that thread.
 * Thread-safe; never prints the key.
 */
public final class HmacKey {

    /** The HMAC hash functions the schemes use. */
    public enum Algorithm {
        /** HMAC-SHA1 (Twilio; generic). */
        SHA1("HmacSHA1", 20),
        /** HMAC-SHA256 (most providers). */
        SHA256("HmacSHA256", 32),
        /** HMAC-SHA512 (generic). */
        SHA512("HmacSHA512", 64);

        private final String jca;
        private final int length;

        Algorithm(String jca, int length) {
            this.jca = jca;
            this.length = length;
        }

        /** {@return the JCA algorithm name} */
        public String jcaName() {
            return jca;
        }

        /** {@return the MAC length in bytes} */
        public int length() {
            return length;
        }
    }

    /** This thread's initialised MAC and the buffer its result is written to. */
    private static final class PerThread {
        final Mac mac;
        final byte[] out;

        PerThread(Mac mac, int length) {
            this.mac = mac;
            this.out = new byte[length];
        }
    }

    private final Algorithm algorithm;
    private final ThreadLocal<PerThread> macs;

    /**
     * @param algorithm the hash function
     * @param key the key bytes, not empty; copied
     */
    public HmacKey(Algorithm algorithm, byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        this.algorithm = algorithm;
        SecretKeySpec spec = new SecretKeySpec(key, algorithm.jca);
        PerThread first = new PerThread(newMac(algorithm, spec), algorithm.length);
        this.macs = ThreadLocal.withInitial(() -> new PerThread(newMac(algorithm, spec), algorithm.length));
        this.macs.set(first);
    }

    private static Mac newMac(Algorithm algorithm, SecretKeySpec spec) {
        try {
            Mac m = Mac.getInstance(algorithm.jca);
            m.init(spec);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm.jca, e);
        }
    }

    /** {@return the hash function} */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** {@return this thread's MAC, reset and ready for {@code update}} */
    public Mac mac() {
        Mac m = macs.get().mac;
        m.reset();
        return m;
    }

    /**
     * Finishes this thread's MAC (as returned by {@link #mac()}) into this thread's output buffer.
     *
     * <p>The returned array is overwritten by the next {@code doFinalShared} of this key on this thread:
     * compare it at once and {@code clone()} it to keep it.
     *
     * @param m this thread's MAC, from {@link #mac()} and fed with the message
     * @return this thread's output buffer holding the MAC ({@link Algorithm#length()} bytes)
     */
    public byte[] doFinalShared(Mac m) {
        byte[] out = macs.get().out;
        try {
            m.doFinal(out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("MAC longer than " + algorithm, e);
        }
        return out;
    }

    /**
     * @param data the message
     * @return the MAC of {@code data}
     */
    public byte[] compute(byte[] data) {
        return mac().doFinal(data);
    }

    /**
     * @param parts the message, in parts
     * @return the MAC of the concatenation
     */
    public byte[] compute(byte[]... parts) {
        Mac m = mac();
        for (byte[] p : parts) {
            m.update(p);
        }
        return m.doFinal();
    }

    /**
     * @param algorithm the hash function
     * @param key the key
     * @param data the message
     * @return the MAC (one-shot, for vectors and tools)
     */
    public static byte[] oneShot(Algorithm algorithm, byte[] key, byte[] data) {
        byte[] k = key.clone();
        try {
            return new HmacKey(algorithm, k).compute(data);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "HmacKey[" + algorithm + ", ***]";
    }
}
