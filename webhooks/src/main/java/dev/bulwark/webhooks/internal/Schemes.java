package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookReason;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookVerificationException;

/** Helpers shared by the scheme implementations. */
final class Schemes {

    /** Longest header value any parser looks at; longer ones are malformed (bounds the work per request). */
    static final int MAX_HEADER_LENGTH = 8192;

    private Schemes() {
    }

    static String required(WebhookRequest request, String name) {
        return required(request.header(name), name);
    }

    /**
     * @param v a header's first value as looked up ({@code null} when absent)
     * @param name the header's name, for messages
     * @return the stripped value
     * @throws WebhookVerificationException as {@link #required(WebhookRequest, String)}
     */
    static String required(String v, String name) {
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
     * Reads a header that holds one standard base64 signature and nothing else.
     *
     * @return the decoded signature
     * @throws WebhookVerificationException {@code MISSING_HEADER}, or {@code MALFORMED_HEADER} when it is not
     *     canonical base64
     */
    static byte[] requiredBase64(WebhookRequest request, String header) {
        byte[] candidate = Codecs.base64OrNull(required(request, header));
        if (candidate == null) {
            throw malformed(header, "expected base64");
        }
        return candidate;
    }

    /**
     * Parses {@code <label>=<hex>} (e.g. {@code sha256=...}, {@code v0=...}).
     *
     * @param value the header value
     * @param header the header name, for messages
     * @param label the one trusted label
     * @param notLabel what to say when the label is another one
     * @return the decoded signature, or {@code null} when the hex is invalid
     * @throws WebhookVerificationException {@code MALFORMED_HEADER} when there is no label,
     *     {@code UNSUPPORTED_VERSION} when the label is not {@code label}
     */
    static byte[] labelledHex(String value, String header, String label, String notLabel) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw malformed(header, "expected " + label + "=<hex>");
        }
        if (eq != label.length() || !value.startsWith(label)) {
            throw unsupported(header, notLabel);
        }
        return Codecs.hexOrNull(value, eq + 1, value.length());
    }
}
