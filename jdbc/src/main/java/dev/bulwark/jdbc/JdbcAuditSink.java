package dev.bulwark.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.jdbc.internal.SqlErrors;
import dev.bulwark.jdbc.internal.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditSink} that appends events to PostgreSQL ({@code bulwark_audit_event}, created by
 * {@link JdbcSchema}; the table refuses updates and deletes).
 *
 * <p><strong>It never blocks a request.</strong> {@link #record(AuditEvent)} only offers the event to a bounded
 * in-memory queue and returns; a single writer thread drains the queue in batches (one prepared batch insert
 * per round trip, each statement with a query timeout). If the queue is full (the database is down or too slow
 * for longer than the queue covers) the event is dropped, counted in {@link #dropped()}, and a warning without
 * the event's content is logged; a security decision never waits for the audit trail. While the database is
 * unreachable the writer keeps the pending batch and retries with a capped back-off, so events already accepted
 * are written once it is back, and nothing needs a restart.
 *
 * <p>{@link #flush()} writes everything queued on the caller's thread (tests, and shutdown hooks);
 * {@link #close()} stops the writer after a final flush attempt. Built with
 * {@link Builder#background(boolean) background(false)} there is no writer thread at all: events wait in the
 * queue until {@link #flush()}, which makes tests deterministic.
 *
 * <p>Thread-safe.
 */
public final class JdbcAuditSink implements AuditSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final String insertSql;
    private final int batchSize;
    private final int queryTimeoutSeconds;
    private final Duration maxBackoff;
    private final BlockingQueue<AuditEvent> queue;
    private final ArrayDeque<AuditEvent> pending = new ArrayDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    private JdbcAuditSink(Builder b) {
        this.dataSource = b.dataSource;
        this.insertSql = "INSERT INTO " + b.table + " (occurred_at, category, action, outcome, actor, org_id, subject,"
                + " reason, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))";
        this.batchSize = b.batchSize;
        this.queryTimeoutSeconds = (int) Math.max(1, b.queryTimeout.toSeconds());
        this.maxBackoff = b.maxBackoff;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        if (b.background) {
            this.writer = b.threadFactory.newThread(this::runWriter);
            this.writer.setDaemon(true);
            this.writer.start();
        } else {
            this.writer = null;
        }
    }

    /**
     * Starts a builder.
     *
     * @param dataSource where to write; its role needs {@code INSERT} on the table
     * @return a builder with the defaults: table {@code bulwark_audit_event}, batches of 200, a queue of 10,000
     *     events, 5-second query timeout, back-off up to 30 seconds, a background writer
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Queues the event for writing; never blocks and never throws for a database problem.
     *
     * @param event the event
     */
    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed || !queue.offer(event)) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8, ...: a warning that cannot flood the log
                LOG.warn("audit queue full or sink closed: {} audit event(s) dropped so far", n);
            }
        }
    }

    /**
     * Writes every queued event now, on this thread.
     *
     * @throws dev.bulwark.core.StoreUnavailableException when the database cannot be reached (the events stay
     *     queued and are retried)
     * @throws JdbcStoreException when the database refuses the insert (for example, the table is missing)
     */
    public void flush() {
        writeLock.lock();
        try {
            while (true) {
                fillPending();
                if (pending.isEmpty()) {
                    return;
                }
                writePending();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** {@return how many events were dropped because the queue was full or the sink was closed} */
    public long dropped() {
        return dropped.get();
    }

    /** {@return how many events have been written} */
    public long written() {
        return written.get();
    }

    /** {@return how many batch writes have failed (and been retried)} */
    public long failures() {
        return failures.get();
    }

    /** {@return how many events wait to be written} */
    public int queued() {
        writeLock.lock();
        try {
            return queue.size() + pending.size();
        } finally {
            writeLock.unlock();
        }
    }

    /** Stops the writer thread after one last attempt to write what is queued; later events are dropped. */
    @Override
    public void close() {
        closed = true;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(TimeUnit.SECONDS.toMillis(queryTimeoutSeconds + 1L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("audit sink closed with {} event(s) unwritten: {}", queued(), e.toString());
        }
    }

    private void fillPending() {
        while (pending.size() < batchSize) {
            AuditEvent e = queue.poll();
            if (e == null) {
                return;
            }
            pending.add(e);
        }
    }

    private void writePending() {
        List<AuditEvent> batch = new ArrayList<>(pending);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insertSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            for (AuditEvent e : batch) {
                ps.setObject(1, OffsetDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC));
                ps.setString(2, e.category());
                ps.setString(3, e.action());
                ps.setString(4, e.outcome().name());
                setNullable(ps, 5, e.actor());
                setNullable(ps, 6, e.org());
                setNullable(ps, 7, e.subject());
                setNullable(ps, 8, e.reason());
                ps.setString(9, json(e));
                ps.addBatch();
            }
            ps.executeBatch();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            pending.clear();
            written.addAndGet(batch.size());
        } catch (SQLException e) {
            failures.incrementAndGet();
            throw SqlErrors.translate(e, "audit insert");
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static String json(AuditEvent e) {
        try {
            return JSON.writeValueAsString(e.attributes());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a map of strings always serialises", ex);
        }
    }

    private void runWriter() {
        long backoffMillis = 100;
        while (!closed) {
            try {
                AuditEvent first = queue.poll(1, TimeUnit.SECONDS);
                writeLock.lock();
                try {
                    if (first != null) {
                        pending.add(first);
                    }
                    fillPending();
                    if (!pending.isEmpty()) {
                        writePending();
                    }
                } finally {
                    writeLock.unlock();
                }
                backoffMillis = 100;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("audit batch not written, retrying in {} ms: {}", backoffMillis, e.toString());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
            }
        }
    }

    /** Configures a {@link JdbcAuditSink}. Not thread-safe; {@link #build()} validates. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = "bulwark_audit_event";
        private int batchSize = 200;
        private int queueCapacity = 10_000;
        private Duration queryTimeout = Duration.ofSeconds(5);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private boolean background = true;
        private ThreadFactory threadFactory = r -> new Thread(r, "bulwark-jdbc-audit-writer");

        private Builder(DataSource dataSource) {
            this.dataSource = ConfigurationException.requireSet(dataSource, "dataSource");
        }

        /**
         * @param table the table, optionally schema-qualified; lower-case unquoted identifiers only
         * @return this builder
         */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * @param size events per batch insert, 1 to 10,000
         * @return this builder
         */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /**
         * @param capacity how many events may wait in memory, 1 to 1,000,000; beyond it events are dropped
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * @param timeout the query timeout of each batch insert, 1 second to 5 minutes
         * @return this builder
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = timeout;
            return this;
        }

        /**
         * @param max the longest pause between retries while the database is down
         * @return this builder
         */
        public Builder maxBackoff(Duration max) {
            this.maxBackoff = max;
            return this;
        }

        /**
         * @param background whether a writer thread drains the queue (default); without it only
         *     {@link JdbcAuditSink#flush()} writes
         * @return this builder
         */
        public Builder background(boolean background) {
            this.background = background;
            return this;
        }

        /**
         * @param factory makes the writer thread (it is set to daemon)
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = ConfigurationException.requireSet(factory, "threadFactory");
            return this;
        }

        /**
         * @return the sink, with its writer started when {@code background} is on
         * @throws ConfigurationException when a setting is out of range
         */
        public JdbcAuditSink build() {
            SqlNames.qualified("table", table);
            ConfigurationException.check(batchSize >= 1 && batchSize <= 10_000, "batchSize must be 1..10000");
            ConfigurationException.check(queueCapacity >= 1 && queueCapacity <= 1_000_000,
                    "queueCapacity must be 1..1000000");
            ConfigurationException.check(queryTimeout != null && queryTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                    && queryTimeout.compareTo(Duration.ofMinutes(5)) <= 0, "queryTimeout must be 1 s..5 min");
            ConfigurationException.check(maxBackoff != null && !maxBackoff.isNegative() && !maxBackoff.isZero(),
                    "maxBackoff must be positive");
            return new JdbcAuditSink(this);
        }
    }
}
