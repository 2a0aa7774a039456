package dev.bulwark.tokens.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA256 helpers with per-thread instances. Thread-safe. */
public final class Hashes {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Hashes() {
    }

    /** @param data input @return SHA-256 of it */
    public static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(data);
    }

    /** @param s input (UTF-8) @return SHA-256 of it */
    public static byte[] sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** @param s input (UTF-8) @return base64url (no padding) of SHA-256 of it */
    public static String sha256B64(String s) {
        return B64URL.encodeToString(sha256(s));
    }

    /** @param bytes data @return base64url without padding */
    public static String b64url(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /**
     * @param key HMAC key
     * @param s input (UTF-8)
     * @return HMAC-SHA256
     */
    public static byte[] hmacSha256(byte[] key, String s) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Whether {@code s} is strictly base64url without padding: only {@code [A-Za-z0-9_-]} and a length that
     * is not 1 modulo 4, and canonical (the unused low bits of the last character are zero, so that one byte
     * string has exactly one encoding). Nimbus' decoder skips illegal characters; this check runs first.
     *
     * @param s the text
     * @param from start index, inclusive
     * @param to end index, exclusive
     * @return whether the range is canonical-alphabet base64url
     */
    public static boolean isBase64Url(String s, int from, int to) {
        if ((to - from) % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            int v = value(s.charAt(i));
            if (v < 0) {
                return false;
            }
            last = v;
        }
        int rem = (to - from) % 4;
        return rem == 0 || rem == 2 && (last & 0x0f) == 0 || rem == 3 && (last & 0x03) == 0;
    }

    /** Base64url digit values of ASCII characters (and of every byte value); -1 for anything else. */
    private static final byte[] VALUES = new byte[256];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    private static int value(byte b) {
        return VALUES[b & 0xff];
    }

    /**
     * {@link #isBase64Url(String, int, int)} over bytes (one byte per character, as from ISO-8859-1).
     *
     * @param b the bytes
     * @param from start index, inclusive
     * @param to end index, exclusive
     * @return whether the range is canonical-alphabet base64url without padding
     */
    public static boolean isBase64Url(byte[] b, int from, int to) {
        if ((to - from) % 4 == 1) {
            return false;
        }
        int bad = 0;
        int last = 0;
        for (int i = from; i < to; i++) {
            last = value(b[i]);
            bad |= last;
        }
        if (bad < 0) {
            return false;
        }
        int rem = (to - from) % 4;
        return rem == 0 || rem == 2 && (last & 0x0f) == 0 || rem == 3 && (last & 0x03) == 0;
    }

    /**
     * Decodes a range of bytes (one per character, as from ISO-8859-1) as strict base64url: exactly what
     * {@link #isBase64Url(byte[], int, int)} accepts, without an intermediate copy.
     *
     * @param b the bytes
     * @param from start index, inclusive
     * @param to end index, exclusive
     * @return the decoded bytes
     * @throws IllegalArgumentException when the range is not strict, canonical, unpadded base64url
     */
    public static byte[] decodeBase64Url(byte[] b, int from, int to) {
        int n = to - from;
        int rem = n % 4;
        // The JDK's URL decoder (vectorized on common CPUs) refuses every byte outside the url-safe alphabet;
        // what it accepts beyond strict base64url is padding, which always ends the input with '=', and
        // non-zero bits left over in the last character: both are refused here first.
        if (rem == 1 || n > 0 && b[to - 1] == '=') {
            throw new IllegalArgumentException("not strict base64url");
        }
        if (rem != 0) {
            int last = value(b[to - 1]);
            if (last < 0 || (rem == 2 ? last & 0x0f : last & 0x03) != 0) {
                throw new IllegalArgumentException("not strict base64url");
            }
        }
        java.nio.ByteBuffer out = URL_DECODER.decode(java.nio.ByteBuffer.wrap(b, from, n));
        byte[] a = out.array();
        int off = out.arrayOffset() + out.position();
        return off == 0 && out.remaining() == a.length ? a : java.util.Arrays.copyOfRange(a, off, off + out.remaining());
    }

    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
}
