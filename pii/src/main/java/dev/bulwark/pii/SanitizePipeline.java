package dev.bulwark.pii;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.pii.spi.DedupStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs captured content through ordered {@link SanitizeGate}s. DESIGN.md's standard order
 * ({@link #standard(Secret)}): sensitive source → private mode → time window → PII strip → title truncation
 * (200) → text truncation (5,000) → hash dedup. The host may drop, add, replace or reorder gates on the
 * builder.
 *
 * <p>Each item runs through the gates in order; the first gate that blocks stops it, and the result names
 * that gate and its reason. A gate that throws blocks the item ({@link PiiReason#BLOCKED_BY_POLICY}): the
 * pipeline fails closed. Every decision leaves an {@link AuditEvent} (category {@code pii}, action
 * {@code sanitize}, outcome {@code SUCCESS} or {@code DENIED}, attribute {@code gate}); a failing sink never
 * changes a decision.
 *
 * <p>Immutable and thread-safe (as thread-safe as its gates; the built-in ones are).
 */
public final class SanitizePipeline {

    /** DESIGN.md title limit. */
    public static final int DEFAULT_TITLE_LIMIT = 200;
    /** DESIGN.md text limit. */
    public static final int DEFAULT_TEXT_LIMIT = 5_000;
    /** Fingerprints remembered by the standard pipeline's in-memory dedup store. */
    public static final int DEFAULT_DEDUP_CAPACITY = 100_000;

    private final List<SanitizeGate> gates;
    private final Clock clock;
    private final AuditSink audit;

    private SanitizePipeline(Builder b) {
        this.gates = List.copyOf(b.gates);
        this.clock = b.clock;
        this.audit = AuditSinks.failSafe(b.audit);
    }

    /** {@return an empty builder (no gates)} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding DESIGN.md's seven gates in order: {@link SanitizeGates#sensitiveSources} with
     * {@link SanitizeGates#DEFAULT_SENSITIVE_SOURCES}, {@link SanitizeGates#privateMode()},
     * {@link SanitizeGates#timeWindow} for the whole day (UTC; replace it to restrict hours),
     * {@link SanitizeGates#piiStrip} with {@link Masker#ofDefaults()}, title truncation 200, text truncation
     * 5,000, and {@link SanitizeGates#hashDedup} with an in-memory store of 100,000 fingerprints.
     *
     * @param dedupKey the HMAC key for dedup fingerprints, at least 16 bytes
     * @return the builder
     * @throws ConfigurationException when the key is missing or short
     */
    public static Builder standard(Secret dedupKey) {
        return new Builder()
                .add(SanitizeGates.sensitiveSources(SanitizeGates.DEFAULT_SENSITIVE_SOURCES))
                .add(SanitizeGates.privateMode())
                .add(SanitizeGates.timeWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneOffset.UTC))
                .add(SanitizeGates.piiStrip(Masker.ofDefaults()))
                .add(SanitizeGates.titleTruncation(DEFAULT_TITLE_LIMIT))
                .add(SanitizeGates.textTruncation(DEFAULT_TEXT_LIMIT))
                .add(SanitizeGates.hashDedup(dedupKey, DedupStore.inMemory(DEFAULT_DEDUP_CAPACITY)));
    }

    /** {@return the gate names, in order} */
    public List<String> gateNames() {
        return gates.stream().map(SanitizeGate::name).toList();
    }

    /**
     * Runs {@code item} through the gates.
     *
     * @param item the captured content
     * @return the sanitised item, or the blocking gate and reason
     * @throws PiiException {@link PiiReason#MISSING_INPUT} when {@code item} is null
     */
    public SanitizeResult process(SanitizeItem item) {
        if (item == null) {
            throw new PiiException(PiiReason.MISSING_INPUT, "item must not be null");
        }
        Instant now = item.capturedAt() != null ? item.capturedAt() : clock.instant();
        SanitizeItem current = item;
        for (SanitizeGate gate : gates) {
            GateDecision d;
            try {
                d = gate.apply(current, now);
            } catch (RuntimeException e) {
                d = GateDecision.block(PiiReason.BLOCKED_BY_POLICY, "gate failed: " + e.getClass().getSimpleName());
            }
            if (d == null || !d.blocked() && d.item() == null) {
                d = GateDecision.block(PiiReason.BLOCKED_BY_POLICY, "gate returned no decision");
            }
            if (d.blocked()) {
                SanitizeResult r = new SanitizeResult(null, gate.name(), d.reason(),
                        d.message() == null ? d.reason().name() : d.message());
                record(AuditOutcome.DENIED, gate.name(), r);
                return r;
            }
            current = d.item();
        }
        SanitizeResult r = new SanitizeResult(current, null, null, null);
        record(AuditOutcome.SUCCESS, null, r);
        return r;
    }

    private void record(AuditOutcome outcome, String gate, SanitizeResult r) {
        try {
            audit.record(AuditEvent.builder("pii", "sanitize").outcome(outcome).reason(r.reason())
                    .attribute("gate", gate).attribute("gates", Integer.toString(gates.size())).build(clock));
        } catch (RuntimeException e) {
            // a failing audit never changes the decision
        }
    }

    @Override
    public String toString() {
        return "SanitizePipeline" + gateNames();
    }

    /** Builds a {@link SanitizePipeline}. Not thread-safe. */
    public static final class Builder {
        private final List<SanitizeGate> gates = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private AuditSink audit = AuditSinks.noop();

        private Builder() {
        }

        /**
         * @param clock the time source for items without a capture time (default system UTC)
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param sink where decisions are recorded (default none)
         * @return this
         */
        public Builder auditSink(AuditSink sink) {
            this.audit = sink;
            return this;
        }

        /**
         * Appends a gate.
         *
         * @param gate the gate
         * @return this
         */
        public Builder add(SanitizeGate gate) {
            gates.add(ConfigurationException.requireSet(gate, "gate"));
            return this;
        }

        /**
         * Inserts a gate before the named one.
         *
         * @param name an existing gate's name
         * @param gate the new gate
         * @return this
         * @throws ConfigurationException when no gate has that name
         */
        public Builder insertBefore(String name, SanitizeGate gate) {
            gates.add(indexOf(name), ConfigurationException.requireSet(gate, "gate"));
            return this;
        }

        /**
         * Inserts a gate after the named one.
         *
         * @param name an existing gate's name
         * @param gate the new gate
         * @return this
         * @throws ConfigurationException when no gate has that name
         */
        public Builder insertAfter(String name, SanitizeGate gate) {
            gates.add(indexOf(name) + 1, ConfigurationException.requireSet(gate, "gate"));
            return this;
        }

        /**
         * Replaces the named gate.
         *
         * @param name an existing gate's name
         * @param gate the replacement
         * @return this
         * @throws ConfigurationException when no gate has that name
         */
        public Builder replace(String name, SanitizeGate gate) {
            gates.set(indexOf(name), ConfigurationException.requireSet(gate, "gate"));
            return this;
        }

        /**
         * Drops the named gate.
         *
         * @param name an existing gate's name
         * @return this
         * @throws ConfigurationException when no gate has that name
         */
        public Builder remove(String name) {
            gates.remove(indexOf(name));
            return this;
        }

        /**
         * Puts the gates in the given order of names (each existing gate named exactly once).
         *
         * @param names all current gate names, in the new order
         * @return this
         * @throws ConfigurationException when the names are not a permutation of the current gates
         */
        public Builder reorder(List<String> names) {
            ConfigurationException.check(names != null && names.size() == gates.size()
                    && new HashSet<>(names).size() == names.size(),
                    "reorder must name every gate exactly once: " + currentNames());
            List<SanitizeGate> next = new ArrayList<>();
            for (String n : names) {
                next.add(gates.get(indexOf(n)));
            }
            gates.clear();
            gates.addAll(next);
            return this;
        }

        private int indexOf(String name) {
            for (int i = 0; i < gates.size(); i++) {
                if (gates.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new ConfigurationException("no gate named '" + name + "'; gates are " + currentNames());
        }

        private List<String> currentNames() {
            return gates.stream().map(SanitizeGate::name).toList();
        }

        /**
         * @return the pipeline
         * @throws ConfigurationException when the clock or sink is missing, or two gates share a name
         */
        public SanitizePipeline build() {
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.requireSet(audit, "auditSink");
            Set<String> names = new HashSet<>();
            for (SanitizeGate g : gates) {
                ConfigurationException.check(g.name() != null && names.add(g.name()),
                        "gate names must be unique and set: " + currentNames());
            }
            return new SanitizePipeline(this);
        }
    }
}
