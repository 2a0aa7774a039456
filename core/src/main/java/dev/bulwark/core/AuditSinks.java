package dev.bulwark.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready-made {@link AuditSink}s.
 *
 * <p>All sinks returned here are thread-safe.
 */
public final class AuditSinks {

    private static final Logger FAILURES = LoggerFactory.getLogger("dev.bulwark.audit.failures");
    private static final AuditSink NOOP = event -> { };

    private AuditSinks() {
    }

    /**
     * Writes each event as one line to the SLF4J logger {@code dev.bulwark.audit}: {@code INFO} for
     * successes, {@code WARN} for denials and failures. The line is {@code key=value} pairs, values quoted
     * when they contain spaces.
     *
     * @return the sink
     */
    public static AuditSink slf4j() {
        return slf4j(LoggerFactory.getLogger("dev.bulwark.audit"));
    }

    /**
     * As {@link #slf4j()}, to a logger of the host's choosing.
     *
     * @param logger the logger
     * @return the sink
     */
    public static AuditSink slf4j(Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return event -> {
            if (event.outcome() == AuditOutcome.SUCCESS) {
                if (logger.isInfoEnabled()) {
                    logger.info(format(event));
                }
            } else if (logger.isWarnEnabled()) {
                logger.warn(format(event));
            }
        };
    }

    /** {@return a sink that discards every event (for hosts that audit elsewhere)} */
    public static AuditSink noop() {
        return NOOP;
    }

    /**
     * Sends each event to every sink in order. A failing sink does not stop the others: each one is called
     * through {@link #failSafe(AuditSink)}.
     *
     * @param sinks the sinks
     * @return the composite
     */
    public static AuditSink composite(AuditSink... sinks) {
        List<AuditSink> safe = List.of(sinks).stream().map(AuditSinks::failSafe).collect(Collectors.toUnmodifiableList());
        return event -> {
            for (AuditSink s : safe) {
                s.record(event);
            }
        };
    }

    /**
     * Wraps {@code sink} so that any exception it throws is logged (at {@code ERROR}, on the logger
     * {@code dev.bulwark.audit.failures}, naming the event's category and action) and swallowed: auditing
     * must never change a security decision.
     *
     * @param sink the sink, not {@code null}
     * @return a sink that never throws
     */
    public static AuditSink failSafe(AuditSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (sink instanceof FailSafe || sink == NOOP) {
            return sink;
        }
        return new FailSafe(sink);
    }

    /**
     * Renders an event as the one-line {@code key=value} form used by {@link #slf4j()}.
     *
     * @param e the event
     * @return the line
     */
    public static String format(AuditEvent e) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("audit ts=").append(e.timestamp())
                .append(" category=").append(e.category())
                .append(" action=").append(quote(e.action()))
                .append(" outcome=").append(e.outcome());
        append(sb, "actor", e.actor());
        append(sb, "org", e.org());
        append(sb, "subject", e.subject());
        append(sb, "reason", e.reason());
        e.attributes().forEach((k, v) -> append(sb, k, v));
        return sb.toString();
    }

    private static void append(StringBuilder sb, String k, String v) {
        if (v != null) {
            sb.append(' ').append(k).append('=').append(quote(v));
        }
    }

    private static String quote(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c < 0x7f;
        }
        if (plain) {
            return v;
        }
        StringBuilder q = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < ' ') {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    private static final class FailSafe implements AuditSink {
        private final AuditSink delegate;

        FailSafe(AuditSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void record(AuditEvent event) {
            try {
                delegate.record(event);
            } catch (RuntimeException | LinkageError e) {
                FAILURES.error("audit sink {} failed for category={} action={}: {}",
                        delegate.getClass().getName(), event.category(), event.action(), e.getClass().getName());
            }
        }
    }
}
