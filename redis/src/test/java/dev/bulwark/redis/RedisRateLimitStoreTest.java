package dev.bulwark.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.KeyedRateLimiter;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.RateLimitException;
import dev.bulwark.ratelimit.RateLimitReason;
import dev.bulwark.ratelimit.spi.BucketSpec;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisRateLimitStoreTest {

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

    private static RedisBackend backend(StatefulRedisConnection<String, String> c) {
        return RedisBackend.builder(c).keyPrefix(prefix).commandTimeout(Duration.ofSeconds(2)).build();
    }

    private static BucketSpec spec(Bandwidth... bandwidths) {
        return BucketSpec.of(List.of(bandwidths));
    }

    @Test
    void sameDecisionsAsTheJavaArithmetic_overRandomTraffic() {
        sameDecisionsAsTheJavaArithmetic(20261123, false);
    }

    /** A wall clock may step back: the script's waits count from now, as the JVM's do (retry-after exact). */
    @Test
    void sameDecisionsAsTheJavaArithmetic_whenTheClockStepsBack() {
        sameDecisionsAsTheJavaArithmetic(20261124, true);
    }

    private static void sameDecisionsAsTheJavaArithmetic(long seed, boolean stepsBack) {
        Random random = new Random(seed);
        for (int run = 0; run < 40; run++) {
            BucketSpec spec = spec(
                    Bandwidth.capacity(1 + random.nextInt(20)).refillGreedy(1 + random.nextInt(7),
                            Duration.ofMillis(1 + random.nextInt(5000))),
                    Bandwidth.capacity(5 + random.nextInt(200)).refillGreedy(1 + random.nextInt(50),
                            Duration.ofSeconds(1 + random.nextInt(600))));
            AtomicLong nowNanos = new AtomicLong(1_700_000_000_000_000_000L + random.nextInt(1000) * 1000L);
            RedisRateLimitStore store = RedisRateLimitStore.builder(backend(admin)).name("diff" + seed + "-" + run)
                    .timeSource(nowNanos::get).build();
            long[] state = null; // as in Redis: no state until a request is allowed, then a full bucket "now"
            for (int i = 0; i < 60; i++) {
                // whole microseconds; with stepsBack, one step in four goes back up to 3 s
                nowNanos.addAndGet(stepsBack && random.nextInt(4) == 0 ? -random.nextInt(3_000_000) * 1000L
                        : random.nextInt(400) * 1000L);
                long cost = 1 + random.nextInt(4);
                long[] next = new long[spec.size() + 1];
                long[] current = state != null ? state : spec.fullState(nowNanos.get());
                RateDecision expected = spec.tryAcquire(current, nowNanos.get(), cost, next);
                if (expected.allowed()) {
                    state = next;
                }
                RateDecision actual = store.tryAcquire("user-42", spec, cost);
                String where = "run " + run + " request " + i;
                assertThat(actual.allowed()).as(where).isEqualTo(expected.allowed());
                assertThat(actual.remaining()).as(where).isEqualTo(expected.remaining());
                assertThat(actual.reason()).as(where).isEqualTo(expected.reason());
                assertThat(actual.limit()).as(where).isEqualTo(expected.limit());
                assertThat(actual.retryAfterNanos()).as(where).isEqualTo(expected.retryAfterNanos() <= 0
                        ? expected.retryAfterNanos() : ceilMicros(expected.retryAfterNanos()));
                assertThat(actual.resetNanos()).as(where).isEqualTo(ceilMicros(expected.resetNanos()));
                assertThat(actual.limitResetNanos()).as(where).isEqualTo(ceilMicros(expected.limitResetNanos()));
            }
        }
    }

    private static long ceilMicros(long nanos) {
        return (nanos + 999) / 1000 * 1000;
    }

    @Test
    void serverTime_allowsTheCapacityThenDeniesWithRetryAfter() {
        BucketSpec spec = spec(Bandwidth.capacity(3).refillGreedy(1, Duration.ofMinutes(1)));
        RedisRateLimitStore store = RedisRateLimitStore.builder(backend(admin)).name("server-time").build();
        for (int i = 2; i >= 0; i--) {
            RateDecision d = store.tryAcquire("ip-203.0.113.9", spec, 1);
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(i);
        }
        RateDecision denied = store.tryAcquire("ip-203.0.113.9", spec, 1);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo(RateLimitReason.OVER_LIMIT);
        assertThat(denied.retryAfterNanos()).isBetween(1L, Duration.ofMinutes(1).toNanos());
        assertThat(store.tryAcquire("ip-203.0.113.9", spec, 4).reason())
                .isEqualTo(RateLimitReason.COST_EXCEEDS_CAPACITY);
        assertThat(store.tryAcquire("another-key", spec, 1).allowed()).isTrue();
        assertThat(store.available("another-key", spec)).isEqualTo(2);
        assertThat(store.adjust("another-key", spec, 1)).isEqualTo(3);
    }

    @Test
    void keysAreHashTaggedDigests_thatExpireWhenTheBucketIsFullAgain() {
        BucketSpec spec = spec(Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(20)));
        RedisRateLimitStore store = RedisRateLimitStore.builder(backend(admin)).name("ttl").build();
        store.tryAcquire("alice@example.com", spec, 5);
        List<String> keys = admin.sync().keys(prefix + ":*:rl:ttl");
        assertThat(keys).hasSize(1).noneMatch(k -> k.contains("alice"));
        assertThat(keys.get(0)).matches(prefix + ":\\{[A-Za-z0-9_-]{22}\\}:rl:ttl");
        assertThat(admin.sync().pttl(keys.get(0))).isBetween(9_000L, 10_001L);
    }

    @Test
    void twoInstances_hammeringOneKey_neverAdmitMoreThanTheBucketHolds() throws Exception {
        BucketSpec spec = spec(Bandwidth.capacity(50).refillGreedy(1, Duration.ofHours(1)));
        RedisRateLimitStore a = RedisRateLimitStore.builder(backend(redis.connect())).name("race").build();
        RedisRateLimitStore b = RedisRateLimitStore.builder(backend(redis.connect())).name("race").build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RedisRateLimitStore store = t % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    start.await();
                    int allowed = 0;
                    for (int i = 0; i < 40; i++) {
                        allowed += store.tryAcquire("org-42", spec, 1).allowed() ? 1 : 0;
                    }
                    return allowed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertThat(total).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneRoundTripPerDecision_andNoscriptIsRecovered() {
        try (RedisTestServer own = RedisTestServer.privateProcess()) {
            StatefulRedisConnection<String, String> c = own.connect();
            RedisRateLimitStore store = RedisRateLimitStore.builder(RedisBackend.builder(c).build()).build();
            BucketSpec spec = spec(Bandwidth.capacity(100).refillGreedy(10, Duration.ofSeconds(1)));
            store.tryAcquire("warm-up", spec, 1); // NOSCRIPT on a fresh server: EVALSHA, then EVAL once
            c.sync().configResetstat();
            for (int i = 0; i < 25; i++) {
                store.tryAcquire("k" + (i % 3), spec, 1);
            }
            String stats = c.sync().info("commandstats");
            assertThat(calls(stats, "evalsha")).isEqualTo(25);
            assertThat(calls(stats, "eval")).isZero();

            c.sync().scriptFlush();
            assertThat(store.tryAcquire("after-flush", spec, 1).allowed()).isTrue();
        }
    }

    private static long calls(String commandstats, String command) {
        for (String line : commandstats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void bandwidthsTooLargeForExactLuaArithmetic_areRefused_neverRounded() {
        RedisRateLimitStore store = RedisRateLimitStore.builder(backend(admin)).name("huge").build();
        // 2^40 tokens refilling 1000 per 524287 µs (a prime): 2^40 x 524287 units, exact in Java's 2^60 budget
        // but beyond the 2^52 that Lua doubles hold exactly
        BucketSpec huge = spec(Bandwidth.capacity(1L << 40).refillGreedy(1000, Duration.ofNanos(1000L * 524_287)));
        assertThatThrownBy(() -> store.tryAcquire("k", huge, 1)).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.reason()).isEqualTo(RateLimitReason.INVALID_CONFIGURATION));
        BucketSpec subMicro = spec(Bandwidth.capacity(10).refillGreedy(1, Duration.ofNanos(1500)));
        assertThatThrownBy(() -> store.tryAcquire("k", subMicro, 1)).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> store.tryAcquire("k", spec(Bandwidth.capacity(1).refillGreedy(1,
                Duration.ofSeconds(1))), 0)).isInstanceOf(RateLimitException.class);
    }

    @Test
    void redisDown_isStoreUnavailable_andTheStoreRecovers() {
        try (RedisTestServer own = RedisTestServer.privateProcess()) {
            RedisRateLimitStore store = RedisRateLimitStore.builder(
                    RedisBackend.builder(own.connect()).commandTimeout(Duration.ofMillis(300)).build()).build();
            BucketSpec spec = spec(Bandwidth.capacity(5).refillGreedy(1, Duration.ofSeconds(1)));
            assertThat(store.tryAcquire("k", spec, 1).allowed()).isTrue();
            own.stop();
            assertThatThrownBy(() -> store.tryAcquire("k", spec, 1)).isInstanceOf(StoreUnavailableException.class);

            // the limiter above the store applies its declared fail mode, and the decision says so
            KeyedRateLimiter closed = KeyedRateLimiter.builder().addLimit(spec.bandwidths().get(0)).store(store).build();
            KeyedRateLimiter open = KeyedRateLimiter.builder().addLimit(spec.bandwidths().get(0)).store(store)
                    .failOpen(true).build();
            RateDecision refused = closed.tryAcquire("k", 1);
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.reason()).isEqualTo(RateLimitReason.STORE_UNAVAILABLE);
            RateDecision waved = open.tryAcquire("k", 1);
            assertThat(waved.allowed()).isTrue();
            assertThat(waved.reason()).isEqualTo(RateLimitReason.STORE_UNAVAILABLE);
            own.start();
            RateDecision after = null;
            for (int i = 0; i < 100 && after == null; i++) {
                try {
                    after = store.tryAcquire("k", spec, 1);
                } catch (StoreUnavailableException stillReconnecting) {
                    // Lettuce reconnects in the background
                }
            }
            assertThat(after).isNotNull();
            assertThat(after.allowed()).isTrue();
        }
    }
}
