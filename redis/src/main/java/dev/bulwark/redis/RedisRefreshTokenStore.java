package dev.bulwark.redis;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.redis.internal.Codec;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.tokens.spi.RefreshTokenRecord;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link RefreshTokenStore} in Redis: a refresh family is one hash ({@code {h(family)}:refresh-family}, one
 * field per token hash), so rotation and family revocation are atomic scripts on one key (one hash slot in a
 * cluster); {@code {h(token)}:refresh-token} points from a token hash to its family. Both expire with the
 * family (TTL from the injected {@link Clock}).
 *
 * <p>Rotation compares and sets the token's whole stored value inside the script: of two instances refreshing
 * the same token at once, exactly one wins, and the other sees a rotated token (reuse). Passes the testkit's
 * {@code RefreshTokenStoreContract}. Unavailable Redis throws
 * {@link dev.bulwark.core.StoreUnavailableException} (refresh fails closed). Thread-safe.
 */
public final class RedisRefreshTokenStore implements RefreshTokenStore {

    private static final LuaScript INSERT = LuaScript.of(
            "if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end\n"
            + "local ttl = tonumber(ARGV[3])\n"
            + "local cur = redis.call('PTTL', KEYS[1])\n"
            + "if cur < 0 or cur < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end\n"
            + "return 1");
    private static final LuaScript ROTATE = LuaScript.of(
            "local v = redis.call('HGET', KEYS[1], ARGV[1])\n"
            + "if not v or string.sub(v, 1, 7) ~= 'ACTIVE|' then return 0 end\n"
            + "local parts, start = {}, 1\n"
            + "while true do\n"
            + "  local i = string.find(v, '|', start, true)\n"
            + "  if not i then table.insert(parts, string.sub(v, start)) break end\n"
            + "  table.insert(parts, string.sub(v, start, i - 1)) start = i + 1\n"
            + "end\n"
            + "redis.call('HSET', KEYS[1], ARGV[1], 'ROTATED|' .. parts[2] .. '|' .. parts[3] .. '|' .. ARGV[3] .. '|' .. ARGV[2])\n"
            + "return 1");
    private static final LuaScript REVOKE_FAMILY = LuaScript.of(
            "local all = redis.call('HGETALL', KEYS[1])\n"
            + "local n = 0\n"
            + "for i = 1, #all, 2 do\n"
            + "  local v = all[i + 1]\n"
            + "  if string.sub(v, 1, 8) ~= 'REVOKED|' then\n"
            + "    local bar = string.find(v, '|', 1, true)\n"
            + "    redis.call('HSET', KEYS[1], all[i], 'REVOKED' .. string.sub(v, bar))\n"
            + "    n = n + 1\n"
            + "  end\n"
            + "end\n"
            + "return n");

    private final RedisBackend backend;
    private final Clock clock;

    private RedisRefreshTokenStore(RedisBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    /**
     * @param backend the shared connection
     * @param clock the clock TTLs are computed from (the one {@code RefreshTokens} uses)
     * @return the store
     */
    public static RedisRefreshTokenStore create(RedisBackend backend, Clock clock) {
        return new RedisRefreshTokenStore(ConfigurationException.requireSet(backend, "backend"),
                ConfigurationException.requireSet(clock, "clock"));
    }

    private String familyKey(String familyId) {
        return backend.key(RedisBackend.digest(familyId), "refresh-family", null);
    }

    private String pointerKey(String tokenHash) {
        return backend.key(RedisBackend.digest(tokenHash), "refresh-token", null);
    }

    @Override
    public void insert(RefreshTokenRecord r) {
        long ttl = Codec.ttlMillis(clock.instant(), r.familyExpiresAt());
        if (ttl <= 0) {
            return; // the family has already expired: nothing a refresh could use
        }
        String value = r.state().name() + "|" + Codec.instant(r.createdAt()) + "|" + Codec.instant(r.familyExpiresAt())
                + "|" + Codec.instant(r.rotatedAt()) + "|" + (r.successorHash() == null ? "-" : r.successorHash());
        Long inserted = backend.eval("refresh token insert", INSERT, ScriptOutputType.INTEGER,
                new String[] {familyKey(r.familyId())}, r.tokenHash(), value, Long.toString(ttl));
        if (inserted == null || inserted == 0L) {
            throw new IllegalStateException("refresh token hash collision");
        }
        backend.call("refresh token pointer", b -> b.strings().set(pointerKey(r.tokenHash()), r.familyId(),
                SetArgs.Builder.px(ttl)));
    }

    @Override
    public Optional<RefreshTokenRecord> find(String tokenHash) {
        String family = backend.call("refresh token lookup", b -> b.strings().get(pointerKey(tokenHash)));
        if (family == null) {
            return Optional.empty();
        }
        String v = backend.call("refresh token read", b -> b.hashes().hget(familyKey(family), tokenHash));
        if (v == null) {
            return Optional.empty();
        }
        String[] p = v.split("\\|", -1);
        return Optional.of(new RefreshTokenRecord(tokenHash, family, RefreshTokenRecord.State.valueOf(p[0]),
                Codec.instant(p[1]), Codec.instant(p[2]), Codec.instant(p[3]), "-".equals(p[4]) ? null : p[4]));
    }

    @Override
    public boolean rotate(String tokenHash, String successorHash, Instant at) {
        String family = backend.call("refresh token lookup", b -> b.strings().get(pointerKey(tokenHash)));
        if (family == null) {
            return false;
        }
        Long won = backend.eval("refresh token rotate", ROTATE, ScriptOutputType.INTEGER,
                new String[] {familyKey(family)}, tokenHash, successorHash, Codec.instant(at));
        return won != null && won == 1L;
    }

    @Override
    public int revokeFamily(String familyId) {
        Long n = backend.eval("refresh family revoke", REVOKE_FAMILY, ScriptOutputType.INTEGER,
                new String[] {familyKey(familyId)}, new String[0]);
        return n == null ? 0 : n.intValue();
    }

    /** Families expire on their own with their TTL; nothing is left to purge. */
    @Override
    public int purgeExpired(Instant now) {
        return 0;
    }

    @Override
    public String toString() {
        return "RedisRefreshTokenStore[prefix=" + backend.prefix() + "]";
    }
}
