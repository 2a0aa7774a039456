package dev.bulwark.examples.demo;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bulwark.core.RandomTokens;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Redis and PostgreSQL for the demo's backend tests, following the convention of the {@code redis} and
 * {@code jdbc} modules' own test helpers ({@code RedisTestServer}, {@code PostgresTestDatabase}, which are
 * package-private in those modules' test sources): services at {@code BULWARK_REDIS_URL} (default
 * {@code redis://127.0.0.1:6379}) and {@code BULWARK_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code BULWARK_POSTGRES_USER} or {@code postgres});
 * when one is unreachable the test fails with {@code CI=true} and is aborted elsewhere, saying plainly that the
 * suite did not run. Each test class gets its own Redis key prefix or PostgreSQL schema.
 */
final class DemoServices {

    static final String REDIS_URL = env("BULWARK_REDIS_URL", "redis://127.0.0.1:6379");
    static final String POSTGRES_URL = env("BULWARK_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String POSTGRES_USER = System.getenv("BULWARK_POSTGRES_USER");

    private DemoServices() {
    }

    private static void unreachable(String what, Throwable e) {
        String message = what + ": the demo's " + (what.startsWith("Redis") ? "Redis" : "PostgreSQL")
                + " suite did NOT run. Start the service (.ci/run does) or set its BULWARK_*_URL.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message, e);
        }
        Assumptions.abort(message);
    }

    /** A Redis key namespace of one test class; {@link #close()} deletes its keys. */
    static final class RedisNamespace implements AutoCloseable {
        final String prefix = "demo-t" + RandomTokens.hex(16).substring(0, 10);
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        private RedisNamespace(RedisClient client, StatefulRedisConnection<String, String> connection) {
            this.client = client;
            this.connection = connection;
        }

        /** {@return a fresh namespace, or abort/fail when Redis is unreachable} */
        static RedisNamespace create() {
            RedisURI uri = RedisURI.create(REDIS_URL);
            uri.setTimeout(Duration.ofSeconds(2));
            RedisClient client = RedisClient.create(uri);
            try {
                StatefulRedisConnection<String, String> c = client.connect();
                c.sync().ping();
                return new RedisNamespace(client, c);
            } catch (RuntimeException e) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                unreachable("Redis not reachable at " + REDIS_URL + " (" + e.getMessage() + ")", e);
                throw new AssertionError(e);
            }
        }

        /** {@return the keys of this namespace whose kind segment is {@code kind}} */
        List<String> keys(String kind) {
            return connection.sync().keys(prefix + ":*:" + kind + "*");
        }

        @Override
        public void close() {
            List<String> keys = connection.sync().keys(prefix + ":*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** A PostgreSQL schema of one test class; {@link #close()} drops it. */
    static final class PostgresSchema implements AutoCloseable {
        final String name = "bulwark_demo_t_" + RandomTokens.hex(16).substring(0, 12);

        private PostgresSchema() throws SQLException {
            exec("CREATE SCHEMA " + name);
        }

        /** {@return a fresh schema, or abort/fail when PostgreSQL is unreachable} */
        static PostgresSchema create() {
            try {
                return new PostgresSchema();
            } catch (SQLException e) {
                unreachable("PostgreSQL not reachable at " + POSTGRES_URL + " (" + e.getMessage() + ")", e);
                throw new AssertionError(e);
            }
        }

        /** {@return the JDBC URL the demo is given: this schema, and the user only when not the default} */
        String demoUrl() {
            String sep = POSTGRES_URL.contains("?") ? "&" : "?";
            return POSTGRES_URL + sep + "currentSchema=" + name + (POSTGRES_USER == null ? "" : "&user=" + POSTGRES_USER);
        }

        long count(String sqlFrom) throws SQLException {
            try (Connection c = admin().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM " + name + "." + sqlFrom)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private static PGSimpleDataSource admin() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(POSTGRES_URL);
            ds.setUser(POSTGRES_USER == null ? "postgres" : POSTGRES_USER);
            ds.setConnectTimeout(3);
            return ds;
        }

        private static void exec(String sql) throws SQLException {
            try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        @Override
        public void close() throws SQLException {
            exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
