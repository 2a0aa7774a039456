package dev.bulwark.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away schema and a plain (non-superuser) application role on the PostgreSQL server at
 * {@code BULWARK_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}).
 *
 * <p>When the server is unreachable: with {@code CI=true} the test fails; elsewhere it is aborted with a message
 * saying plainly that the PostgreSQL suite did not run.
 */
final class PostgresTestDatabase implements AutoCloseable {

    static final String URL = env("BULWARK_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("BULWARK_POSTGRES_USER", "postgres");

    final String schema;
    final String appRole;
    private final PGSimpleDataSource admin;

    private PostgresTestDatabase() throws SQLException {
        String suffix = dev.bulwark.core.RandomTokens.hex(16).substring(0, 12);
        schema = "bulwark_t_" + suffix;
        appRole = "bulwark_t_app_" + suffix;
        admin = dataSource(USER, null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE ROLE " + appRole + " LOGIN NOSUPERUSER NOBYPASSRLS");
            s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + appRole);
        }
    }

    /** {@return a fresh database scope, or abort/fail when PostgreSQL is unreachable} */
    static PostgresTestDatabase create() {
        try {
            return new PostgresTestDatabase();
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + URL + " (" + e.getMessage()
                    + "): the PostgreSQL suite did NOT run. Start it (.ci/run does) or set BULWARK_POSTGRES_URL.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message, e);
            }
            Assumptions.abort(message);
            throw new AssertionError(message);
        }
    }

    /** {@return connections as the superuser, in the test schema} */
    DataSource admin() {
        return dataSource(USER, schema);
    }

    /** {@return connections as the plain application role, in the test schema} */
    DataSource app() {
        return dataSource(appRole, schema);
    }

    void exec(String... sql) throws SQLException {
        try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** {@return a data source that always hands out {@code connection} and never closes it} */
    static DataSource single(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, args) -> m.getName().equals("close") ? null
                        : m.invoke(connection, args));
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    if (m.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /** {@return a data source that cannot connect (nothing listens on port 1)} */
    static DataSource unreachable() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:1/test");
        ds.setUser(USER);
        ds.setConnectTimeout(2);
        return ds;
    }

    private static PGSimpleDataSource dataSource(String user, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setUser(user);
        ds.setConnectTimeout(3);
        ds.setSocketTimeout(30);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("DROP OWNED BY " + appRole);
            s.execute("DROP ROLE IF EXISTS " + appRole);
        }
    }
}
