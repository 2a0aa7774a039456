package dev.bulwark.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.core.testing.TestClock;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcAuditSinkTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

    private PostgresTestDatabase db;
    private final TestClock clock = new TestClock(T0);

    @BeforeEach
    void setUp() throws SQLException {
        db = PostgresTestDatabase.create();
        JdbcSchema.apply(db.admin());
        db.exec("GRANT INSERT, SELECT ON bulwark_audit_event TO " + db.appRole);
    }

    @AfterEach
    void tearDown() throws SQLException {
        db.close();
    }

    private AuditEvent event(String action, String org) {
        return AuditEvent.builder("auth", action).outcome(AuditOutcome.DENIED).actor("user-1").org(org)
                .subject("session-9").reason("SESSION_REVOKED").attribute("ip", "203.0.113.9").build(clock);
    }

    @Test
    void flush_writesEveryFieldOfEveryEvent_inBatches() throws SQLException {
        try (JdbcAuditSink sink = JdbcAuditSink.builder(db.app()).background(false).batchSize(2).build()) {
            sink.record(event("login", "org-a"));
            clock.advance(Duration.ofSeconds(5));
            sink.record(event("refresh", "org-b"));
            sink.record(event("logout", null));
            assertThat(sink.queued()).isEqualTo(3);
            sink.flush();
            assertThat(sink.written()).isEqualTo(3);
            assertThat(sink.queued()).isZero();
        }
        try (Connection c = db.admin().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT occurred_at, category, action, outcome, actor, org_id, subject,"
                        + " reason, attributes->>'ip' FROM bulwark_audit_event ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(T0);
            assertThat(rs.getString(2)).isEqualTo("auth");
            assertThat(rs.getString(3)).isEqualTo("login");
            assertThat(rs.getString(4)).isEqualTo("DENIED");
            assertThat(rs.getString(5)).isEqualTo("user-1");
            assertThat(rs.getString(6)).isEqualTo("org-a");
            assertThat(rs.getString(7)).isEqualTo("session-9");
            assertThat(rs.getString(8)).isEqualTo("SESSION_REVOKED");
            assertThat(rs.getString(9)).isEqualTo("203.0.113.9");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(T0.plusSeconds(5));
            assertThat(rs.getString(3)).isEqualTo("refresh");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(6)).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void theTableIsAppendOnly_evenForItsOwner() throws SQLException {
        try (JdbcAuditSink sink = JdbcAuditSink.builder(db.app()).background(false).build()) {
            sink.record(event("login", "org-a"));
            sink.flush();
        }
        for (String tamper : new String[] {"UPDATE bulwark_audit_event SET outcome = 'SUCCESS'",
                "DELETE FROM bulwark_audit_event", "TRUNCATE bulwark_audit_event"}) {
            assertThatThrownBy(() -> db.exec(tamper)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aFullQueue_dropsAndCounts_neverBlocksOrThrows() {
        try (JdbcAuditSink sink = JdbcAuditSink.builder(db.app()).background(false).queueCapacity(2).build()) {
            for (int i = 0; i < 5; i++) {
                sink.record(event("login", "org-a"));
            }
            assertThat(sink.dropped()).isEqualTo(3);
            assertThat(sink.queued()).isEqualTo(2);
        }
    }

    @Test
    void databaseDown_recordStillReturns_flushFailsTyped_andEventsAreWrittenOnceItIsBack() throws SQLException {
        AtomicBoolean down = new AtomicBoolean(true);
        DataSource up = db.app();
        DataSource unreachable = PostgresTestDatabase.unreachable();
        DataSource switching = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    try {
                        return m.invoke(down.get() ? unreachable : up, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (JdbcAuditSink sink = JdbcAuditSink.builder(switching).background(false).build()) {
            assertThatCode(() -> sink.record(event("login", "org-a"))).doesNotThrowAnyException();
            sink.record(event("logout", "org-a"));
            assertThatThrownBy(sink::flush).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("audit insert");
            assertThat(sink.failures()).isEqualTo(1);
            assertThat(sink.queued()).isEqualTo(2);

            down.set(false);
            sink.flush();
            assertThat(sink.written()).isEqualTo(2);
        }
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void missingTable_isAStatementFailureWithItsSqlState() {
        try (JdbcAuditSink sink = JdbcAuditSink.builder(db.app()).table("no_such_table").background(false).build()) {
            sink.record(event("login", "org-a"));
            assertThatThrownBy(sink::flush).isInstanceOfSatisfying(JdbcStoreException.class,
                    e -> assertThat(e.sqlState()).isEqualTo("42P01"));
        }
    }

    @Test
    void backgroundWriter_writesWhatWasRecorded_byClose() throws SQLException {
        JdbcAuditSink sink = JdbcAuditSink.builder(db.app()).build();
        for (int i = 0; i < 50; i++) {
            sink.record(event("login", "org-a"));
        }
        sink.close();
        assertThat(sink.written()).isEqualTo(50);
        assertThat(count()).isEqualTo(50);
        sink.record(event("late", "org-a"));
        assertThat(sink.dropped()).isEqualTo(1);
    }

    @Test
    void builder_validates() {
        assertThatThrownBy(() -> JdbcAuditSink.builder(null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> JdbcAuditSink.builder(db.app()).table("audit; DROP TABLE x").build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> JdbcAuditSink.builder(db.app()).batchSize(0).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> JdbcAuditSink.builder(db.app()).queryTimeout(Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class);
    }

    private long count() throws SQLException {
        try (Connection c = db.admin().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM bulwark_audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
