package dev.bulwark.pii;

import dev.bulwark.core.ReasonCode;
import java.util.Objects;

/**
 * What one {@link SanitizeGate} decided: pass the (possibly modified) item on, or block it with a reason.
 *
 * @param item the item to hand to the next gate; {@code null} when blocked
 * @param reason the reason when blocked; {@code null} when passed
 * @param message a human-readable explanation when blocked (never the item's content)
 */
public record GateDecision(SanitizeItem item, ReasonCode reason, String message) {

    /**
     * @param item the item to pass on
     * @return a pass decision
     */
    public static GateDecision pass(SanitizeItem item) {
        return new GateDecision(Objects.requireNonNull(item, "item"), null, null);
    }

    /**
     * @param reason why
     * @param message explanation, without the item's content
     * @return a block decision
     */
    public static GateDecision block(ReasonCode reason, String message) {
        return new GateDecision(null, Objects.requireNonNull(reason, "reason"), message);
    }

    /** {@return whether the gate blocked the item} */
    public boolean blocked() {
        return reason != null;
    }
}
