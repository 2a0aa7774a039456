package dev.bulwark.examples.demo;

import dev.bulwark.authz.InMemoryMemberships;
import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.jdbc.JdbcApiKeyStore;
import dev.bulwark.jdbc.JdbcAuditSink;
import dev.bulwark.jdbc.JdbcMemberships;
import dev.bulwark.jdbc.JdbcOneTimeTokenStore;
import dev.bulwark.jdbc.JdbcRefreshTokenStore;
import dev.bulwark.jdbc.JdbcSchema;
import dev.bulwark.jdbc.JdbcSessionStore;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.RedisOneTimeTokenStore;
import dev.bulwark.redis.RedisRateLimitStore;
import dev.bulwark.redis.RedisRefreshTokenStore;
import dev.bulwark.redis.RedisReplayGuard;
import dev.bulwark.redis.RedisSessionStore;
import dev.bulwark.tokens.spi.ApiKeyRecord;
import dev.bulwark.tokens.spi.ApiKeyStore;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import dev.bulwark.tokens.spi.SessionStore;
import dev.bulwark.webhooks.InMemoryReplayGuard;
import dev.bulwark.webhooks.ReplayGuard;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the demo keeps its security state: in memory (the default), in Redis ({@code --redis}), in PostgreSQL
 * ({@code --postgres}) or split between both.
 *
 * <table>
 * <caption>Which store lives where</caption>
 * <tr><th>state</th><th>{@code --redis}</th><th>{@code --postgres}</th><th>both</th></tr>
 * <tr><td>sessions, refresh-token families, one-time tokens</td><td>Redis</td><td>PostgreSQL</td><td>Redis</td></tr>
 * <tr><td>login rate limits, webhook replay guard</td><td>Redis</td><td>memory</td><td>Redis</td></tr>
 * <tr><td>API keys, memberships, audit log</td><td>memory (audit: log)</td><td>PostgreSQL</td><td>PostgreSQL</td></tr>
 * </table>
 *
 * <p>With both, short-lived, hot, TTL-bound state (checked on every request or login) goes to Redis, and
 * long-lived records that people manage or audit (keys, who belongs to which org, the audit trail) go to
 * PostgreSQL. Accounts, projects, notes and TOTP secrets stay in the process in every mode (the demo has no
 * user table). Connecting fails fast: an unreachable server stops the start with
 * {@link StoreUnavailableException}; the demo never falls back to memory.
 */
final class DemoBackends implements AutoCloseable {

    /** The PostgreSQL user when the JDBC URL names none. */
    static final String DEFAULT_POSTGRES_USER = "postgres";

    final SessionStore sessions;
    final RefreshTokenStore refreshTokens;
    final OneTimeTokenStore oneTimeTokens;
    final ApiKeyStore apiKeys;
    final Memberships memberships;
    final MembershipWriter membershipWriter;
    final AuditSink audit;
    /** A replay guard per webhook receiver (the Redis one is shared: keys name the scheme). */
    final Supplier<ReplayGuard> replayGuards;
    final RateLimitStoreFactory rateLimits;
    /** store → where it lives, in banner order. */
    final Map<String, String> placement;

    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, String> redisConnection;
    private final JdbcAuditSink jdbcAudit;

    /** Writes memberships, whichever store holds them. */
    interface MembershipWriter {
        void addPersonalOrg(String userId, String orgId, String role);

        void add(String userId, String orgId, String role);

        void setRole(String userId, String orgId, String role);

        void removeMember(String userId, String orgId);

        /** One membership change of a user in an org with a role. */
        interface Grant {
            void apply(String userId, String orgId, String role);
        }

        /**
         * Adapts a store's write methods ({@code JdbcMemberships} and {@code InMemoryMemberships} have the same
         * ones but no common type).
         */
        static MembershipWriter of(java.util.function.Consumer<String> addOrg, Grant add, Grant setRole,
                java.util.function.BiConsumer<String, String> remove,
                java.util.function.BiConsumer<String, String> personalOrg) {
            return new MembershipWriter() {
                @Override
                public void addPersonalOrg(String userId, String orgId, String role) {
                    addOrg.accept(orgId);
                    add.apply(userId, orgId, role);
                    personalOrg.accept(userId, orgId);
                }

                @Override
                public void add(String userId, String orgId, String role) {
                    add.apply(userId, orgId, role);
                }

                @Override
                public void setRole(String userId, String orgId, String role) {
                    setRole.apply(userId, orgId, role);
                }

                @Override
                public void removeMember(String userId, String orgId) {
                    remove.accept(userId, orgId);
                }
            };
        }
    }

    /**
     * The memberships, with one addition: the principal of a token exchanged for an API key
     * ({@code apikey:<id>}) has the key's org as its personal org, read from the API-key store (so a revoked
     * key's tokens have none). The key is not registered as the org's "personal owner" in the membership store:
     * in PostgreSQL an org is the personal org of at most one user, and that is the user who signed up.
     */
    private record KeyAwareMemberships(Memberships delegate, ApiKeyStore keys) implements Memberships {
        @Override
        public List<String> rolesOf(String userId, String orgId) {
            return delegate.rolesOf(userId, orgId);
        }

        @Override
        public boolean orgExists(String orgId) {
            return delegate.orgExists(orgId);
        }

        @Override
        public java.util.Optional<String> personalOrgOf(String userId) {
            if (userId != null && userId.startsWith(API_KEY_USER_PREFIX)) {
                return keys.find(userId.substring(API_KEY_USER_PREFIX.length()))
                        .filter(k -> k.revokedAt() == null).map(ApiKeyRecord::org);
            }
            return delegate.personalOrgOf(userId);
        }

        @Override
        public List<dev.bulwark.authz.Membership> membersOf(String orgId) {
            return delegate.membersOf(orgId);
        }
    }

    /** The prefix of the user id an API key acts as. */
    static final String API_KEY_USER_PREFIX = "apikey:";

    /** Makes one rate-limit store per named limiter, or null for the limiter's own in-memory store. */
    @FunctionalInterface
    interface RateLimitStoreFactory {
        RateLimitStore create(String name);
    }

    private DemoBackends(Builder b) {
        this.sessions = b.sessions;
        this.refreshTokens = b.refreshTokens;
        this.oneTimeTokens = b.oneTimeTokens;
        this.apiKeys = b.apiKeys;
        this.memberships = new KeyAwareMemberships(b.memberships, b.apiKeys);
        this.membershipWriter = b.membershipWriter;
        this.audit = b.audit;
        this.replayGuards = b.replayGuards;
        this.rateLimits = b.rateLimits;
        this.placement = java.util.Collections.unmodifiableMap(b.placement);
        this.redisClient = b.redisClient;
        this.redisConnection = b.redisConnection;
        this.jdbcAudit = b.jdbcAudit;
    }

    /**
     * Opens the configured backends.
     *
     * @param redisUri {@code redis://...} or {@code rediss://...}, or null
     * @param redisKeyPrefix the Redis key prefix
     * @param postgresUrl {@code jdbc:postgresql://...}, or null
     * @param clock the demo's clock
     * @return the stores
     * @throws ConfigurationException for a malformed URI
     * @throws StoreUnavailableException when a server cannot be reached (whatever was opened is closed again)
     */
    static DemoBackends open(String redisUri, String redisKeyPrefix, String postgresUrl, Clock clock) {
        Builder b = new Builder(clock);
        try {
            if (postgresUrl != null) {
                b.postgres(postgresUrl);
            }
            if (redisUri != null) {
                b.redis(redisUri, redisKeyPrefix);
            }
            return new DemoBackends(b.finish());
        } catch (RuntimeException e) {
            b.closeQuietly();
            throw e;
        }
    }

    /**
     * @param uri a Redis URI
     * @return it without user info (passwords), for messages and the banner
     */
    static String displayRedis(String uri) {
        return uri.replaceFirst("^(rediss?://)[^@/]*@", "$1");
    }

    /**
     * @param url a JDBC URL
     * @return it without a {@code password} query parameter, for messages and the banner
     */
    static String displayPostgres(String url) {
        return url.replaceAll("([?&])password=[^&]*&?", "$1").replaceFirst("[?&]$", "");
    }

    /** Stops the audit writer (after a final flush) and closes the Redis connection. */
    @Override
    public void close() {
        RuntimeException failure = null;
        if (jdbcAudit != null) {
            try {
                jdbcAudit.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (redisConnection != null) {
            try {
                redisConnection.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (redisClient != null) {
            redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static final class Builder {
        private final Clock clock;
        SessionStore sessions;
        RefreshTokenStore refreshTokens;
        OneTimeTokenStore oneTimeTokens;
        ApiKeyStore apiKeys;
        Memberships memberships;
        MembershipWriter membershipWriter;
        AuditSink audit;
        Supplier<ReplayGuard> replayGuards;
        RateLimitStoreFactory rateLimits;
        final Map<String, String> placement = new LinkedHashMap<>();
        RedisClient redisClient;
        StatefulRedisConnection<String, String> redisConnection;
        JdbcAuditSink jdbcAudit;
        private String redisName;
        private String postgresName;

        Builder(Clock clock) {
            this.clock = clock;
        }

        void postgres(String url) {
            ConfigurationException.check(url.startsWith("jdbc:postgresql://"),
                    "--postgres takes a jdbc:postgresql://host:port/database URL");
            PGSimpleDataSource ds = new PGSimpleDataSource();
            try {
                ds.setURL(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("--postgres URL is malformed: " + displayPostgres(url));
            }
            if (ds.getUser() == null || ds.getUser().isEmpty()) {
                ds.setUser(DEFAULT_POSTGRES_USER);
            }
            if (!url.contains("connectTimeout=")) {
                ds.setConnectTimeout(5);
            }
            postgresName = "postgresql (" + displayPostgres(url) + ", user " + ds.getUser() + ")";
            try (Connection c = ds.getConnection()) {
                c.isValid(5);
            } catch (SQLException e) {
                throw new StoreUnavailableException("postgresql at " + displayPostgres(url) + " as " + ds.getUser(),
                        "connect (" + oneLine(e.getMessage()) + ")", null);
            }
            JdbcSchema.apply(ds);
            sessions = JdbcSessionStore.create(ds);
            refreshTokens = JdbcRefreshTokenStore.create(ds);
            oneTimeTokens = JdbcOneTimeTokenStore.create(ds);
            apiKeys = JdbcApiKeyStore.create(ds);
            JdbcMemberships m = JdbcMemberships.create(ds);
            memberships = m;
            membershipWriter = MembershipWriter.of(m::addOrg, m::add, m::setRole, m::removeMember, m::personalOrg);
            jdbcAudit = JdbcAuditSink.builder(ds).build();
            audit = AuditSinks.composite(AuditSinks.slf4j(), jdbcAudit);
        }

        void redis(String uri, String prefix) {
            ConfigurationException.check(uri.startsWith("redis://") || uri.startsWith("rediss://"),
                    "--redis takes a redis://host:port URI");
            RedisURI parsed;
            try {
                parsed = RedisURI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("--redis URI is malformed: " + displayRedis(uri));
            }
            parsed.setTimeout(Duration.ofSeconds(3));
            redisName = "redis (" + displayRedis(uri) + ", key prefix " + prefix + ")";
            RedisBackend backend = RedisBackend.builder(connect(parsed, uri)).keyPrefix(prefix).build();
            sessions = RedisSessionStore.create(backend, clock);
            refreshTokens = RedisRefreshTokenStore.create(backend, clock);
            oneTimeTokens = RedisOneTimeTokenStore.create(backend, clock);
            RedisReplayGuard guard = RedisReplayGuard.create(backend);
            replayGuards = () -> guard;
            TimeSource time = TimeSource.of(clock);
            rateLimits = name -> RedisRateLimitStore.builder(backend).name(name).timeSource(time).build();
        }

        private StatefulRedisConnection<String, String> connect(RedisURI parsed, String uri) {
            redisClient = RedisClient.create();
            try {
                redisConnection = redisClient.connect(StringCodec.UTF8, parsed);
                redisConnection.sync().ping();
                return redisConnection;
            } catch (RuntimeException e) {
                throw new StoreUnavailableException("redis at " + displayRedis(uri),
                        "connect (" + oneLine(rootMessage(e)) + ")", null);
            }
        }

        Builder finish() {
            String memory = "memory (this process only)";
            if (sessions == null) {
                sessions = SessionStore.inMemory(100_000);
                refreshTokens = RefreshTokenStore.inMemory(100_000);
                oneTimeTokens = OneTimeTokenStore.inMemory(100_000);
            }
            if (apiKeys == null) {
                apiKeys = ApiKeyStore.inMemory(10_000);
                InMemoryMemberships m = InMemoryMemberships.create(100_000, 100_000);
                memberships = m;
                membershipWriter = MembershipWriter.of(m::addOrg, m::add, m::setRole, m::removeMember, m::personalOrg);
                audit = AuditSinks.slf4j();
            }
            if (replayGuards == null) {
                replayGuards = () -> InMemoryReplayGuard.create(clock);
                rateLimits = name -> null;
            }
            audit = AuditSinks.failSafe(audit);
            String hot = redisName != null ? redisName : postgresName != null ? postgresName : memory;
            String records = postgresName != null ? postgresName : memory;
            String shared = redisName != null ? redisName : memory;
            placement.put("sessions", hot);
            placement.put("refresh-token families", hot);
            placement.put("one-time tokens", hot);
            placement.put("login rate limits", shared);
            placement.put("webhook replay guard", shared);
            placement.put("API keys", records);
            placement.put("memberships", records);
            placement.put("audit log", postgresName != null ? postgresName + " and the log" : "the log");
            placement.put("accounts, projects, notes, TOTP", memory);
            return this;
        }

        void closeQuietly() {
            List<Runnable> steps = new ArrayList<>();
            if (jdbcAudit != null) {
                steps.add(jdbcAudit::close);
            }
            if (redisConnection != null) {
                steps.add(redisConnection::close);
            }
            if (redisClient != null) {
                steps.add(() -> redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
            }
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException ignored) {
                    // already failing to start; the first error is the one reported
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
