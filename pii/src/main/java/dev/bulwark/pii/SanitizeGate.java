package dev.bulwark.pii;

import java.time.Instant;

/**
 * One step of a {@link SanitizePipeline}. Built-in gates come from {@link SanitizeGates}; hosts may add their
 * own. A gate either passes the item on (possibly modified) or blocks it with a reason. A gate that throws
 * blocks the item (the pipeline fails closed). Implementations must be thread-safe.
 */
public interface SanitizeGate {

    /** {@return the gate's name, unique within a pipeline (e.g. {@code "pii-strip"})} */
    String name();

    /**
     * @param item the item as left by the previous gate
     * @param now the capture time of the item, or the pipeline clock's instant when the item has none
     * @return the decision
     */
    GateDecision apply(SanitizeItem item, Instant now);
}
