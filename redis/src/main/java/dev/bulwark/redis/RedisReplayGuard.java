package dev.bulwark.redis;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InvalidInputException;
import dev.bulwark.core.CoreReason;
import dev.bulwark.redis.internal.Codec;
import dev.bulwark.webhooks.ReplayGuard;
import io.lettuce.core.SetArgs;
import java.time.Duration;

/**
 * A {@link ReplayGuard} shared by every instance of a service: one {@code SET key 1 NX PX ttl} per delivery,
 * so of two instances receiving the same event at once exactly one accepts it.
 *
 * <p>Keys are {@code <prefix>:{<digest>}:replay} with the SHA-256 digest of the namespaced event id: event ids
 * never appear in Redis, and each key is its own hash slot. A key lives exactly its TTL and then vanishes.
 * When Redis cannot be reached within the backend's timeout, {@link #markIfNew} throws
 * {@link dev.bulwark.core.StoreUnavailableException}: the delivery is refused (the provider retries it later),
 * never accepted unrecorded. Thread-safe.
 */
public final class RedisReplayGuard implements ReplayGuard {

    private final RedisBackend backend;

    private RedisReplayGuard(RedisBackend backend) {
        this.backend = backend;
    }

    /**
     * @param backend the shared connection
     * @return the guard
     * @throws ConfigurationException when {@code backend} is null
     */
    public static RedisReplayGuard create(RedisBackend backend) {
        return new RedisReplayGuard(ConfigurationException.requireSet(backend, "backend"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidInputException for an empty key or a TTL that is not positive
     * @throws dev.bulwark.core.StoreUnavailableException when Redis cannot be reached in time
     */
    @Override
    public boolean markIfNew(String key, Duration ttl) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION, "replay key must not be empty");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION, "replay TTL must be positive");
        }
        String redisKey = backend.key(RedisBackend.digest(key), "replay", null);
        long millis = Codec.ceilMillis(ttl);
        String reply = backend.call("replay mark",
                b -> b.strings().set(redisKey, "1", SetArgs.Builder.nx().px(millis)));
        return "OK".equals(reply);
    }
}
