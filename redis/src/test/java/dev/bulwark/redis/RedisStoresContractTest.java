package dev.bulwark.redis;

import dev.bulwark.core.testing.TestClock;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.testkit.contracts.OneTimeTokenStoreContract;
import dev.bulwark.testkit.contracts.RateLimitStoreContract;
import dev.bulwark.testkit.contracts.RefreshTokenStoreContract;
import dev.bulwark.testkit.contracts.ReplayGuardContract;
import dev.bulwark.testkit.contracts.SessionStoreContract;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import dev.bulwark.tokens.spi.SessionStore;
import dev.bulwark.webhooks.ReplayGuard;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The Redis stores pass the same contract suites as the in-memory and PostgreSQL ones, on a real server. */
class RedisStoresContractTest {

    private static RedisTestServer redis;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisBackend backend;
    private static String prefix;

    @BeforeAll
    static void setUp() {
        redis = RedisTestServer.shared();
        connection = redis.connect();
        prefix = RedisTestServer.newPrefix();
        backend = RedisBackend.builder(connection).keyPrefix(prefix).commandTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void tearDown() {
        if (redis != null) {
            redis.cleanUpAndClose(prefix);
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore store() {
            return RedisSessionStore.create(backend, new TestClock(T0));
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore store() {
            return RedisRefreshTokenStore.create(backend, new TestClock(T0));
        }
    }

    @Nested
    class OneTimeTokens extends OneTimeTokenStoreContract {
        @Override
        protected OneTimeTokenStore store() {
            return RedisOneTimeTokenStore.create(backend, new TestClock(T0));
        }
    }

    @Nested
    class Replay extends ReplayGuardContract {
        @Override
        protected ReplayGuard guard() {
            return RedisReplayGuard.create(backend);
        }
    }

    @Nested
    class RateLimit extends RateLimitStoreContract {
        @Override
        protected RateLimitStore store() {
            return RedisRateLimitStore.builder(backend).name("contract").build();
        }
    }
}
