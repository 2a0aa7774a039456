package dev.bulwark.jdbc;

import dev.bulwark.jdbc.internal.Sql;
import dev.bulwark.tokens.spi.OneTimeTokenRecord;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link OneTimeTokenStore} in PostgreSQL ({@code bulwark_one_time_token}), hashes only. Consumption is
 * {@code DELETE ... RETURNING}: one statement, so a magic link or verification token is used at most once even
 * when two instances receive it at the same moment. Passes the testkit's {@code OneTimeTokenStoreContract}.
 * Thread-safe.
 */
public final class JdbcOneTimeTokenStore implements OneTimeTokenStore {

    private final Sql sql;

    private JdbcOneTimeTokenStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * @param dataSource connections whose role may read and write {@code bulwark_one_time_token}
     * @return the store, with a 5-second query timeout
     */
    public static JdbcOneTimeTokenStore create(DataSource dataSource) {
        return create(dataSource, Duration.ofSeconds(5));
    }

    /**
     * @param dataSource the connections
     * @param queryTimeout each statement's timeout, 1 s to 5 min
     * @return the store
     */
    public static JdbcOneTimeTokenStore create(DataSource dataSource, Duration queryTimeout) {
        return new JdbcOneTimeTokenStore(new Sql(dataSource, queryTimeout));
    }

    @Override
    public void put(OneTimeTokenRecord r) {
        int n = sql.update("one-time token insert", "INSERT INTO bulwark_one_time_token (token_hash, purpose, subject,"
                + " data, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING", ps -> {
                    ps.setString(1, r.tokenHash());
                    ps.setString(2, r.purpose());
                    ps.setString(3, r.subject());
                    ps.setString(4, r.data());
                    Sql.instant(ps, 5, r.expiresAt());
                });
        if (n == 0) {
            throw new IllegalStateException("one-time token hash collision");
        }
    }

    @Override
    public Optional<OneTimeTokenRecord> consume(String tokenHash) {
        return sql.one("one-time token consume", "DELETE FROM bulwark_one_time_token WHERE token_hash = ?"
                + " RETURNING token_hash, purpose, subject, data, expires_at", ps -> ps.setString(1, tokenHash),
                rs -> new OneTimeTokenRecord(rs.getString("token_hash"), rs.getString("purpose"),
                        rs.getString("subject"), rs.getString("data"), Sql.instant(rs, "expires_at")));
    }

    @Override
    public int purgeExpired(Instant now) {
        return sql.update("one-time token purge", "DELETE FROM bulwark_one_time_token WHERE expires_at <= ?",
                ps -> Sql.instant(ps, 1, now));
    }
}
