package dev.bulwark.core;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A bounded in-memory {@link AuditSink}: keeps the most recent {@code capacity} events, dropping the
 * oldest. Meant for tests and for small hosts that show "recent security activity" on a page.
 *
 * <p>This class is thread-safe.
 */
public final class InMemoryAuditSink implements AuditSink {

    private final int capacity;
    private final ArrayDeque<AuditEvent> events;

    /**
     * @param capacity how many events to keep, at least 1
     * @throws ConfigurationException when {@code capacity < 1}
     */
    public InMemoryAuditSink(int capacity) {
        ConfigurationException.check(capacity >= 1, "capacity must be at least 1, was " + capacity);
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** A sink keeping the latest 10,000 events. */
    public InMemoryAuditSink() {
        this(10_000);
    }

    @Override
    public synchronized void record(AuditEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** {@return a snapshot of the kept events, oldest first} */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /**
     * @param filter which events to return
     * @return a snapshot of the kept events matching {@code filter}, oldest first
     */
    public synchronized List<AuditEvent> events(Predicate<AuditEvent> filter) {
        return events.stream().filter(filter).toList();
    }

    /**
     * @param action an action name
     * @return the kept events with that action, oldest first
     */
    public List<AuditEvent> withAction(String action) {
        return events(e -> e.action().equals(action));
    }

    /** Forgets every kept event. */
    public synchronized void clear() {
        events.clear();
    }

    /** {@return how many events are kept} */
    public synchronized int size() {
        return events.size();
    }
}
