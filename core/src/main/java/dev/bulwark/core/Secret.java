package dev.bulwark.core;

import com.google.common.io.BaseEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.security.auth.Destroyable;

/**
 * Immutable holder of key material or a secret string: HMAC keys, webhook secrets, peppers, KEKs.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #toString()} is always {@code Secret[***]}: a {@code Secret} can be logged, put in an
 *       exception message or a debugger view without showing its value.</li>
 *   <li>Defensive copies in and out: the caller's array is copied on creation, and {@link #bytes()} returns
 *       a fresh copy each call. Reading the value is an explicit, greppable call ({@link #bytes()} or
 *       {@link #utf8()}).</li>
 *   <li>{@link #equals(Object)} compares in constant time for equal lengths ({@link ConstantTime#equals});
 *       {@link #hashCode()} depends only on the length, so it reveals nothing about the value.</li>
 *   <li>{@link #destroy()} zeroes the internal copy (best effort: the JVM may have moved or copied it);
 *       every later read throws {@link IllegalStateException}.</li>
 * </ul>
 *
 * <p>Factories reject {@code null} and malformed encodings with an {@link InvalidInputException} whose
 * message never includes the input. An empty secret is allowed here (a component that needs a secret
 * refuses an empty one when it is built).
 *
 * <p>This class is thread-safe.
 */
public final class Secret implements Destroyable {

    private static final String WHSEC_PREFIX = "whsec_";

    private final byte[] value;
    private volatile boolean destroyed;

    private Secret(byte[] value) {
        this.value = value;
    }

    /**
     * A secret holding a copy of {@code bytes}.
     *
     * @param bytes the key material; copied
     * @return the secret
     * @throws NullPointerException never for valid callers: a {@code null} array is rejected with
     *     {@link InvalidInputException}
     */
    public static Secret ofBytes(byte[] bytes) {
        requireInput(bytes, "bytes");
        return new Secret(bytes.clone());
    }

    /**
     * A secret holding the UTF-8 bytes of {@code value}, as used by schemes whose key is the literal string
     * (Stripe signs with the whole {@code whsec_...} string).
     *
     * @param value the secret string
     * @return the secret
     */
    public static Secret ofUtf8(String value) {
        requireInput(value, "value");
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A secret from standard or URL-safe base64 (padding optional, surrounding white space ignored).
     *
     * @param base64 the encoded secret
     * @return the decoded secret
     * @throws InvalidInputException with {@link CoreReason#MALFORMED_ENCODING} when it is not base64
     */
    public static Secret ofBase64(String base64) {
        requireInput(base64, "base64");
        String s = base64.strip();
        try {
            if (s.indexOf('-') >= 0 || s.indexOf('_') >= 0) {
                return new Secret(Base64.getUrlDecoder().decode(s));
            }
            return new Secret(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(CoreReason.MALFORMED_ENCODING, "secret is not valid base64");
        }
    }

    /**
     * A secret from hexadecimal (either case, even length).
     *
     * @param hex the encoded secret
     * @return the decoded secret
     * @throws InvalidInputException with {@link CoreReason#MALFORMED_ENCODING} when it is not hex
     */
    public static Secret ofHex(String hex) {
        requireInput(hex, "hex");
        try {
            return new Secret(HexFormat.of().parseHex(hex.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(CoreReason.MALFORMED_ENCODING, "secret is not valid hex");
        }
    }

    /**
     * A secret from base32 (RFC 4648, case-insensitive, padding and spaces optional), the encoding of TOTP
     * secrets.
     *
     * @param base32 the encoded secret
     * @return the decoded secret
     * @throws InvalidInputException with {@link CoreReason#MALFORMED_ENCODING} when it is not base32
     */
    public static Secret ofBase32(String base32) {
        requireInput(base32, "base32");
        String s = base32.replace(" ", "").replace("=", "").toUpperCase(java.util.Locale.ROOT);
        try {
            return new Secret(BaseEncoding.base32().omitPadding().decode(s));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(CoreReason.MALFORMED_ENCODING, "secret is not valid base32");
        }
    }

    /**
     * A Standard Webhooks secret: {@code whsec_} followed by base64; the key is the decoded base64 (the
     * prefix is optional on input). Note that Stripe's {@code whsec_} secrets are <em>not</em> decoded:
     * use {@link #ofUtf8(String)} for those.
     *
     * @param whsec the secret, with or without the {@code whsec_} prefix
     * @return the decoded key
     * @throws InvalidInputException with {@link CoreReason#MALFORMED_ENCODING} when the rest is not base64
     */
    public static Secret ofWhsec(String whsec) {
        requireInput(whsec, "whsec");
        String s = whsec.strip();
        if (s.startsWith(WHSEC_PREFIX)) {
            s = s.substring(WHSEC_PREFIX.length());
        }
        try {
            return new Secret(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(CoreReason.MALFORMED_ENCODING,
                    "webhook secret is not whsec_ followed by valid base64");
        }
    }

    /**
     * A copy of the secret's bytes. The caller owns the copy and should zero it when done.
     *
     * @return a fresh copy
     * @throws IllegalStateException after {@link #destroy()}
     */
    public byte[] bytes() {
        checkAlive();
        return value.clone();
    }

    /**
     * The secret decoded as UTF-8 (for secrets that are strings, such as passwords handed to a hasher).
     *
     * @return the string value
     * @throws IllegalStateException after {@link #destroy()}
     */
    public String utf8() {
        checkAlive();
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The secret encoded as standard base64 with padding.
     *
     * @return the encoded value
     * @throws IllegalStateException after {@link #destroy()}
     */
    public String base64() {
        checkAlive();
        return Base64.getEncoder().encodeToString(value);
    }

    /** {@return the length in bytes (not secret)} */
    public int length() {
        return value.length;
    }

    /** {@return whether the secret has no bytes} */
    public boolean isEmpty() {
        return value.length == 0;
    }

    /**
     * Compares the secret with {@code candidate} in time that depends only on their lengths.
     *
     * @param candidate bytes to compare, may be {@code null} (never equal)
     * @return whether they are equal
     */
    public boolean matches(byte[] candidate) {
        checkAlive();
        return ConstantTime.equals(value, candidate);
    }

    /** Zeroes the internal copy; later reads throw {@link IllegalStateException}. */
    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time for secrets of equal length. Destroyed secrets are equal to nothing but themselves. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Secret)) {
            return false;
        }
        Secret other = (Secret) o;
        if (destroyed || other.destroyed) {
            return false;
        }
        return ConstantTime.equals(value, other.value);
    }

    /** Depends on the length only, so that hash-based collections do not leak the value. */
    @Override
    public int hashCode() {
        return Integer.hashCode(value.length) * 31 + 0x5ec7e7;
    }

    /** {@return always {@code Secret[***]}} */
    @Override
    public String toString() {
        return "Secret[***]";
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret has been destroyed");
        }
    }

    private static void requireInput(Object input, String what) {
        if (input == null) {
            throw new InvalidInputException(CoreReason.MALFORMED_ENCODING, "secret " + what + " must not be null");
        }
    }
}
