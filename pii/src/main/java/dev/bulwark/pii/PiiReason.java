package dev.bulwark.pii;

import dev.bulwark.core.ReasonCode;

/**
 * Reason codes of the {@code pii} module: why an input was refused ({@link PiiException#reason()}) and why a
 * {@link SanitizePipeline} gate blocked an item ({@link SanitizeResult#reason()}).
 */
public enum PiiReason implements ReasonCode {
    /** The text is longer than the detector's configured maximum; nothing was scanned. */
    INPUT_TOO_LARGE,
    /** A required input was missing ({@code null}). */
    MISSING_INPUT,
    /** Spans handed to {@link Masker#mask(CharSequence, java.util.List)} overlap or lie outside the text. */
    INVALID_SPANS,
    /** A type name is not one of {@link PiiType}. */
    UNKNOWN_TYPE,
    /** Gate {@code sensitive-source}: the item comes from a source application on the deny list (or not on
     * the allow list). */
    SENSITIVE_SOURCE,
    /** Gate {@code private-mode}: the item was captured in a private (incognito) context. */
    PRIVATE_MODE,
    /** Gate {@code time-window}: the item was captured outside the configured hours. */
    OUTSIDE_TIME_WINDOW,
    /** Gate {@code pii-strip} in blocking mode: the item contains personal data or a secret. */
    CONTAINS_PII,
    /** Gate {@code hash-dedup}: identical content was already accepted. */
    DUPLICATE,
    /** A host-defined gate blocked the item (hosts may also use their own {@code ReasonCode}). */
    BLOCKED_BY_POLICY
}
