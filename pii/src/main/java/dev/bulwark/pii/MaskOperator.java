package dev.bulwark.pii;

/**
 * The built-in masking operators by name, for configuration files, the CLI ({@code --operator}) and the
 * {@link dev.bulwark.pii.jackson.Sensitive @Sensitive} annotation. {@link MaskingOperators#of} turns one into
 * a {@link MaskingOperator}.
 */
public enum MaskOperator {
    /** {@link MaskingOperators#redact()}: {@code [EMAIL]}. */
    REDACT,
    /** {@link MaskingOperators#partial()}: {@code j***@example.com}, {@code **** **** **** 4242}. */
    PARTIAL,
    /** {@link MaskingOperators#lastFour()}: every letter and digit but the last four starred. */
    LAST_FOUR,
    /** {@link MaskingOperators#keepFirst(int)} with 8: {@code eyJhbGci***}, as log lines show tokens. */
    KEEP_FIRST,
    /** {@link MaskingOperators#keyedHash(dev.bulwark.core.Secret)}: {@code [EMAIL_3f2a9c1e0b7d4a55]}. */
    HASH,
    /** {@link MaskingOperators#truncate(int)} with 8: the first characters then {@code …}. */
    TRUNCATE
}
