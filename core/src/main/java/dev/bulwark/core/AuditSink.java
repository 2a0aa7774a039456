package dev.bulwark.core;

/**
 * Receives {@link AuditEvent}s. Implementations: {@link AuditSinks#slf4j()}, {@link InMemoryAuditSink},
 * {@link AuditSinks#composite(AuditSink...)}, and a JDBC sink in {@code bulwark-jdbc}.
 *
 * <p>Contract for implementations: thread-safe, quick (buffer or hand off rather than block a request), and
 * allowed to throw. Bulwark components never let a sink's failure change a security decision: they call
 * sinks through {@link AuditSinks#failSafe(AuditSink)}, which logs and swallows the failure.
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Records one event.
     *
     * @param event the event, never {@code null}
     */
    void record(AuditEvent event);
}
