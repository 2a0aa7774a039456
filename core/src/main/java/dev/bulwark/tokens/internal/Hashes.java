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

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
