package dev.bulwark.jdbc;

import dev.bulwark.jdbc.internal.Sql;
import dev.bulwark.tokens.spi.ApiKeyRecord;
import dev.bulwark.tokens.spi.ApiKeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link ApiKeyStore} in PostgreSQL ({@code bulwark_api_key}): the SHA-256 hash and a display prefix are
 * stored, never the key. Prepared statements with query timeouts; revocation happens once; {@code last_used_at}
 * only moves forward. Unavailability throws {@link dev.bulwark.core.StoreUnavailableException} (API-key
 * authentication then fails closed). Passes the testkit's {@code ApiKeyStoreContract}. Thread-safe.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS =
            "key_id, org_id, name, display_prefix, hash, scopes, created_at, expires_at, last_used_at, revoked_at";

    private final Sql sql;

    private JdbcApiKeyStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * @param dataSource connections whose role may read and write {@code bulwark_api_key}
     * @return the store, with a 5-second query timeout
     */
    public static JdbcApiKeyStore create(DataSource dataSource) {
        return create(dataSource, Duration.ofSeconds(5));
    }

    /**
     * @param dataSource the connections
     * @param queryTimeout each statement's timeout, 1 s to 5 min
     * @return the store
     */
    public static JdbcApiKeyStore create(DataSource dataSource, Duration queryTimeout) {
        return new JdbcApiKeyStore(new Sql(dataSource, queryTimeout));
    }

    @Override
    public void insert(ApiKeyRecord r) {
        int n = sql.update("api key insert", "INSERT INTO bulwark_api_key (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING", ps -> {
                    ps.setString(1, r.keyId());
                    ps.setString(2, r.org());
                    ps.setString(3, r.name());
                    ps.setString(4, r.displayPrefix());
                    ps.setString(5, r.hash());
                    Sql.texts(ps, 6, r.scopes());
                    Sql.instant(ps, 7, r.createdAt());
                    Sql.instant(ps, 8, r.expiresAt());
                    Sql.instant(ps, 9, r.lastUsedAt());
                    Sql.instant(ps, 10, r.revokedAt());
                });
        if (n == 0) {
            throw new IllegalStateException("API key id collision");
        }
    }

    @Override
    public Optional<ApiKeyRecord> find(String keyId) {
        return sql.one("api key lookup", "SELECT " + COLUMNS + " FROM bulwark_api_key WHERE key_id = ?",
                ps -> ps.setString(1, keyId), JdbcApiKeyStore::map);
    }

    @Override
    public List<ApiKeyRecord> listByOrg(String org) {
        return sql.query("api key list", "SELECT " + COLUMNS + " FROM bulwark_api_key WHERE org_id = ?"
                + " ORDER BY created_at, key_id", ps -> ps.setString(1, org), JdbcApiKeyStore::map);
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        return sql.update("api key revoke",
                "UPDATE bulwark_api_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", ps -> {
                    Sql.instant(ps, 1, at);
                    ps.setString(2, keyId);
                }) == 1;
    }

    @Override
    public void touch(String keyId, Instant at) {
        sql.update("api key touch", "UPDATE bulwark_api_key SET last_used_at = ? WHERE key_id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)", ps -> {
                    Sql.instant(ps, 1, at);
                    ps.setString(2, keyId);
                    Sql.instant(ps, 3, at);
                });
    }

    private static ApiKeyRecord map(ResultSet rs) throws SQLException {
        return new ApiKeyRecord(rs.getString("key_id"), rs.getString("org_id"), rs.getString("name"),
                rs.getString("display_prefix"), rs.getString("hash"), Sql.texts(rs, "scopes"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "last_used_at"),
                Sql.instant(rs, "revoked_at"));
    }
}
