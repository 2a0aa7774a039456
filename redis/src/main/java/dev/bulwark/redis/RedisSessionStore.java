package dev.bulwark.redis;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.redis.internal.Codec;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.tokens.spi.SessionRecord;
import dev.bulwark.tokens.spi.SessionStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SessionStore} in Redis, shared by every instance of a service.
 *
 * <p>Layout (every key hash-tagged; ids are SHA-256 digests, so no user id appears in a key):
 * {@code {h(handle)}:session} is a hash holding the record and expiring with the session;
 * {@code {h(user)}:sessions} is the set of the user's handles (entries of expired sessions are dropped when
 * listed); {@code {h(user)}:valid-after} holds the "sign out everywhere" instant. Revocation and touch are
 * atomic scripts on the session's key (revocation happens once; last use only moves forward), and
 * {@code setValidAfter} only moves forward. TTLs are computed from the injected {@link Clock}.
 *
 * <p>Unavailable Redis throws {@link dev.bulwark.core.StoreUnavailableException}; session verification then
 * rejects the token (fail closed). Passes the testkit's {@code SessionStoreContract}. Thread-safe.
 */
public final class RedisSessionStore implements SessionStore {

    private static final LuaScript TOUCH = LuaScript.of(
            "local cur = redis.call('HGET', KEYS[1], 'last_used_at')\n"
            + "if cur and cur < ARGV[1] then redis.call('HSET', KEYS[1], 'last_used_at', ARGV[1]) return 1 end\n"
            + "return 0");
    private static final LuaScript REVOKE = LuaScript.of(
            "if redis.call('HGET', KEYS[1], 'revoked_at') == '-' then\n"
            + "  redis.call('HSET', KEYS[1], 'revoked_at', ARGV[1]) return 1 end\n"
            + "return 0");
    private static final LuaScript VALID_AFTER = LuaScript.of(
            "local cur = redis.call('GET', KEYS[1])\n"
            + "if not cur or cur < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end\n"
            + "return 1");
    private static final LuaScript CREATE = LuaScript.of(
            "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end\n"
            + "for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end\n"
            + "redis.call('PEXPIRE', KEYS[1], ARGV[1])\n"
            + "return 1");

    private final RedisBackend backend;
    private final Clock clock;

    private RedisSessionStore(RedisBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    /**
     * @param backend the shared connection
     * @param clock the clock TTLs are computed from (the same one the {@code Sessions} component uses)
     * @return the store
     */
    public static RedisSessionStore create(RedisBackend backend, Clock clock) {
        return new RedisSessionStore(ConfigurationException.requireSet(backend, "backend"),
                ConfigurationException.requireSet(clock, "clock"));
    }

    private String sessionKey(String handle) {
        return backend.key(RedisBackend.digest(handle), "session", null);
    }

    private String userKey(String userId, String kind) {
        return backend.key(RedisBackend.digest(userId), kind, null);
    }

    @Override
    public void create(SessionRecord s) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("handle", s.handle());
        fields.put("user_id", s.userId());
        fields.put("org_id", Codec.list(java.util.Collections.singletonList(s.org())));
        fields.put("device", Codec.list(java.util.Collections.singletonList(s.device())));
        fields.put("roles", Codec.strings(s.roles()));
        fields.put("scopes", Codec.strings(s.scopes()));
        fields.put("created_at", Codec.instant(s.createdAt()));
        fields.put("last_used_at", Codec.instant(s.lastUsedAt()));
        fields.put("expires_at", Codec.instant(s.expiresAt()));
        fields.put("revoked_at", Codec.instant(s.revokedAt()));
        long ttl = Codec.ttlMillis(clock.instant(), s.expiresAt());
        if (ttl <= 0) {
            return; // already expired: verification would refuse it anyway
        }
        String[] args = new String[1 + fields.size() * 2];
        args[0] = Long.toString(ttl);
        int i = 1;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            args[i++] = e.getKey();
            args[i++] = e.getValue();
        }
        // index first: a crash in between leaves an index entry without a session, which listing skips
        backend.call("session index", b -> b.sets().sadd(userKey(s.userId(), "sessions"), s.handle()));
        Long created = backend.eval("session create", CREATE, ScriptOutputType.INTEGER,
                new String[] {sessionKey(s.handle())}, args);
        if (created == null || created == 0L) {
            throw new IllegalStateException("session handle collision");
        }
    }

    @Override
    public Optional<SessionRecord> find(String handle) {
        Map<String, String> h = backend.call("session lookup", b -> b.hashes().hgetall(sessionKey(handle)));
        return h == null || h.isEmpty() ? Optional.empty() : Optional.of(map(h));
    }

    @Override
    public void touch(String handle, Instant at) {
        backend.eval("session touch", TOUCH, ScriptOutputType.INTEGER, new String[] {sessionKey(handle)},
                Codec.instant(at));
    }

    @Override
    public boolean revoke(String handle, Instant at) {
        Long n = backend.eval("session revoke", REVOKE, ScriptOutputType.INTEGER, new String[] {sessionKey(handle)},
                Codec.instant(at));
        return n != null && n == 1L;
    }

    @Override
    public List<SessionRecord> listByUser(String userId) {
        String index = userKey(userId, "sessions");
        List<SessionRecord> out = new ArrayList<>();
        for (String handle : backend.call("session list", b -> b.sets().smembers(index))) {
            Optional<SessionRecord> s = find(handle);
            if (s.isPresent()) {
                out.add(s.get());
            } else {
                backend.call("session index cleanup", b -> b.sets().srem(index, handle));
            }
        }
        out.sort(java.util.Comparator.comparing(SessionRecord::createdAt).thenComparing(SessionRecord::handle));
        return out;
    }

    /**
     * Deletes revoked and idle sessions (expired ones vanish on their own with their TTL). Walks the keyspace
     * with {@code SCAN}: a maintenance task, not a request path.
     */
    @Override
    public int purgeExpired(Instant now, Instant idleCutoff) {
        int purged = 0;
        ScanArgs match = ScanArgs.Builder.matches(backend.prefix() + ":{*}:session").limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = backend.call("session purge scan", b -> b.keys().scan(from, match));
            for (String key : page.getKeys()) {
                Map<String, String> h = backend.call("session purge read", b -> b.hashes().hgetall(key));
                if (h == null || h.isEmpty()) {
                    continue;
                }
                SessionRecord r = map(h);
                boolean dead = !r.expiresAt().isAfter(now) || r.revokedAt() != null && !r.revokedAt().isAfter(now)
                        || r.lastUsedAt().isBefore(idleCutoff);
                if (dead) {
                    Long n = backend.call("session purge delete", b -> b.keys().del(key));
                    backend.call("session index cleanup", b -> b.sets().srem(userKey(r.userId(), "sessions"),
                            r.handle()));
                    purged += n == null ? 0 : n.intValue();
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return purged;
    }

    @Override
    public Optional<Instant> validAfter(String userId) {
        String v = backend.call("session valid-after lookup", b -> b.strings().get(userKey(userId, "valid-after")));
        return Optional.ofNullable(Codec.instant(v));
    }

    @Override
    public void setValidAfter(String userId, Instant at) {
        backend.eval("session valid-after update", VALID_AFTER, ScriptOutputType.INTEGER,
                new String[] {userKey(userId, "valid-after")}, Codec.instant(at));
    }

    private static SessionRecord map(Map<String, String> h) {
        return new SessionRecord(h.get("handle"), h.get("user_id"), Codec.list(h.get("org_id")).get(0),
                Codec.list(h.get("device")).get(0), Codec.strings(h.get("roles")), Codec.strings(h.get("scopes")),
                Codec.instant(h.get("created_at")), Codec.instant(h.get("last_used_at")),
                Codec.instant(h.get("expires_at")), Codec.instant(h.get("revoked_at")));
    }
}
