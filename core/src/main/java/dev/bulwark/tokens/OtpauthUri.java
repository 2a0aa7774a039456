package dev.bulwark.tokens;

import dev.bulwark.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed {@code otpauth://totp/...} enrolment URI (the Key Uri Format authenticator apps read), for importing
 * TOTP enrolments made elsewhere. The inverse of {@link Totp#otpauthUri(Secret, String)}.
 *
 * <p>Parsing is strict and bounded, because the URI is untrusted input (pasted by a user, read from a QR code
 * or a migration file):
 * <ul>
 *   <li>at most {@value #MAX_LENGTH} characters; scheme {@code otpauth} and type {@code totp} only
 *       (counter-based {@code hotp} enrolments are refused: Bulwark verifies time-based codes);</li>
 *   <li>{@code secret} is required, unpadded or padded base32 (case-insensitive), of at least 128 bits as
 *       RFC 4226 section 4 requires, at most 64 bytes;</li>
 *   <li>{@code algorithm} {@code SHA1} (default), {@code SHA256} or {@code SHA512}; {@code digits} 6 (default)
 *       to 8; {@code period} 15 to 120 seconds (default 30) — the ranges {@link Totp.Builder} accepts;</li>
 *   <li>a known parameter given twice is refused (no "last one wins"); unknown parameters such as
 *       {@code image} are ignored; the {@code issuer} parameter, when the label also names an issuer, must be
 *       the same issuer;</li>
 *   <li>percent-escapes must be well formed UTF-8.</li>
 * </ul>
 * Every rejection is a {@link TokenException} with reason {@link TokenReason#MALFORMED} and a message that
 * names the offending part but never contains the secret. {@link #toString()} never shows the secret.
 * Instances are immutable.
 */
public final class OtpauthUri {

    /** The longest URI accepted, in characters. */
    public static final int MAX_LENGTH = 2048;

    private static final String PREFIX = "otpauth://";
    private static final int MIN_SECRET_BYTES = 16;
    private static final int MAX_SECRET_BYTES = 64;

    private final String issuer;
    private final String account;
    private final Secret secret;
    private final Totp.Algorithm algorithm;
    private final int digits;
    private final Duration period;

    private OtpauthUri(String issuer, String account, Secret secret, Totp.Algorithm algorithm, int digits,
            Duration period) {
        this.issuer = issuer;
        this.account = account;
        this.secret = secret;
        this.algorithm = algorithm;
        this.digits = digits;
        this.period = period;
    }

    /**
     * Parses an enrolment URI.
     *
     * @param uri the {@code otpauth://totp/...} URI
     * @return the parameters it carries
     * @throws TokenException reason {@link TokenReason#MALFORMED} for anything outside the rules of the class
     *         comment (including {@code null})
     */
    public static OtpauthUri parse(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw malformed("the URI is empty");
        }
        if (uri.length() > MAX_LENGTH) {
            throw malformed("the URI is longer than " + MAX_LENGTH + " characters");
        }
        if (!uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw malformed("the scheme must be otpauth://");
        }
        int typeEnd = uri.indexOf('/', PREFIX.length());
        if (typeEnd < 0) {
            throw malformed("the URI has no label (otpauth://totp/Issuer:account?secret=...)");
        }
        String type = uri.substring(PREFIX.length(), typeEnd);
        if (!"totp".equalsIgnoreCase(type)) {
            throw malformed("only totp enrolments are accepted, not '" + printable(type) + "'");
        }
        int q = uri.indexOf('?', typeEnd + 1);
        String rawLabel = q < 0 ? uri.substring(typeEnd + 1) : uri.substring(typeEnd + 1, q);
        if (uri.indexOf('#') >= 0) {
            throw malformed("the URI must not have a fragment");
        }
        String label = decode(rawLabel, "label");
        String labelIssuer = null;
        String account = label;
        int colon = label.indexOf(':');
        if (colon >= 0) {
            labelIssuer = label.substring(0, colon).strip();
            account = label.substring(colon + 1).strip();
            if (labelIssuer.isEmpty()) {
                throw malformed("the label's issuer prefix is empty");
            }
        }
        if (account.isEmpty()) {
            throw malformed("the label has no account name");
        }

        String secretText = null;
        String issuerParam = null;
        String algorithmText = null;
        String digitsText = null;
        String periodText = null;
        Set<String> seen = new HashSet<>();
        if (q >= 0 && q + 1 < uri.length()) {
            for (String pair : uri.substring(q + 1).split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter name").toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                switch (name) {
                    case "secret", "issuer", "algorithm", "digits", "period" -> {
                        if (!seen.add(name)) {
                            throw malformed("parameter '" + name + "' is given more than once");
                        }
                    }
                    default -> {
                        continue; // image, counter of other apps...: not ours to interpret
                    }
                }
                switch (name) {
                    case "secret" -> secretText = value; // not percent-decoded into a String we might echo
                    case "issuer" -> issuerParam = decode(value, "issuer").strip();
                    case "algorithm" -> algorithmText = decode(value, "algorithm");
                    case "digits" -> digitsText = decode(value, "digits");
                    default -> periodText = decode(value, "period");
                }
            }
        }
        if (issuerParam != null && issuerParam.isEmpty()) {
            throw malformed("the issuer parameter is empty");
        }
        if (labelIssuer != null && issuerParam != null && !labelIssuer.equals(issuerParam)) {
            throw malformed("the issuer parameter does not match the label's issuer");
        }
        String issuer = issuerParam != null ? issuerParam : labelIssuer;
        Secret secret = secret(secretText);
        Totp.Algorithm algorithm = algorithm(algorithmText);
        int digits = boundedInt(digitsText, "digits", 6, 6, 8);
        int periodSeconds = boundedInt(periodText, "period", 30, 15, 120);
        return new OtpauthUri(issuer, account, secret, algorithm, digits, Duration.ofSeconds(periodSeconds));
    }

    /** {@return the issuer (from the {@code issuer} parameter or the label prefix), or {@code null} if none} */
    public String issuer() {
        return issuer;
    }

    /** {@return the account name of the label (e.g. an email)} */
    public String account() {
        return account;
    }

    /** {@return the shared secret} */
    public Secret secret() {
        return secret;
    }

    /** {@return the HMAC algorithm} */
    public Totp.Algorithm algorithm() {
        return algorithm;
    }

    /** {@return the number of digits of a code} */
    public int digits() {
        return digits;
    }

    /** {@return the time step} */
    public Duration period() {
        return period;
    }

    /**
     * Applies this enrolment's algorithm, digits, period and (if present) issuer to a {@link Totp} builder, so
     * that the imported secret verifies with the parameters it was enrolled with.
     *
     * @param builder the builder to configure
     * @return the same builder
     */
    public Totp.Builder applyTo(Totp.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        builder.algorithm(algorithm).digits(digits).period(period);
        if (issuer != null) {
            builder.issuer(issuer);
        }
        return builder;
    }

    /** {@return issuer, account and parameters; never the secret} */
    @Override
    public String toString() {
        return "OtpauthUri[issuer=" + issuer + ", account=" + account + ", algorithm=" + algorithm + ", digits="
                + digits + ", period=" + period.getSeconds() + "s, secret=<redacted>]";
    }

    private static Secret secret(String text) {
        if (text == null || text.isEmpty()) {
            throw malformed("the secret parameter is required");
        }
        StringBuilder b32 = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b32.append((char) (c - 32));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) {
                b32.append(c);
            } else if (c == '=') {
                // padding: only at the end, checked below
                b32.append(c);
            } else {
                throw malformed("the secret is not base32 (A-Z, 2-7)");
            }
        }
        String s = b32.toString();
        int pad = s.indexOf('=');
        if (pad >= 0) {
            for (int i = pad; i < s.length(); i++) {
                if (s.charAt(i) != '=') {
                    throw malformed("the secret has padding in the middle");
                }
            }
            s = s.substring(0, pad);
        }
        byte[] bytes;
        try {
            bytes = com.google.common.io.BaseEncoding.base32().omitPadding().decode(s);
        } catch (IllegalArgumentException e) {
            throw malformed("the secret is not valid base32 (bad length or trailing bits)");
        }
        if (bytes.length < MIN_SECRET_BYTES || bytes.length > MAX_SECRET_BYTES) {
            java.util.Arrays.fill(bytes, (byte) 0);
            throw malformed("the secret must be " + MIN_SECRET_BYTES * 8 + " to " + MAX_SECRET_BYTES * 8
                    + " bits (RFC 4226 requires at least 128)");
        }
        Secret secret = Secret.ofBytes(bytes);
        java.util.Arrays.fill(bytes, (byte) 0);
        return secret;
    }

    private static Totp.Algorithm algorithm(String text) {
        if (text == null) {
            return Totp.Algorithm.SHA1;
        }
        switch (text.toUpperCase(Locale.ROOT)) {
            case "SHA1":
                return Totp.Algorithm.SHA1;
            case "SHA256":
                return Totp.Algorithm.SHA256;
            case "SHA512":
                return Totp.Algorithm.SHA512;
            default:
                throw malformed("algorithm must be SHA1, SHA256 or SHA512, not '" + printable(text) + "'");
        }
    }

    private static int boundedInt(String text, String name, int dflt, int min, int max) {
        if (text == null) {
            return dflt;
        }
        if (text.isEmpty() || text.length() > 3) {
            throw malformed(name + " must be a number from " + min + " to " + max);
        }
        int v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed(name + " must be a number from " + min + " to " + max);
            }
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) {
            throw malformed(name + " must be a number from " + min + " to " + max + ", not " + v);
        }
        return v;
    }

    /** Strict percent-decoding: '+' stays '+', every escape is two hex digits, the bytes are valid UTF-8. */
    private static String decode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        // at most 3 UTF-8 bytes per UTF-16 char (a surrogate pair is 2 chars, 4 bytes); an escape gives 1 byte
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw malformed("the " + what + " has a truncated percent-escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed("the " + what + " has an invalid percent-escape");
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                int cp = s.codePointAt(i);
                if (Character.isSurrogate(c) && !Character.isSupplementaryCodePoint(cp)) {
                    throw malformed("the " + what + " has a lone surrogate character");
                }
                i += Character.charCount(cp) - 1;
                byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(enc, 0, out, n, enc.length);
                n += enc.length;
            }
        }
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(out, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed("the " + what + " is not valid UTF-8 once percent-decoded");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) + "…" : s;
        StringBuilder b = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static TokenException malformed(String message) {
        return new TokenException(TokenReason.MALFORMED, "otpauth URI: " + message);
    }
}
