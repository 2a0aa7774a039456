package dev.bulwark.benchmarks;

import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.KeyedRateLimiter;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.TokenBucket;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jol.info.GraphLayout;

/**
 * Token-bucket {@code tryAcquire}: Bulwark's lock-free {@code TokenBucket} against Bucket4j 8.19's local
 * lock-free bucket (the same greedy-refill semantics, checked by a differential test; in its default
 * millisecond precision, and in {@code bucket4jNanos_*} with {@code System.nanoTime()} like ours), Resilience4j's
 * {@code AtomicRateLimiter} (a fixed-cycle limiter: comparable cost, different semantics) and Guava's
 * {@code RateLimiter.tryAcquire} (SmoothBursty, synchronized). The limits are large enough that requests are
 * admitted (the common, hot path). {@code Contended} variants run 2 threads on one bucket. {@code keyed}
 * variants spread requests over {@code keys} keys: Bulwark's bounded {@code KeyedRateLimiter} against the
 * usual idiom of each peer, a {@code ConcurrentHashMap<String, limiter>} with {@code computeIfAbsent}
 * (unbounded: nothing is ever evicted).
 *
 * <p>{@link #main(String[])} prints the heap per idle key of both keyed set-ups, measured with JOL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RateLimitBenchmark {

    private static final long RATE = 1_000_000_000L;

    @Param({"100000"})
    public int keys;

    private TokenBucket bulwark;
    private Bucket bucket4j;
    private Bucket bucket4jNanos;
    private AtomicRateLimiter resilience4j;
    private com.google.common.util.concurrent.RateLimiter guava;
    private KeyedRateLimiter bulwarkKeyed;
    private ConcurrentHashMap<String, Bucket> bucket4jKeyed;
    private ConcurrentHashMap<String, com.google.common.util.concurrent.RateLimiter> guavaKeyed;
    private ConcurrentHashMap<String, AtomicRateLimiter> resilience4jKeyed;
    private RateLimiterConfig resilience4jConfig;
    private String[] keyNames;

    @Setup
    public void setUp() {
        bulwark = TokenBucket.builder().timeSource(TimeSource.system())
                .addLimit(Bandwidth.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1))).build();
        bucket4j = Bucket.builder().addLimit(l -> l.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1))).build();
        bucket4jNanos = Bucket.builder().withNanosecondPrecision()
                .addLimit(l -> l.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1))).build();
        resilience4jConfig = RateLimiterConfig.custom().limitForPeriod(Integer.MAX_VALUE)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build();
        resilience4j = new AtomicRateLimiter("bench", resilience4jConfig);
        guavaKeyed = new ConcurrentHashMap<>();
        resilience4jKeyed = new ConcurrentHashMap<>();
        guava = com.google.common.util.concurrent.RateLimiter.create(RATE);
        bulwarkKeyed = KeyedRateLimiter.builder().timeSource(TimeSource.system()).maxKeys(keys * 2)
                .addLimit(Bandwidth.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1))).build();
        bucket4jKeyed = new ConcurrentHashMap<>();
        keyNames = new String[keys];
        for (int i = 0; i < keys; i++) {
            keyNames[i] = "user-" + i;
        }
    }

    /** Per-thread cursor over the keys. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        String key(String[] keys) {
            int i = next;
            next = i + 1 == keys.length ? 0 : i + 1;
            return keys[i];
        }
    }

    @Benchmark
    public boolean bulwark_tryAcquire() {
        return bulwark.tryAcquire(1).allowed();
    }

    @Benchmark
    public boolean bucket4j_tryAcquire() {
        return bucket4j.tryConsumeAndReturnRemaining(1).isConsumed();
    }

    /**
     * Bucket4j with {@code System.nanoTime()}, the time source Bulwark's bucket uses here. Bucket4j's default
     * ({@link #bucket4j_tryAcquire}) reads {@code System.currentTimeMillis()}, so within one millisecond it
     * skips the refill; the target is set against that default, this variant shows the like-for-like clock.
     */
    @Benchmark
    public boolean bucket4jNanos_tryAcquire() {
        return bucket4jNanos.tryConsumeAndReturnRemaining(1).isConsumed();
    }

    @Benchmark
    @Threads(2)
    public boolean bucket4jNanos_tryAcquireContended() {
        return bucket4jNanos.tryConsumeAndReturnRemaining(1).isConsumed();
    }

    @Benchmark
    public boolean bucket4j_tryConsume() {
        return bucket4j.tryConsume(1);
    }

    @Benchmark
    public boolean resilience4j_tryAcquire() {
        return resilience4j.acquirePermission(1);
    }

    @Benchmark
    public boolean guava_tryAcquire() {
        return guava.tryAcquire();
    }

    @Benchmark
    @Threads(2)
    public boolean bulwark_tryAcquireContended() {
        return bulwark.tryAcquire(1).allowed();
    }

    @Benchmark
    @Threads(2)
    public boolean bucket4j_tryAcquireContended() {
        return bucket4j.tryConsumeAndReturnRemaining(1).isConsumed();
    }

    @Benchmark
    @Threads(2)
    public boolean resilience4j_tryAcquireContended() {
        return resilience4j.acquirePermission(1);
    }

    @Benchmark
    @Threads(2)
    public boolean guava_tryAcquireContended() {
        return guava.tryAcquire();
    }

    @Benchmark
    public boolean bulwark_keyed(Cursor c) {
        return bulwarkKeyed.tryAcquire(c.key(keyNames), 1).allowed();
    }

    @Benchmark
    public boolean bucket4j_keyed(Cursor c) {
        return bucket4jKeyed.computeIfAbsent(c.key(keyNames), k -> Bucket.builder()
                .addLimit(l -> l.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1))).build())
                .tryConsumeAndReturnRemaining(1).isConsumed();
    }

    @Benchmark
    public boolean guava_keyed(Cursor c) {
        return guavaKeyed.computeIfAbsent(c.key(keyNames), k -> com.google.common.util.concurrent.RateLimiter.create(RATE))
                .tryAcquire();
    }

    @Benchmark
    public boolean resilience4j_keyed(Cursor c) {
        return resilience4jKeyed.computeIfAbsent(c.key(keyNames), k -> new AtomicRateLimiter(k, resilience4jConfig))
                .acquirePermission(1);
    }

    @Benchmark
    @Threads(2)
    public boolean bulwark_keyedContended(Cursor c) {
        return bulwarkKeyed.tryAcquire(c.key(keyNames), 1).allowed();
    }

    @Benchmark
    @Threads(2)
    public boolean bucket4j_keyedContended(Cursor c) {
        return bucket4jKeyed.computeIfAbsent(c.key(keyNames), k -> Bucket.builder()
                .addLimit(l -> l.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1))).build())
                .tryConsumeAndReturnRemaining(1).isConsumed();
    }

    /**
     * Prints the retained heap per idle key (JOL) of Bulwark's keyed limiter and of the Bucket4j
     * map-of-buckets idiom, for {@code n} keys of the form {@code user-N} (args[0], default 100,000), with the
     * key strings counted (they are held by the map).
     *
     * @param args optional number of keys
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        KeyedRateLimiter ours = KeyedRateLimiter.builder().timeSource(TimeSource.system()).maxKeys(n)
                .addLimit(Bandwidth.capacity(100).refillGreedy(10, Duration.ofSeconds(1))).build();
        ConcurrentHashMap<String, Bucket> theirs = new ConcurrentHashMap<>();
        long emptyOurs = GraphLayout.parseInstance(ours).totalSize();
        long emptyTheirs = GraphLayout.parseInstance(theirs).totalSize();
        for (int i = 0; i < n; i++) {
            String k = "user-" + i;
            ours.tryAcquire(k, 1);
            theirs.computeIfAbsent(k, x -> Bucket.builder()
                    .addLimit(l -> l.capacity(100).refillGreedy(10, Duration.ofSeconds(1))).build()).tryConsume(1);
        }
        long ourBytes = GraphLayout.parseInstance(ours).totalSize() - emptyOurs;
        long theirBytes = GraphLayout.parseInstance(theirs).totalSize() - emptyTheirs;
        org.slf4j.LoggerFactory.getLogger(RateLimitBenchmark.class).info(
                "keys={} bulwark_keyed bytes/key={} bucket4j_map bytes/key={}", n,
                String.format("%.1f", (double) ourBytes / n), String.format("%.1f", (double) theirBytes / n));
    }
}
