package dev.bulwark.testkit;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.InMemoryAuditSink;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions over the events an {@link InMemoryAuditSink} collected.
 *
 * <pre>{@code
 * InMemoryAuditSink audit = new InMemoryAuditSink();
 * ... exercise the component built with .auditSink(audit) ...
 * AuditAssertions.assertThat(audit)
 *     .hasEvent("REFRESH_REUSE_DETECTED", AuditOutcome.FAILURE)
 *     .containsNoText(refreshToken);
 * }</pre>
 *
 * <p>Not thread-safe; use from the test thread after the exercised code finished.
 */
public final class AuditAssertions extends AbstractAssert<AuditAssertions, InMemoryAuditSink> {

    private AuditAssertions(InMemoryAuditSink actual) {
        super(actual, AuditAssertions.class);
    }

    /**
     * @param sink the sink to inspect
     * @return the assertion
     */
    public static AuditAssertions assertThat(InMemoryAuditSink sink) {
        return new AuditAssertions(sink);
    }

    /**
     * Asserts at least one event with this action.
     *
     * @param action the action
     * @return this
     */
    public AuditAssertions hasEvent(String action) {
        return hasEventMatching(e -> e.action().equals(action), "action=" + action);
    }

    /**
     * Asserts at least one event with this action and outcome.
     *
     * @param action the action
     * @param outcome the outcome
     * @return this
     */
    public AuditAssertions hasEvent(String action, AuditOutcome outcome) {
        return hasEventMatching(e -> e.action().equals(action) && e.outcome() == outcome,
                "action=" + action + " outcome=" + outcome);
    }

    /**
     * Asserts at least one event with this reason code.
     *
     * @param reason the reason code name
     * @return this
     */
    public AuditAssertions hasReason(String reason) {
        return hasEventMatching(e -> reason.equals(e.reason()), "reason=" + reason);
    }

    /**
     * Asserts at least one event matches.
     *
     * @param predicate the condition
     * @param description what is expected, for the failure message
     * @return this
     */
    public AuditAssertions hasEventMatching(Predicate<AuditEvent> predicate, String description) {
        isNotNull();
        if (actual.events(predicate).isEmpty()) {
            failWithMessage("expected an audit event with %s but got %s", description, summary(actual.events()));
        }
        return this;
    }

    /**
     * Asserts no event has this action.
     *
     * @param action the action
     * @return this
     */
    public AuditAssertions hasNoEvent(String action) {
        isNotNull();
        if (!actual.withAction(action).isEmpty()) {
            failWithMessage("expected no audit event with action=%s but got %s", action, summary(actual.withAction(action)));
        }
        return this;
    }

    /**
     * Asserts that no field or attribute of any event contains {@code text} (use it with the secrets,
     * tokens and signatures the test handled).
     *
     * @param text a secret the events must not carry
     * @return this
     */
    public AuditAssertions containsNoText(String text) {
        isNotNull();
        Objects.requireNonNull(text, "text");
        for (AuditEvent e : actual.events()) {
            Assertions.assertThat(String.valueOf(e)).as("audit event %s/%s", e.category(), e.action())
                    .doesNotContain(text);
        }
        return this;
    }

    /**
     * @param expected how many events
     * @return this
     */
    public AuditAssertions hasSize(int expected) {
        isNotNull();
        Assertions.assertThat(actual.events()).as("audit events").hasSize(expected);
        return this;
    }

    private static String summary(List<AuditEvent> events) {
        StringBuilder sb = new StringBuilder("[");
        for (AuditEvent e : events) {
            sb.append(sb.length() > 1 ? ", " : "").append(e.category()).append('/').append(e.action())
                    .append('/').append(e.outcome()).append(e.reason() == null ? "" : "/" + e.reason());
        }
        return sb.append(']').toString();
    }
}
