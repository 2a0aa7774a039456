package dev.bulwark.redis;

import com.google.common.hash.Hashing;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.redis.internal.LuaScript;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisHashAsyncCommands;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisSetAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Redis connection every Bulwark Redis store shares: a Lettuce connection (single node <em>or</em> Redis
 * Cluster), a key prefix and a per-command timeout.
 *
 * <p><strong>Cluster-safe keys.</strong> Every key Bulwark writes has the shape
 * {@code <prefix>:{<tag>}:<kind>:<id>}; every script touches keys of one hash tag only, so each call lands on
 * one hash slot of a cluster. Tags and ids derived from caller input are SHA-256 digests (base64url, 128 bits):
 * no user id, email or token appears in a key name, and no caller input can inject a brace or a separator.
 *
 * <p><strong>Fails closed.</strong> Each command waits at most the configured timeout (default 500 ms);
 * connection loss, timeouts and server errors become {@link StoreUnavailableException}; the stores built on it
 * turn that into a denial (or, for limiters explicitly configured fail-open, into a recorded allow). Lettuce
 * reconnects on its own, so recovery needs no restart.
 *
 * <p>Scripts are sent with {@code EVALSHA}; on {@code NOSCRIPT} (a restarted or failed-over server, a new
 * cluster node) the script is sent once with {@code EVAL}, which loads it again.
 *
 * <p>Thread-safe. The connection stays the host's: Bulwark never closes it.
 */
public final class RedisBackend {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final RedisScriptingAsyncCommands<String, String> scripting;
    private final RedisStringAsyncCommands<String, String> strings;
    private final RedisKeyAsyncCommands<String, String> keys;
    private final RedisHashAsyncCommands<String, String> hashes;
    private final RedisSetAsyncCommands<String, String> sets;
    private final String prefix;
    private final long timeoutNanos;

    private RedisBackend(Builder b) {
        this.scripting = b.scripting;
        this.strings = b.strings;
        this.keys = b.keys;
        this.hashes = b.hashes;
        this.sets = b.sets;
        this.prefix = b.prefix;
        this.timeoutNanos = b.timeout.toNanos();
    }

    /**
     * @param connection a single-node connection, {@code String} keys and values (UTF-8 codec)
     * @return a builder
     */
    public static Builder builder(StatefulRedisConnection<String, String> connection) {
        ConfigurationException.requireSet(connection, "connection");
        var async = connection.async();
        return new Builder(async, async, async, async, async);
    }

    /**
     * @param connection a Redis Cluster connection, {@code String} keys and values (UTF-8 codec)
     * @return a builder
     */
    public static Builder builder(StatefulRedisClusterConnection<String, String> connection) {
        ConfigurationException.requireSet(connection, "connection");
        var async = connection.async();
        return new Builder(async, async, async, async, async);
    }

    /** {@return the key prefix} */
    public String prefix() {
        return prefix;
    }

    /** {@return the per-command timeout} */
    public Duration commandTimeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /**
     * A key in this backend's namespace.
     *
     * @param tag the hash tag (already a digest or a fixed word)
     * @param kind the kind of record, e.g. {@code rl} or {@code replay}
     * @param id the record id within the tag (already a digest or a fixed word), or null
     * @return {@code prefix:{tag}:kind[:id]}
     */
    String key(String tag, String kind, String id) {
        return prefix + ":{" + tag + "}:" + kind + (id == null ? "" : ":" + id);
    }

    /**
     * @param value caller input (a user id, an event id, a limiter key)
     * @return 22 characters of base64url SHA-256: a digest safe for key names and hash tags
     */
    static String digest(String value) {
        byte[] d = Hashing.sha256().hashString(value, StandardCharsets.UTF_8).asBytes();
        return URL_SAFE.encodeToString(d).substring(0, 22);
    }

    /**
     * Runs a script with {@code EVALSHA}, falling back to {@code EVAL} once on {@code NOSCRIPT}.
     *
     * @param <T> the result type
     * @param operation what is attempted, for the error message
     * @param script the script
     * @param type the output type
     * @param keys the keys (all of one hash tag)
     * @param args the arguments
     * @return the result
     * @throws StoreUnavailableException on timeout, connection loss or a server error
     */
    <T> T eval(String operation, LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        try {
            return await(scripting.evalsha(script.sha1(), type, keys, args));
        } catch (RedisNoScriptException e) {
            return call(operation, c -> c.scripting.eval(script.source(), type, keys, args));
        } catch (RedisException | TimeoutException | ExecutionException e) {
            throw unavailable(operation, e);
        }
    }

    /**
     * Runs one command with the timeout.
     *
     * @param <T> the result type
     * @param operation what is attempted, for the error message
     * @param command the command, given this backend
     * @return the result
     * @throws StoreUnavailableException on timeout, connection loss or a server error
     */
    <T> T call(String operation, Function<RedisBackend, RedisFuture<T>> command) {
        try {
            return await(command.apply(this));
        } catch (RedisException | TimeoutException | ExecutionException e) {
            throw unavailable(operation, e);
        }
    }

    RedisStringAsyncCommands<String, String> strings() {
        return strings;
    }

    RedisKeyAsyncCommands<String, String> keys() {
        return keys;
    }

    RedisHashAsyncCommands<String, String> hashes() {
        return hashes;
    }

    RedisSetAsyncCommands<String, String> sets() {
        return sets;
    }

    private <T> T await(RedisFuture<T> future) throws TimeoutException, ExecutionException {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ExecutionException(e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException noScript) {
                throw noScript;
            }
            throw e;
        }
    }

    private static StoreUnavailableException unavailable(String operation, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new StoreUnavailableException("redis", operation, cause);
    }

    /** Configures a {@link RedisBackend}. */
    public static final class Builder {
        private final RedisScriptingAsyncCommands<String, String> scripting;
        private final RedisStringAsyncCommands<String, String> strings;
        private final RedisKeyAsyncCommands<String, String> keys;
        private final RedisHashAsyncCommands<String, String> hashes;
        private final RedisSetAsyncCommands<String, String> sets;
        private String prefix = "bulwark";
        private Duration timeout = Duration.ofMillis(500);

        private Builder(RedisScriptingAsyncCommands<String, String> scripting,
                RedisStringAsyncCommands<String, String> strings, RedisKeyAsyncCommands<String, String> keys,
                RedisHashAsyncCommands<String, String> hashes, RedisSetAsyncCommands<String, String> sets) {
            this.scripting = scripting;
            this.strings = strings;
            this.keys = keys;
            this.hashes = hashes;
            this.sets = sets;
        }

        /**
         * @param prefix the first segment of every key, {@code [a-z][a-z0-9_-]{0,31}} (default {@code bulwark});
         *     give each application sharing a server its own
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * @param timeout how long one command may take before it fails closed, 1 ms to 60 s (default 500 ms)
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * @return the backend
         * @throws ConfigurationException when a setting is out of range
         */
        public RedisBackend build() {
            ConfigurationException.check(prefix != null && PREFIX.matcher(prefix).matches(),
                    "keyPrefix must match [a-z][a-z0-9_-]{0,31}");
            ConfigurationException.check(timeout != null && timeout.compareTo(Duration.ofMillis(1)) >= 0
                    && timeout.compareTo(Duration.ofSeconds(60)) <= 0, "commandTimeout must be 1 ms..60 s");
            return new RedisBackend(this);
        }
    }
}
