package dev.bulwark.ratelimit.internal;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A short, non-reversible label for a limiter key in audit events (keys may be API keys or IPs). */
public final class KeyDigest {

    private KeyDigest() {
    }

    /** @param key the key @return the first 12 hex characters of SHA-256(key) */
    public static String of(String key) {
        return HexFormat.of().formatHex(Hashing.sha256().hashString(key, StandardCharsets.UTF_8).asBytes(), 0, 6);
    }
}
