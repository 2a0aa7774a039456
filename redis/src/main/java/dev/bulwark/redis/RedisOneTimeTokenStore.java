package dev.bulwark.redis;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.redis.internal.Codec;
import dev.bulwark.tokens.spi.OneTimeTokenRecord;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link OneTimeTokenStore} in Redis: one key per token hash ({@code {h(hash)}:one-time}), written with
 * {@code SET NX PX} and consumed with {@code GETDEL}, so a magic link or verification token is used at most
 * once across every instance; it expires on its own (TTL from the injected {@link Clock}; a token put
 * after its expiry is not stored at all). Passes the testkit's
 * {@code OneTimeTokenStoreContract}. Thread-safe.
 */
public final class RedisOneTimeTokenStore implements OneTimeTokenStore {

    private final RedisBackend backend;
    private final Clock clock;

    private RedisOneTimeTokenStore(RedisBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    /**
     * @param backend the shared connection
     * @param clock the clock TTLs are computed from
     * @return the store
     */
    public static RedisOneTimeTokenStore create(RedisBackend backend, Clock clock) {
        return new RedisOneTimeTokenStore(ConfigurationException.requireSet(backend, "backend"),
                ConfigurationException.requireSet(clock, "clock"));
    }

    private String key(String tokenHash) {
        return backend.key(RedisBackend.digest(tokenHash), "one-time", null);
    }

    @Override
    public void put(OneTimeTokenRecord r) {
        String value = Codec.list(Arrays.asList(r.tokenHash(), r.purpose(), r.subject(), r.data(),
                Codec.instant(r.expiresAt())));
        long ttl = Codec.ttlMillis(clock.instant(), r.expiresAt());
        if (ttl <= 0) {
            return; // already expired: storing it would only let it be consumed
        }
        String ok = backend.call("one-time token insert", b -> b.strings().set(key(r.tokenHash()), value,
                SetArgs.Builder.nx().px(ttl)));
        if (!"OK".equals(ok)) {
            throw new IllegalStateException("one-time token hash collision");
        }
    }

    @Override
    public Optional<OneTimeTokenRecord> consume(String tokenHash) {
        String v = backend.call("one-time token consume", b -> b.strings().getdel(key(tokenHash)));
        if (v == null) {
            return Optional.empty();
        }
        List<String> p = Codec.list(v);
        return Optional.of(new OneTimeTokenRecord(p.get(0), p.get(1), p.get(2), p.get(3), Codec.instant(p.get(4))));
    }

    /** Tokens expire on their own with their TTL; nothing is left to purge. */
    @Override
    public int purgeExpired(Instant now) {
        return 0;
    }
}
