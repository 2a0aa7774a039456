package dev.bulwark.core;

import com.google.common.io.BaseEncoding;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Cryptographically random tokens and bytes: session ids, refresh tokens, API keys, state and nonces, DEKs.
 *
 * <p><strong>Random source (one strategy for the whole library).</strong> Each thread owns a
 * {@code DRBG} {@link SecureRandom} (NIST SP 800-90A Hash_DRBG with SHA-256, 256-bit security strength,
 * reseedable), instantiated from the operating system's entropy source on first use in that thread with a
 * personalization string unique to the instance. Per-thread instances avoid the lock that a shared
 * {@code SecureRandom} takes on every call (measured in {@code docs/PERFORMANCE.md}); the DRBG's own
 * reseeding covers long-lived threads. If the platform has no DRBG, the platform default
 * {@code new SecureRandom()} is used instead.
 *
 * <p>Tokens are at least 128 bits: asking for fewer than {@value #MIN_TOKEN_BYTES} bytes throws
 * {@link ConfigurationException}. Raw {@link #bytes(int)} has no minimum (an IV may be 12 bytes).
 *
 * <p>This class is thread-safe; the instance returned by {@link #secureRandom()} must stay on its thread.
 */
public final class RandomTokens {

    /** The minimum token size in bytes (128 bits). */
    public static final int MIN_TOKEN_BYTES = 16;

    /** The default token size in bytes (256 bits). */
    public static final int DEFAULT_TOKEN_BYTES = 32;

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomTokens::newDrbg);
    private static final BaseEncoding BASE32 = BaseEncoding.base32().omitPadding();

    private RandomTokens() {
    }

    /**
     * The calling thread's random source. Do not hand it to another thread.
     *
     * @return the thread's {@link SecureRandom}
     */
    public static SecureRandom secureRandom() {
        return RANDOM.get();
    }

    /**
     * Fills {@code out} with random bytes.
     *
     * @param out the array to fill
     */
    public static void nextBytes(byte[] out) {
        RANDOM.get().nextBytes(out);
    }

    /**
     * @param n how many bytes, at least 1
     * @return {@code n} fresh random bytes
     * @throws ConfigurationException when {@code n < 1}
     */
    public static byte[] bytes(int n) {
        ConfigurationException.check(n >= 1, "random byte count must be at least 1, was " + n);
        byte[] b = new byte[n];
        RANDOM.get().nextBytes(b);
        return b;
    }

    /** {@return a 256-bit token, base64url without padding (43 characters)} */
    public static String token() {
        return base64Url(DEFAULT_TOKEN_BYTES);
    }

    /**
     * @param bytes entropy in bytes, at least {@value #MIN_TOKEN_BYTES}
     * @return lower-case hex of that many random bytes
     */
    public static String hex(int bytes) {
        return HexFormat.of().formatHex(tokenBytes(bytes));
    }

    /**
     * @param bytes entropy in bytes, at least {@value #MIN_TOKEN_BYTES}
     * @return base64url without padding of that many random bytes
     */
    public static String base64Url(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes(bytes));
    }

    /**
     * @param bytes entropy in bytes, at least {@value #MIN_TOKEN_BYTES}
     * @return upper-case RFC 4648 base32 without padding of that many random bytes (TOTP secrets)
     */
    public static String base32(int bytes) {
        return BASE32.encode(tokenBytes(bytes));
    }

    private static byte[] tokenBytes(int bytes) {
        ConfigurationException.check(bytes >= MIN_TOKEN_BYTES,
                "random tokens need at least " + MIN_TOKEN_BYTES + " bytes (128 bits), asked for " + bytes);
        return bytes(bytes);
    }

    private static SecureRandom newDrbg() {
        byte[] personalization = ("bulwark-" + Thread.currentThread().getId() + "-" + System.nanoTime())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, personalization));
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return new SecureRandom();
        }
    }
}
