package dev.bulwark.pii;

import dev.bulwark.core.ReasonCode;

/**
 * The outcome of {@link SanitizePipeline#process(SanitizeItem)}: the sanitised item, or the gate that blocked
 * it and why.
 *
 * @param item the sanitised item when accepted; {@code null} when blocked
 * @param blockedBy the name of the blocking gate; {@code null} when accepted
 * @param reason the blocking reason; {@code null} when accepted
 * @param message the blocking gate's explanation; {@code null} when accepted
 */
public record SanitizeResult(SanitizeItem item, String blockedBy, ReasonCode reason, String message) {

    /** {@return whether every gate passed the item} */
    public boolean accepted() {
        return blockedBy == null;
    }
}
