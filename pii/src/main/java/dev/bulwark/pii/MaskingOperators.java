package dev.bulwark.pii;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.pii.internal.Operators;
import java.util.Objects;

/**
 * The built-in {@link MaskingOperator}s. All are stateless or immutable, thread-safe and idempotent (their
 * output is not detected again by the default detector). For {@link PiiType#CREDIT_CARD} and
 * {@link PiiType#US_SSN} no operator shows more than the last four digits.
 */
public final class MaskingOperators {

    /** The number of characters {@link MaskOperator#KEEP_FIRST} and {@link MaskOperator#TRUNCATE} keep. */
    public static final int DEFAULT_KEEP = 8;

    private MaskingOperators() {
    }

    /** {@return the operator that replaces a value by its type in brackets: {@code [EMAIL]}} */
    public static MaskingOperator redact() {
        return Operators.REDACT;
    }

    /**
     * Type-aware partial masking: e-mail {@code j***@example.com}; card {@code **** **** **** 4242}; SSN
     * {@code ***-**-6789}; phone keeps its last two digits; IBAN keeps the country and last four; IPv4 keeps
     * the first octet ({@code 10.*.*.*}), IPv6 the first group; URL credentials keep the user name
     * ({@code app:***}); tokens and keys keep their first 8 characters ({@code ak_live_***}, at most half of
     * the value); private keys are redacted.
     *
     * @return the operator
     */
    public static MaskingOperator partial() {
        return Operators.PARTIAL;
    }

    /** {@return the operator that stars every letter and digit except the last four, keeping punctuation} */
    public static MaskingOperator lastFour() {
        return Operators.LAST_FOUR;
    }

    /**
     * Keeps the first {@code n} characters (but never more than half of the value) and appends {@code ***}:
     * how tokens appear in log lines ("masked after 8 characters"). Cards and SSNs get {@link #partial()}.
     *
     * @param n characters to keep, 1 to 64
     * @return the operator
     * @throws ConfigurationException when {@code n} is out of range
     */
    public static MaskingOperator keepFirst(int n) {
        ConfigurationException.check(n >= 1 && n <= 64, "keepFirst n must be between 1 and 64, was " + n);
        return (type, value) -> Operators.keepFirst(type, value, n, "***");
    }

    /**
     * Keeps the first {@code n} characters (never more than half of the value) and appends {@code …}.
     * Cards and SSNs get {@link #partial()}.
     *
     * @param n characters to keep, 1 to 64
     * @return the operator
     * @throws ConfigurationException when {@code n} is out of range
     */
    public static MaskingOperator truncate(int n) {
        ConfigurationException.check(n >= 1 && n <= 64, "truncate n must be between 1 and 64, was " + n);
        return (type, value) -> Operators.keepFirst(type, value, n, "\u2026");
    }

    /**
     * Keyed hash: {@code [EMAIL_3f2a9c1e0b7d4a55]}, the first 64 bits of HMAC-SHA256 over the type and the
     * normalised value (e-mails lower-cased; separators removed from cards, SSNs, phones and IBANs). Equal
     * values give equal tokens under one key, so masked records stay joinable; without the key the value
     * cannot be recovered or confirmed by guessing.
     *
     * @param key the HMAC key, at least 16 bytes
     * @return the operator
     * @throws ConfigurationException when the key is missing or shorter than 16 bytes
     */
    public static MaskingOperator keyedHash(Secret key) {
        ConfigurationException.requireSet(key, "keyedHash key");
        ConfigurationException.check(key.length() >= 16,
                "keyedHash key must be at least 16 bytes, was " + key.length());
        return new Operators.KeyedHash(key);
    }

    /**
     * The operator named by {@code kind}.
     *
     * @param kind the operator
     * @param hashKey the key for {@link MaskOperator#HASH}; ignored otherwise, may be {@code null} then
     * @return the operator
     * @throws ConfigurationException when {@code kind} is {@code HASH} and the key is missing or short
     */
    public static MaskingOperator of(MaskOperator kind, Secret hashKey) {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case REDACT:
                return redact();
            case PARTIAL:
                return partial();
            case LAST_FOUR:
                return lastFour();
            case KEEP_FIRST:
                return keepFirst(DEFAULT_KEEP);
            case TRUNCATE:
                return truncate(DEFAULT_KEEP);
            case HASH:
                return keyedHash(hashKey);
            default:
                throw new ConfigurationException("unknown operator " + kind);
        }
    }
}
