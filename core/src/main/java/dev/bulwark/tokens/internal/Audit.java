package dev.bulwark.tokens.internal;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ReasonCode;
import java.time.Clock;

/** Emits token audit events through a fail-safe sink; a failing sink or event never changes a decision. */
public final class Audit {

    /** The audit category of every token event. */
    public static final String CATEGORY = "auth";

    private final AuditSink sink;
    private final Clock clock;

    /** @param sink the host's sink, or null for none @param clock the clock */
    public Audit(AuditSink sink, Clock clock) {
        this.sink = AuditSinks.failSafe(sink == null ? AuditSinks.noop() : sink);
        this.clock = clock;
    }

    /**
     * @param action what happened
     * @param outcome how it ended
     * @param actor who acted, or null
     * @param org org, or null
     * @param subject what was acted on (a hash or id, never a token), or null
     * @param reason reason code, or null
     */
    public void emit(String action, AuditOutcome outcome, String actor, String org, String subject, ReasonCode reason) {
        try {
            sink.record(AuditEvent.builder(CATEGORY, action).outcome(outcome).actor(actor).org(org).subject(subject)
                    .reason(reason).build(clock));
        } catch (RuntimeException e) {
            // An event that cannot be built (e.g. a credential-shaped actor) is dropped, never fatal.
        }
    }
}
