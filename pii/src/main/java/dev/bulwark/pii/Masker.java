package dev.bulwark.pii;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.pii.internal.Operators;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Masks the personal data and secrets in a text: detects them with a {@link PiiDetector} and replaces each
 * span with the output of the {@link MaskingOperator} configured for its type.
 *
 * <p>Guarantees: the output never contains a detected value (an operator whose output still contains it, or
 * for cards and SSNs all their digits, is overridden by {@link MaskingOperators#redact()}); with the built-in
 * operators, masking is idempotent ({@code mask(mask(x)).equals(mask(x))}); text outside the spans is copied
 * unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class Masker {

    private static final Masker DEFAULT = builder().build();

    private final PiiDetector detector;
    private final MaskingOperator fallback;
    private final MaskingOperator[] byType = new MaskingOperator[PiiType.values().length];

    private Masker(Builder b) {
        this.detector = b.detector;
        this.fallback = b.operator;
        for (PiiType t : PiiType.values()) {
            byType[t.ordinal()] = b.perType.getOrDefault(t, b.operator);
        }
    }

    /** {@return a masker with {@link PiiDetector#ofDefaults()} and {@link MaskingOperators#redact()}} */
    public static Masker ofDefaults() {
        return DEFAULT;
    }

    /** {@return a builder: default detector, redact for every type} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the detector this masker uses} */
    public PiiDetector detector() {
        return detector;
    }

    /**
     * Detects and masks.
     *
     * @param text the text
     * @return the masked text
     * @throws PiiException as {@link PiiDetector#detect(CharSequence)}
     */
    public String mask(CharSequence text) {
        return mask(text, detector.detect(text));
    }

    /**
     * Detects and masks, returning the findings as well (positions refer to the original text).
     *
     * @param text the text
     * @return the masked text and the spans that were masked
     * @throws PiiException as {@link PiiDetector#detect(CharSequence)}
     */
    public MaskedText maskDetailed(CharSequence text) {
        List<PiiSpan> spans = detector.detect(text);
        return new MaskedText(mask(text, spans), spans);
    }

    /**
     * Masks the given spans of {@code text} (for example spans from another detector or kept from an
     * earlier scan).
     *
     * @param text the text
     * @param spans non-overlapping spans within the text, in any order
     * @return the masked text
     * @throws PiiException {@link PiiReason#INVALID_SPANS} when spans overlap or exceed the text,
     *     {@link PiiReason#MISSING_INPUT} for {@code null}
     */
    public String mask(CharSequence text, List<PiiSpan> spans) {
        if (text == null || spans == null) {
            throw new PiiException(PiiReason.MISSING_INPUT, "text and spans must not be null");
        }
        if (spans.isEmpty()) {
            return text.toString();
        }
        List<PiiSpan> sorted = spans;
        for (int k = 1; k < spans.size(); k++) {
            if (spans.get(k).start() < spans.get(k - 1).start()) {
                sorted = spans.stream().sorted((a, b) -> Integer.compare(a.start(), b.start())).toList();
                break;
            }
        }
        String s = text.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        int pos = 0;
        for (PiiSpan span : sorted) {
            if (span.start() < pos || span.end() > s.length()) {
                throw new PiiException(PiiReason.INVALID_SPANS, "spans must not overlap and must lie within the"
                        + " text of length " + s.length() + "; got [" + span.start() + ", " + span.end() + ")");
            }
            out.append(s, pos, span.start());
            out.append(maskValue(span.type(), s.substring(span.start(), span.end())));
            pos = span.end();
        }
        out.append(s, pos, s.length());
        return out.toString();
    }

    /**
     * Applies this masker's operator for {@code type} to a whole value (no detection), as the Jackson
     * {@code @Sensitive} annotation does.
     *
     * @param type the type the value is known to be
     * @param value the value
     * @return the masked value
     */
    public String maskValue(PiiType type, String value) {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isEmpty()) {
            return value;
        }
        String masked;
        try {
            masked = byType[type.ordinal()].apply(type, value);
        } catch (RuntimeException e) {
            masked = null; // fail closed
        }
        if (masked == null || leaks(type, value, masked)) {
            return Operators.redacted(type);
        }
        return masked;
    }

    private static boolean leaks(PiiType type, String value, String masked) {
        if (masked.contains(value)) {
            return true;
        }
        if (type == PiiType.CREDIT_CARD || type == PiiType.US_SSN) {
            String d = digits(value);
            return d.length() >= 9 && digits(masked).contains(d);
        }
        return false;
    }

    private static String digits(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Masker[" + detector + ", operator=" + fallback + "]";
    }

    /**
     * A masked text with the spans found in the original.
     *
     * @param text the masked text
     * @param findings the spans that were masked, positions in the original text
     */
    public record MaskedText(String text, List<PiiSpan> findings) {
        /** Copies {@code findings}. */
        public MaskedText {
            findings = List.copyOf(findings);
        }
    }

    /** Builds a {@link Masker}. Not thread-safe. */
    public static final class Builder {
        private PiiDetector detector = PiiDetector.ofDefaults();
        private MaskingOperator operator = MaskingOperators.redact();
        private final Map<PiiType, MaskingOperator> perType = new EnumMap<>(PiiType.class);

        private Builder() {
        }

        /**
         * @param detector the detector (default {@link PiiDetector#ofDefaults()})
         * @return this
         */
        public Builder detector(PiiDetector detector) {
            this.detector = detector;
            return this;
        }

        /**
         * @param operator the operator for every type without its own (default redact)
         * @return this
         */
        public Builder operator(MaskingOperator operator) {
            this.operator = operator;
            return this;
        }

        /**
         * @param type a type
         * @param operator the operator for that type
         * @return this
         */
        public Builder operator(PiiType type, MaskingOperator operator) {
            perType.put(Objects.requireNonNull(type, "type"), operator);
            return this;
        }

        /**
         * @return the masker
         * @throws ConfigurationException when the detector or an operator is missing
         */
        public Masker build() {
            ConfigurationException.requireSet(detector, "detector");
            ConfigurationException.requireSet(operator, "operator");
            perType.forEach((t, op) -> ConfigurationException.requireSet(op, "operator for " + t));
            return new Masker(this);
        }
    }
}
