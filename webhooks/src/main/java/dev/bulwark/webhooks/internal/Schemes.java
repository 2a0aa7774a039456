package dev.bulwark.webhooks.internal;

import dev.bulwark.core.ConstantTime;
import dev.bulwark.webhooks.WebhookReason;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookVerificationException;
import java.util.List;

/** Helpers shared by the scheme implementations. */
final class Schemes {

    /** Longest header value any parser looks at; longer ones are malformed (bounds the work per request). */
    static final int MAX_HEADER_LENGTH = 8192;

    private Schemes() {
    }

    static String required(WebhookRequest request, String name) {
        String v = request.header(name);
        if (v == null || v.isBlank()) {
            throw new WebhookVerificationException(WebhookReason.MISSING_HEADER, "missing header " + name);
        }
        if (v.length() > MAX_HEADER_LENGTH) {
            throw new WebhookVerificationException(WebhookReason.MALFORMED_HEADER,
                    "header " + name + " is longer than " + MAX_HEADER_LENGTH + " characters");
        }
        return v.strip();
    }

    static String optional(WebhookRequest request, String name) {
        String v = request.header(name);
        if (v == null || v.isBlank() || v.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        return v.strip();
    }

    /**
     * Parses a timestamp of decimal seconds (or, with {@code allowMillis}, milliseconds, told apart by size).
     */
    static long epochSeconds(String value, String header, boolean allowMillis) {
        int n = value.length();
        if (n == 0 || n > 16) {
            throw malformed(header, "timestamp is not a number of seconds");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed(header, "timestamp is not a number of seconds");
            }
            v = v * 10 + (c - '0');
        }
        if (allowMillis && v >= 100_000_000_000L) {
            return v / 1000;
        }
        if (v >= 100_000_000_000L) {
            throw malformed(header, "timestamp is out of range");
        }
        return v;
    }

    static WebhookVerificationException malformed(String header, String what) {
        return new WebhookVerificationException(WebhookReason.MALFORMED_HEADER, "malformed " + header + ": " + what);
    }

    static WebhookVerificationException noMatch(String scheme, int candidates, int keys) {
        return new WebhookVerificationException(WebhookReason.NO_MATCHING_SIGNATURE,
                "no " + scheme + " signature matches (" + candidates + " signature(s) tried against "
                        + keys + " secret(s))");
    }

    static WebhookVerificationException unsupported(String header, String what) {
        return new WebhookVerificationException(WebhookReason.UNSUPPORTED_VERSION,
                header + " carries no trusted signature: " + what);
    }

    /**
     * @return the expected MAC that equals one of {@code candidates}, or {@code null}
     */
    static byte[] firstMatch(byte[] expected, List<byte[]> candidates) {
        byte[] hit = null;
        for (byte[] c : candidates) {
            if (c != null && ConstantTime.equals(expected, c)) {
                hit = expected;
            }
        }
        return hit;
    }
}
