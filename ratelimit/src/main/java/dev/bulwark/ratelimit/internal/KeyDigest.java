package dev.bulwark.ratelimit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short, non-reversible label for a limiter key in audit events (keys may be API keys or IPs). */
public final class KeyDigest {

    private KeyDigest() {
    }

    /** @param key the key @return the first 12 hex characters of SHA-256(key) */
    public static String of(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
