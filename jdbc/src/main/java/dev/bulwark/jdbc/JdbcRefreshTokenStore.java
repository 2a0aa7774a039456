package dev.bulwark.jdbc;

import dev.bulwark.jdbc.internal.Sql;
import dev.bulwark.tokens.spi.RefreshTokenRecord;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RefreshTokenStore} in PostgreSQL ({@code bulwark_refresh_token}), hashes only.
 *
 * <p>Rotation is one conditional statement ({@code UPDATE ... SET state = 'ROTATED' ... WHERE token_hash = ?
 * AND state = 'ACTIVE'}): PostgreSQL's row lock makes exactly one of two concurrent refreshes with the same token
 * win, on any number of application instances; the loser sees a rotated token, which {@code RefreshTokens}
 * treats as reuse and answers by revoking the family. Passes the testkit's {@code RefreshTokenStoreContract}.
 * Thread-safe.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {

    private static final String COLUMNS =
            "token_hash, family_id, state, created_at, family_expires_at, rotated_at, successor_hash";

    private final Sql sql;

    private JdbcRefreshTokenStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * @param dataSource connections whose role may read and write {@code bulwark_refresh_token}
     * @return the store, with a 5-second query timeout
     */
    public static JdbcRefreshTokenStore create(DataSource dataSource) {
        return create(dataSource, Duration.ofSeconds(5));
    }

    /**
     * @param dataSource the connections
     * @param queryTimeout each statement's timeout, 1 s to 5 min
     * @return the store
     */
    public static JdbcRefreshTokenStore create(DataSource dataSource, Duration queryTimeout) {
        return new JdbcRefreshTokenStore(new Sql(dataSource, queryTimeout));
    }

    @Override
    public void insert(RefreshTokenRecord r) {
        int n = sql.update("refresh token insert", "INSERT INTO bulwark_refresh_token (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING", ps -> {
                    ps.setString(1, r.tokenHash());
                    ps.setString(2, r.familyId());
                    ps.setString(3, r.state().name());
                    Sql.instant(ps, 4, r.createdAt());
                    Sql.instant(ps, 5, r.familyExpiresAt());
                    Sql.instant(ps, 6, r.rotatedAt());
                    ps.setString(7, r.successorHash());
                });
        if (n == 0) {
            throw new IllegalStateException("refresh token hash collision");
        }
    }

    @Override
    public Optional<RefreshTokenRecord> find(String tokenHash) {
        return sql.one("refresh token lookup", "SELECT " + COLUMNS + " FROM bulwark_refresh_token WHERE token_hash = ?",
                ps -> ps.setString(1, tokenHash), JdbcRefreshTokenStore::map);
    }

    @Override
    public boolean rotate(String tokenHash, String successorHash, Instant at) {
        return sql.update("refresh token rotate", "UPDATE bulwark_refresh_token SET state = 'ROTATED', rotated_at = ?,"
                + " successor_hash = ? WHERE token_hash = ? AND state = 'ACTIVE'", ps -> {
                    Sql.instant(ps, 1, at);
                    ps.setString(2, successorHash);
                    ps.setString(3, tokenHash);
                }) == 1;
    }

    @Override
    public int revokeFamily(String familyId) {
        return sql.update("refresh family revoke", "UPDATE bulwark_refresh_token SET state = 'REVOKED'"
                + " WHERE family_id = ? AND state <> 'REVOKED'", ps -> ps.setString(1, familyId));
    }

    @Override
    public int purgeExpired(Instant now) {
        return sql.update("refresh token purge", "DELETE FROM bulwark_refresh_token WHERE family_expires_at <= ?",
                ps -> Sql.instant(ps, 1, now));
    }

    private static RefreshTokenRecord map(ResultSet rs) throws SQLException {
        return new RefreshTokenRecord(rs.getString("token_hash"), rs.getString("family_id"),
                RefreshTokenRecord.State.valueOf(rs.getString("state")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "family_expires_at"), Sql.instant(rs, "rotated_at"), rs.getString("successor_hash"));
    }
}
