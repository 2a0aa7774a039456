package dev.bulwark.pii;

/**
 * Replaces one detected value with its masked form. Built-in operators come from {@link MaskingOperators};
 * hosts may write their own. Implementations must be thread-safe and should be idempotent (the masked form
 * is not detected again). Whatever an operator returns, {@link Masker} never lets the original value through:
 * an output that still contains it (or, for cards and SSNs, all their digits) is replaced by the redaction.
 */
@FunctionalInterface
public interface MaskingOperator {

    /**
     * @param type the detected type
     * @param value the detected text, never empty
     * @return the replacement, never {@code null}
     */
    String apply(PiiType type, String value);
}
