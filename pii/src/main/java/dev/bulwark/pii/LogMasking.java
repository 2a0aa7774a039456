package dev.bulwark.pii;

import dev.bulwark.core.ConfigurationException;

/**
 * Masks log messages, for any logging back end ({@link dev.bulwark.pii.logback.MaskingPatternLayout} and the
 * Logback converters use it).
 *
 * <p>The default log masker ({@link #defaultMasker()}) uses every detector and shows:
 * tokens, JWTs, API keys and bearer credentials masked after their first 8 characters
 * ({@code eyJhbGci***}, never more than half of the value); private keys redacted; URL credentials as
 * {@code user:***}; personal data partially ({@code j***@example.com}, {@code **** **** **** 4242},
 * {@code ***-**-6789}, {@code 10.*.*.*}).
 *
 * <p>Fail closed: a message too large to scan is replaced by {@link #UNSCANNABLE}, and a failure inside
 * the masker replaces the whole message the same way; the original is never written.
 *
 * <p>Thread-safe.
 */
public final class LogMasking {

    /** What replaces a message that could not be scanned. */
    public static final String UNSCANNABLE = "[message withheld: could not be scanned for PII]";

    private static final Masker DEFAULT = Masker.builder()
            .operator(MaskingOperators.partial())
            .operator(PiiType.JWT, MaskingOperators.keepFirst(8))
            .operator(PiiType.API_KEY, MaskingOperators.keepFirst(8))
            .operator(PiiType.BEARER_TOKEN, MaskingOperators.keepFirst(8))
            .operator(PiiType.PRIVATE_KEY, MaskingOperators.redact())
            .build();

    private LogMasking() {
    }

    /** {@return the masker used by {@link #mask(String)}} */
    public static Masker defaultMasker() {
        return DEFAULT;
    }

    /**
     * Masks a log message with {@link #defaultMasker()}.
     *
     * @param message the formatted message, may be {@code null}
     * @return the masked message, {@code null} for {@code null}
     */
    public static String mask(String message) {
        return mask(message, DEFAULT);
    }

    /**
     * Masks a log message with the given masker.
     *
     * @param message the formatted message, may be {@code null}
     * @param masker the masker
     * @return the masked message ({@link #UNSCANNABLE} if it could not be scanned), {@code null} for
     *     {@code null}
     * @throws ConfigurationException when {@code masker} is null
     */
    public static String mask(String message, Masker masker) {
        ConfigurationException.requireSet(masker, "masker");
        if (message == null || message.length() < 2) {
            return message;
        }
        try {
            return masker.mask(message);
        } catch (RuntimeException e) {
            return UNSCANNABLE;
        }
    }
}
