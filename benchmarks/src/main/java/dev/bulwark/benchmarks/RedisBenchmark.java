package dev.bulwark.benchmarks;

import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.spi.BucketSpec;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.RedisRateLimitStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A distributed rate-limit decision over loopback Redis: Bulwark's {@code RedisRateLimitStore} (one
 * {@code EVALSHA} per decision, server time) against Bucket4j's Lettuce compare-and-swap proxy manager (the
 * peer), same server, same bandwidth, same keys, in the same run.
 *
 * <p>Redis at {@code BULWARK_REDIS_URL} (default {@code redis://127.0.0.1:6379}). The keys rotate over
 * {@code keys} buckets with a capacity large enough that every request is allowed: both sides do a full
 * read-refill-consume-write each time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedisBenchmark {

    @Param({"16"})
    public int keys;

    private RedisClient client;
    private StatefulRedisConnection<String, String> ours;
    private StatefulRedisConnection<String, byte[]> theirs;
    private RedisRateLimitStore store;
    private BucketSpec spec;
    private BucketProxy[] buckets;
    private String[] names;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        client = RedisClient.create(System.getenv().getOrDefault("BULWARK_REDIS_URL", "redis://127.0.0.1:6379"));
        ours = client.connect();
        theirs = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        spec = BucketSpec.of(List.of(Bandwidth.capacity(1_000_000_000L).refillGreedy(1_000_000, Duration.ofSeconds(1))));
        store = RedisRateLimitStore.builder(RedisBackend.builder(ours).keyPrefix("bench").commandTimeout(Duration.ofSeconds(5))
                .build()).name("bench").build();
        LettuceBasedProxyManager<String> proxyManager = Bucket4jLettuce.casBasedBuilder(theirs)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1_000_000_000L).refillGreedy(1_000_000, Duration.ofSeconds(1)))
                .build();
        buckets = new BucketProxy[keys];
        names = new String[keys];
        for (int i = 0; i < keys; i++) {
            names[i] = "bench-user-" + i;
            buckets[i] = proxyManager.builder().build("bucket4j-bench-user-" + i, () -> configuration);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ours.close();
        theirs.close();
        client.shutdown();
    }

    @Benchmark
    public boolean bulwark_tryAcquire() {
        int i = next++ & (keys - 1);
        return store.tryAcquire(names[i], spec, 1).allowed();
    }

    @Benchmark
    public boolean bucket4j_tryAcquire() {
        int i = next++ & (keys - 1);
        return buckets[i].tryConsume(1);
    }
}
