package dev.bulwark.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.RefreshTokens;
import dev.bulwark.tokens.Sessions;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenPair;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.RefreshTokenRecord;
import dev.bulwark.tokens.spi.SessionRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application instances sharing PostgreSQL, and PostgreSQL misbehaving: a terminated backend, a blocked
 * row. The stores fail closed with {@link StoreUnavailableException} within their query timeout and work again
 * once the database does, without a restart; nothing acknowledged is lost.
 */
class JdbcMultiInstanceAndFaultTest {

    private static PostgresTestDatabase db;

    @BeforeAll
    static void setUp() throws SQLException {
        db = PostgresTestDatabase.create();
        JdbcSchema.apply(db.admin());
        db.exec("GRANT SELECT, INSERT, UPDATE, DELETE ON bulwark_session, bulwark_session_valid_after,"
                + " bulwark_api_key, bulwark_refresh_token, bulwark_one_time_token TO " + db.appRole);
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** One application instance: its own store objects and token components over the shared database. */
    private static final class Instance {
        final Sessions sessions;
        final RefreshTokens refresh;

        Instance(TestClock clock) {
            sessions = Sessions.builder().store(JdbcSessionStore.create(db.app())).clock(clock).build();
            AccessTokens access = AccessTokens.builder()
                    .signingKeys(SigningKeys.of(SigningKey.hmac("k1", Secret.ofUtf8("0123456789abcdef0123456789abcdef"))))
                    .issuer("https://id.example.com").audience("api.example.com").clock(clock).sessions(sessions)
                    .build();
            refresh = RefreshTokens.builder().store(JdbcRefreshTokenStore.create(db.app())).sessions(sessions)
                    .accessTokens(access).clock(clock).build();
        }
    }

    @Test
    void twoInstancesRefreshingTheSameToken_exactlyOneWins_theOtherTriggersReuseDetection() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
        Instance a = new Instance(clock);
        Instance b = new Instance(clock);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                TokenPair login = a.refresh.login("u-" + RandomTokens.hex(16), "org-1", "laptop", Set.of("member"),
                        Set.of());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> results = new ArrayList<>();
                for (Instance instance : List.of(a, b)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return instance.refresh.refresh(login.refreshToken());
                        } catch (TokenException e) {
                            return e.tokenReason();
                        }
                    }));
                }
                start.countDown();
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> f : results) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).filteredOn(o -> o instanceof TokenPair).hasSize(1);
                assertThat(outcomes).filteredOn(o -> o instanceof TokenReason).singleElement()
                        .isIn(TokenReason.REFRESH_REUSED, TokenReason.SESSION_REVOKED);
                // reuse revoked the whole family: the winner's new refresh token is dead as well
                TokenPair winner = (TokenPair) outcomes.stream().filter(o -> o instanceof TokenPair).findFirst()
                        .orElseThrow();
                assertThatThrownBy(() -> b.refresh.refresh(winner.refreshToken())).isInstanceOf(TokenException.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTerminatedBackend_isStoreUnavailable_andThePoolRecovers_withNothingLost() throws SQLException {
        ReconnectingDataSource pool = new ReconnectingDataSource(db.app());
        JdbcSessionStore store = JdbcSessionStore.create(pool.proxy);
        SessionRecord before = new SessionRecord(RandomTokens.base64Url(32), "u-fault", null, null, Set.of(), Set.of(),
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:00Z"),
                Instant.parse("2026-12-23T10:00:00Z"), null);
        store.create(before);

        terminate(pool.backendPid());
        assertThatThrownBy(() -> store.find(before.handle())).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("session lookup").hasMessageNotContaining(before.handle());

        assertThat(store.find(before.handle())).contains(before);
    }

    @Test
    void aBlockedRow_timesOutAsStoreUnavailable_insteadOfHanging() throws SQLException {
        JdbcRefreshTokenStore store = JdbcRefreshTokenStore.create(db.app(), Duration.ofSeconds(1));
        RefreshTokenRecord r = new RefreshTokenRecord(RandomTokens.hex(32), "fam-" + RandomTokens.hex(16),
                RefreshTokenRecord.State.ACTIVE, Instant.parse("2026-11-23T10:00:00Z"),
                Instant.parse("2026-12-23T10:00:00Z"), null, null);
        store.insert(r);
        try (Connection locker = db.admin().getConnection()) {
            locker.setAutoCommit(false);
            try (PreparedStatement ps = locker.prepareStatement(
                    "SELECT 1 FROM bulwark_refresh_token WHERE token_hash = ? FOR UPDATE")) {
                ps.setString(1, r.tokenHash());
                ps.executeQuery().close();
            }
            assertThatThrownBy(() -> store.rotate(r.tokenHash(), RandomTokens.hex(32), Instant.parse("2026-11-23T10:00:30Z")))
                    .isInstanceOf(StoreUnavailableException.class);
            locker.rollback();
        }
        assertThat(store.rotate(r.tokenHash(), RandomTokens.hex(32), Instant.parse("2026-11-23T10:01:00Z"))).isTrue();
    }

    private static void terminate(int pid) throws SQLException {
        try (Connection c = db.admin().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    /** A one-connection "pool" that hands out the same connection and replaces it once it is broken. */
    private static final class ReconnectingDataSource {
        private final DataSource target;
        private final AtomicReference<Connection> current = new AtomicReference<>();
        private final DataSource proxy;

        ReconnectingDataSource(DataSource target) {
            this.target = target;
            this.proxy = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (p, m, args) -> {
                        if (!m.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(m.getName());
                        }
                        return unclosable(connection());
                    });
        }

        Connection connection() throws SQLException {
            Connection c = current.get();
            if (c == null || c.isClosed()) { // like a pool without validation on checkout
                c = target.getConnection();
                current.set(c);
            }
            return c;
        }

        int backendPid() throws SQLException {
            try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        private static Connection unclosable(Connection c) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, args) -> {
                        if (m.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return m.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
