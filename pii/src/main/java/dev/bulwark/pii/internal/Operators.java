package dev.bulwark.pii.internal;

import dev.bulwark.core.Secret;
import dev.bulwark.pii.MaskingOperator;
import dev.bulwark.pii.PiiType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Implementations of the built-in masking operators. */
public final class Operators {

    private Operators() {
    }

    /** {@code [TYPE]}. */
    public static final MaskingOperator REDACT = (type, value) -> redacted(type);
    /** Type-aware partial masking. */
    public static final MaskingOperator PARTIAL = Operators::partial;
    /** Last four letters/digits kept. */
    public static final MaskingOperator LAST_FOUR = (type, value) -> keepLast(value, 4, false);

    /** @param type a type @return {@code [TYPE]} */
    public static String redacted(PiiType type) {
        return "[" + type.name() + "]";
    }

    static String partial(PiiType type, String v) {
        switch (type) {
            case EMAIL: {
                int at = v.lastIndexOf('@');
                return at <= 0 ? redacted(type) : v.charAt(0) + "***" + v.substring(at);
            }
            case CREDIT_CARD:
            case US_SSN:
                return keepLast(v, 4, true);
            case PHONE:
                return keepLast(v, 2, true);
            case IBAN: {
                String tail = keepLast(v.substring(2), 4, false);
                return v.substring(0, 2) + tail;
            }
            case IPV4: {
                int dot = v.indexOf('.');
                return dot <= 0 ? redacted(type) : v.substring(0, dot) + ".*.*.*";
            }
            case IPV6: {
                int colon = v.indexOf(':');
                return colon <= 0 ? "****" : v.substring(0, colon) + ":****";
            }
            case URL_CREDENTIALS: {
                int colon = v.indexOf(':');
                return (colon < 0 ? "" : v.substring(0, colon)) + ":***";
            }
            case PRIVATE_KEY:
                return redacted(type);
            default:
                return keepFirst(type, v, 8, "***");
        }
    }

    /**
     * @param type the type
     * @param v the value
     * @param n characters to keep at most
     * @param marker appended
     * @return the first {@code min(n, len/2)} characters and the marker; cards and SSNs keep their last 4
     */
    public static String keepFirst(PiiType type, String v, int n, String marker) {
        if (type == PiiType.CREDIT_CARD || type == PiiType.US_SSN) {
            return keepLast(v, 4, true);
        }
        if (type == PiiType.PRIVATE_KEY) {
            return redacted(type);
        }
        int keep = Math.min(n, v.length() / 2);
        if (keep > 0 && Character.isHighSurrogate(v.charAt(keep - 1))) {
            keep--;
        }
        return v.substring(0, keep) + marker;
    }

    /** Stars every letter or digit except the last {@code keep} (digits only when {@code digitsOnly}). */
    static String keepLast(String v, int keep, boolean digitsOnly) {
        int total = 0;
        for (int i = 0; i < v.length(); i++) {
            if (counts(v.charAt(i), digitsOnly)) {
                total++;
            }
        }
        int visibleFrom = total - Math.min(keep, total / 2); // never more than half of the value
        StringBuilder sb = new StringBuilder(v.length());
        int seen = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (counts(c, digitsOnly)) {
                sb.append(seen++ >= visibleFrom ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean counts(char c, boolean digitsOnly) {
        return digitsOnly ? c >= '0' && c <= '9' : Character.isLetterOrDigit(c);
    }

    /**
     * @param type the type
     * @param v the value
     * @return the normalised form hashed by the keyed-hash operator
     */
    public static String normalise(PiiType type, String v) {
        switch (type) {
            case EMAIL:
            case IPV6:
                return v.toLowerCase(Locale.ROOT);
            case CREDIT_CARD:
            case US_SSN:
            case PHONE:
            case IBAN: {
                StringBuilder sb = new StringBuilder(v.length());
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (Character.isLetterOrDigit(c)) {
                        sb.append(Character.toUpperCase(c));
                    }
                }
                return sb.toString();
            }
            default:
                return v;
        }
    }

    /** HMAC-SHA256 token operator; one {@link Mac} per thread. */
    public static final class KeyedHash implements MaskingOperator {
        private final ThreadLocal<Mac> mac;

        /** @param key the HMAC key */
        public KeyedHash(Secret key) {
            SecretKeySpec spec = new SecretKeySpec(key.bytes(), "HmacSHA256");
            this.mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac m = Mac.getInstance("HmacSHA256");
                    m.init(spec);
                    return m;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 unavailable", e);
                }
            });
        }

        @Override
        public String apply(PiiType type, String value) {
            Mac m = mac.get();
            m.update(type.name().getBytes(StandardCharsets.US_ASCII));
            m.update((byte) 0);
            byte[] h = m.doFinal(normalise(type, value).getBytes(StandardCharsets.UTF_8));
            return "[" + type.name() + "_" + HexFormat.of().formatHex(h, 0, 8) + "]";
        }

        @Override
        public String toString() {
            return "KeyedHash[key=Secret[***]]";
        }
    }
}
