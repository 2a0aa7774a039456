package dev.bulwark.pii;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.pii.internal.DefaultPiiDetector;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds personal data and secrets in text.
 *
 * <p>Guarantees of every detector built here:
 * <ul>
 *   <li><b>One pass.</b> All enabled types are recognised in a single left-to-right scan by hand-written
 *       recognisers (no regular expressions), each bounded in how far it looks, so the running time is linear
 *       in the length of the text on any input, adversarial inputs included.</li>
 *   <li><b>Validated.</b> A finding is reported only when it passes its type's validation (Luhn and issuer
 *       ranges, mod-97, SSN rules, an IP parser, E.164/NANP digit rules, JWT header structure; see
 *       {@link PiiType}).</li>
 *   <li><b>Resolved.</b> The returned spans never overlap, are sorted by {@code start}, and lie within the
 *       text. Where candidates overlap, the one with the higher confidence wins, then the more specific type
 *       (secrets before personal data), then the longer.</li>
 *   <li><b>Context.</b> Context words found shortly before a candidate (Presidio style) raise the confidence
 *       of candidates below 0.9 (those whose format alone is not conclusive) by
 *       {@link Builder#contextBoost(double)}; candidates below {@link Builder#minConfidence(double)} are
 *       dropped (unformatted digit runs are reported only with context).</li>
 * </ul>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface PiiDetector {

    /**
     * Scans {@code text}.
     *
     * @param text the text, never {@code null}
     * @return the findings, sorted by start, non-overlapping, unmodifiable
     * @throws PiiException {@link PiiReason#MISSING_INPUT} for {@code null}, {@link PiiReason#INPUT_TOO_LARGE}
     *     when longer than the configured maximum
     */
    List<PiiSpan> detect(CharSequence text);

    /** {@return the types this detector looks for} */
    Set<PiiType> types();

    /** {@return a detector for every type with the default settings of {@link Builder}} */
    static PiiDetector ofDefaults() {
        return DefaultPiiDetector.DEFAULT;
    }

    /** {@return a builder with the defaults documented on its methods} */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a comma-separated list of type names ({@code email,phone,credit_card}), case-insensitive,
     * blanks ignored.
     *
     * @param csv the list
     * @return the types, never empty
     * @throws PiiException {@link PiiReason#UNKNOWN_TYPE} naming the first unknown name, or when the list is
     *     empty
     */
    static Set<PiiType> parseTypes(String csv) {
        if (csv == null) {
            throw new PiiException(PiiReason.MISSING_INPUT, "type list must not be null");
        }
        EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
        for (String part : csv.split(",", -1)) {
            String name = part.strip().replace('-', '_').toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                types.add(PiiType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new PiiException(PiiReason.UNKNOWN_TYPE, "unknown PII type '" + part.strip()
                        + "'; known types: " + EnumSet.allOf(PiiType.class));
            }
        }
        if (types.isEmpty()) {
            throw new PiiException(PiiReason.UNKNOWN_TYPE, "type list is empty; known types: "
                    + EnumSet.allOf(PiiType.class));
        }
        return types;
    }

    /** Builds a {@link PiiDetector}. Not thread-safe; the detector it builds is. */
    final class Builder {
        /** Default {@link #maxInputLength(int)}: 8 Mi characters. */
        public static final int DEFAULT_MAX_INPUT_LENGTH = 8 * 1024 * 1024;
        /** Default {@link #minConfidence(double)}. */
        public static final double DEFAULT_MIN_CONFIDENCE = 0.5;
        /** Default {@link #contextBoost(double)}. */
        public static final double DEFAULT_CONTEXT_BOOST = 0.35;
        /** Default {@link #contextWindow(int)}, in characters before the candidate. */
        public static final int DEFAULT_CONTEXT_WINDOW = 48;

        private EnumSet<PiiType> types = EnumSet.allOf(PiiType.class);
        private double minConfidence = DEFAULT_MIN_CONFIDENCE;
        private double contextBoost = DEFAULT_CONTEXT_BOOST;
        private int contextWindow = DEFAULT_CONTEXT_WINDOW;
        private int maxInputLength = DEFAULT_MAX_INPUT_LENGTH;
        private final Map<PiiType, List<String>> contextWords = new EnumMap<>(DefaultPiiDetector.DEFAULT_CONTEXT);

        private Builder() {
        }

        /**
         * The types to look for (default: all).
         *
         * @param types at least one type
         * @return this
         */
        public Builder types(Collection<PiiType> types) {
            Objects.requireNonNull(types, "types");
            this.types = types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types);
            return this;
        }

        /**
         * The types to look for (default: all).
         *
         * @param first a type
         * @param more further types
         * @return this
         */
        public Builder types(PiiType first, PiiType... more) {
            this.types = EnumSet.of(first, more);
            return this;
        }

        /**
         * Findings below this confidence are dropped (default 0.5). Unformatted digit runs (a bare 10-digit
         * phone number, 9 bare SSN digits) start at 0.3 to 0.4 and pass only with a context word.
         *
         * @param minConfidence in {@code [0, 1]}
         * @return this
         */
        public Builder minConfidence(double minConfidence) {
            this.minConfidence = minConfidence;
            return this;
        }

        /**
         * How much a context word before a candidate adds to its confidence (default 0.35, capped at 1).
         *
         * @param contextBoost in {@code [0, 1]}
         * @return this
         */
        public Builder contextBoost(double contextBoost) {
            this.contextBoost = contextBoost;
            return this;
        }

        /**
         * How many characters before a candidate are searched for context words (default 48).
         *
         * @param contextWindow 0 (no context) to 256
         * @return this
         */
        public Builder contextWindow(int contextWindow) {
            this.contextWindow = contextWindow;
            return this;
        }

        /**
         * Replaces the context words of {@code type} (matched case-insensitively at a word start). Defaults:
         * phone/tel/mobile/call… for PHONE, ssn/social security… for US_SSN, card/visa… for CREDIT_CARD,
         * iban/account… for IBAN, email/mail for EMAIL, ip/host/client… for IPs.
         *
         * @param type the type
         * @param words the words (may be empty to disable context for the type)
         * @return this
         */
        public Builder contextWords(PiiType type, Collection<String> words) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(words, "words");
            contextWords.put(type, words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
            return this;
        }

        /**
         * Longer texts are refused with {@link PiiReason#INPUT_TOO_LARGE} (default 8 Mi characters).
         *
         * @param maxInputLength at least 1
         * @return this
         */
        public Builder maxInputLength(int maxInputLength) {
            this.maxInputLength = maxInputLength;
            return this;
        }

        /**
         * @return the detector
         * @throws ConfigurationException when a setting is out of range or no type is enabled
         */
        public PiiDetector build() {
            ConfigurationException.check(!types.isEmpty(), "types must name at least one PiiType");
            ConfigurationException.check(minConfidence >= 0 && minConfidence <= 1,
                    "minConfidence must be between 0 and 1, was " + minConfidence);
            ConfigurationException.check(contextBoost >= 0 && contextBoost <= 1,
                    "contextBoost must be between 0 and 1, was " + contextBoost);
            ConfigurationException.check(contextWindow >= 0 && contextWindow <= 256,
                    "contextWindow must be between 0 and 256 characters, was " + contextWindow);
            ConfigurationException.check(maxInputLength >= 1,
                    "maxInputLength must be at least 1, was " + maxInputLength);
            for (Map.Entry<PiiType, List<String>> e : contextWords.entrySet()) {
                for (String w : e.getValue()) {
                    ConfigurationException.check(w != null && !w.isBlank() && w.length() <= 32,
                            "context words of " + e.getKey() + " must be 1 to 32 non-blank characters");
                }
            }
            return new DefaultPiiDetector(types, minConfidence, contextBoost, contextWindow, maxInputLength,
                    contextWords);
        }
    }
}
