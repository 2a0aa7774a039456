package dev.bulwark.jdbc;

import dev.bulwark.jdbc.internal.Sql;
import dev.bulwark.tokens.spi.SessionRecord;
import dev.bulwark.tokens.spi.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in PostgreSQL ({@code bulwark_session} and {@code bulwark_session_valid_after} from
 * {@link JdbcSchema}). Every statement is prepared with a query timeout; every change is one atomic statement
 * (revocation is {@code UPDATE ... WHERE revoked_at IS NULL}, so it happens once; "valid after" only moves
 * forward with {@code GREATEST}). Connection failures and timeouts throw
 * {@link dev.bulwark.core.StoreUnavailableException}, which session verification turns into a rejection (fail
 * closed). Passes the testkit's {@code SessionStoreContract}. Thread-safe.
 */
public final class JdbcSessionStore implements SessionStore {

    private static final String COLUMNS =
            "handle, user_id, org_id, device, roles, scopes, created_at, last_used_at, expires_at, revoked_at";

    private final Sql sql;

    private JdbcSessionStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * @param dataSource connections whose role may read and write the session tables
     * @return the store, with a 5-second query timeout
     */
    public static JdbcSessionStore create(DataSource dataSource) {
        return create(dataSource, Duration.ofSeconds(5));
    }

    /**
     * @param dataSource connections whose role may read and write the session tables
     * @param queryTimeout each statement's timeout, 1 s to 5 min
     * @return the store
     * @throws dev.bulwark.core.ConfigurationException for a missing data source or a timeout out of range
     */
    public static JdbcSessionStore create(DataSource dataSource, Duration queryTimeout) {
        return new JdbcSessionStore(new Sql(dataSource, queryTimeout));
    }

    @Override
    public void create(SessionRecord s) {
        int n = sql.update("session insert", "INSERT INTO bulwark_session (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (handle) DO NOTHING", ps -> {
                    ps.setString(1, s.handle());
                    ps.setString(2, s.userId());
                    ps.setString(3, s.org());
                    ps.setString(4, s.device());
                    Sql.texts(ps, 5, s.roles());
                    Sql.texts(ps, 6, s.scopes());
                    Sql.instant(ps, 7, s.createdAt());
                    Sql.instant(ps, 8, s.lastUsedAt());
                    Sql.instant(ps, 9, s.expiresAt());
                    Sql.instant(ps, 10, s.revokedAt());
                });
        if (n == 0) {
            throw new IllegalStateException("session handle collision");
        }
    }

    @Override
    public Optional<SessionRecord> find(String handle) {
        return sql.one("session lookup", "SELECT " + COLUMNS + " FROM bulwark_session WHERE handle = ?",
                ps -> ps.setString(1, handle), JdbcSessionStore::map);
    }

    @Override
    public void touch(String handle, Instant at) {
        sql.update("session touch", "UPDATE bulwark_session SET last_used_at = ? WHERE handle = ? AND last_used_at < ?",
                ps -> {
                    Sql.instant(ps, 1, at);
                    ps.setString(2, handle);
                    Sql.instant(ps, 3, at);
                });
    }

    @Override
    public boolean revoke(String handle, Instant at) {
        return sql.update("session revoke",
                "UPDATE bulwark_session SET revoked_at = ? WHERE handle = ? AND revoked_at IS NULL", ps -> {
                    Sql.instant(ps, 1, at);
                    ps.setString(2, handle);
                }) == 1;
    }

    @Override
    public List<SessionRecord> listByUser(String userId) {
        return sql.query("session list", "SELECT " + COLUMNS + " FROM bulwark_session WHERE user_id = ?"
                + " ORDER BY created_at, handle", ps -> ps.setString(1, userId), JdbcSessionStore::map);
    }

    @Override
    public int purgeExpired(Instant now, Instant idleCutoff) {
        return sql.update("session purge", "DELETE FROM bulwark_session WHERE expires_at <= ?"
                + " OR (revoked_at IS NOT NULL AND revoked_at <= ?) OR last_used_at < ?", ps -> {
                    Sql.instant(ps, 1, now);
                    Sql.instant(ps, 2, now);
                    Sql.instant(ps, 3, idleCutoff);
                });
    }

    @Override
    public Optional<Instant> validAfter(String userId) {
        return sql.one("session valid-after lookup",
                "SELECT valid_after FROM bulwark_session_valid_after WHERE user_id = ?", ps -> ps.setString(1, userId),
                rs -> Sql.instant(rs, "valid_after"));
    }

    @Override
    public void setValidAfter(String userId, Instant at) {
        sql.update("session valid-after update", "INSERT INTO bulwark_session_valid_after (user_id, valid_after)"
                + " VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET valid_after ="
                + " GREATEST(bulwark_session_valid_after.valid_after, EXCLUDED.valid_after)", ps -> {
                    ps.setString(1, userId);
                    Sql.instant(ps, 2, at);
                });
    }

    private static SessionRecord map(ResultSet rs) throws SQLException {
        return new SessionRecord(rs.getString("handle"), rs.getString("user_id"), rs.getString("org_id"),
                rs.getString("device"), Sql.texts(rs, "roles"), Sql.texts(rs, "scopes"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "last_used_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"));
    }
}
