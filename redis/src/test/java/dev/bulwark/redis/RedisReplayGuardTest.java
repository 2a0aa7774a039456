package dev.bulwark.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.CoreReason;
import dev.bulwark.core.InvalidInputException;
import dev.bulwark.core.StoreUnavailableException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisReplayGuardTest {

    private static RedisTestServer redis;
    private static StatefulRedisConnection<String, String> admin;
    private static String prefix;

    @BeforeAll
    static void setUp() {
        redis = RedisTestServer.shared();
        admin = redis.connect();
        prefix = RedisTestServer.newPrefix();
    }

    @AfterAll
    static void tearDown() {
        if (redis != null) {
            redis.cleanUpAndClose(prefix);
        }
    }

    private static RedisReplayGuard guard(StatefulRedisConnection<String, String> c) {
        return RedisReplayGuard.create(RedisBackend.builder(c).keyPrefix(prefix).build());
    }

    @Test
    void firstDeliveryIsNew_secondIsAReplay() {
        RedisReplayGuard guard = guard(redis.connect());
        assertThat(guard.markIfNew("stripe:evt_1", Duration.ofMinutes(5))).isTrue();
        assertThat(guard.markIfNew("stripe:evt_1", Duration.ofMinutes(5))).isFalse();
        assertThat(guard.markIfNew("github:evt_1", Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void theKeyLivesExactlyItsTtl_andNamesNoEventId() {
        RedisReplayGuard guard = guard(redis.connect());
        guard.markIfNew("standard:msg_secret-looking-id", Duration.ofSeconds(90));
        List<String> keys = admin.sync().keys(prefix + ":*:replay");
        assertThat(keys).isNotEmpty().noneMatch(k -> k.contains("msg_secret-looking-id"));
        assertThat(keys).allMatch(k -> k.matches(prefix + ":\\{[A-Za-z0-9_-]{22}\\}:replay"));
        String key = keys.stream().filter(k -> admin.sync().pttl(k) > 60_000).findFirst().orElseThrow();
        assertThat(admin.sync().pttl(key)).isBetween(60_001L, 90_000L);
    }

    @Test
    void twoInstancesRacing_exactlyOneAccepts() throws Exception {
        RedisReplayGuard a = guard(redis.connect());
        RedisReplayGuard b = guard(redis.connect());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "standard:race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    RedisReplayGuard g = i % 2 == 0 ? a : b;
                    Callable<Boolean> task = () -> {
                        start.await();
                        return g.markIfNew(id, Duration.ofMinutes(1));
                    };
                    results.add(pool.submit(task));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> f : results) {
                    accepted += f.get() ? 1 : 0;
                }
                assertThat(accepted).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInput_isTyped() {
        RedisReplayGuard guard = guard(redis.connect());
        assertThatThrownBy(() -> guard.markIfNew("", Duration.ofMinutes(1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> guard.markIfNew("k", Duration.ZERO)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void redisDown_failsClosed_andRecoversWithoutARestart() {
        try (RedisTestServer own = RedisTestServer.privateProcess()) {
            RedisReplayGuard guard = RedisReplayGuard.create(
                    RedisBackend.builder(own.connect()).commandTimeout(Duration.ofMillis(300)).build());
            assertThat(guard.markIfNew("stripe:evt_before", Duration.ofMinutes(5))).isTrue();

            own.stop();
            assertThatThrownBy(() -> guard.markIfNew("stripe:evt_during", Duration.ofMinutes(5)))
                    .isInstanceOfSatisfying(StoreUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(CoreReason.STORE_UNAVAILABLE))
                    .hasMessageNotContaining("evt_during");

            own.start();
            boolean recovered = false;
            for (int i = 0; i < 100 && !recovered; i++) {
                try {
                    recovered = guard.markIfNew("stripe:evt_after", Duration.ofMinutes(5));
                } catch (StoreUnavailableException stillReconnecting) {
                    // Lettuce reconnects in the background; each attempt waits at most the command timeout
                }
            }
            assertThat(recovered).isTrue();
        }
    }
}
