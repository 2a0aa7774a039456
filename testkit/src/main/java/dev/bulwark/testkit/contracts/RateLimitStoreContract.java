package dev.bulwark.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.RateLimitReason;
import dev.bulwark.ratelimit.spi.BucketSpec;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RateLimitStore} must have, with a bandwidth slow enough (one token per hour) that
 * the store's own clock cannot refill during a test.
 */
public abstract class RateLimitStoreContract {

    /** The bandwidths the suite uses: 5 tokens, one more per hour. */
    protected static final BucketSpec SPEC =
            BucketSpec.of(List.of(Bandwidth.capacity(5).refillGreedy(1, Duration.ofHours(1))));

    /** {@return the store under test, serving {@link #SPEC}} */
    protected abstract RateLimitStore store();

    private static String key() {
        return "k-" + RandomTokens.hex(16);
    }

    @Test
    void aNewKeyIsAFullBucket_consumedUntilEmpty_thenDeniedWithRetryAfter() {
        String key = key();
        assertThat(store().available(key, SPEC)).isEqualTo(5);
        for (int left = 4; left >= 0; left--) {
            RateDecision d = store().tryAcquire(key, SPEC, 1);
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(left);
        }
        RateDecision denied = store().tryAcquire(key, SPEC, 1);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo(RateLimitReason.OVER_LIMIT);
        assertThat(denied.retryAfterNanos()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toNanos());
    }

    @Test
    void aRefusedRequestConsumesNothing_andCostAboveCapacityCanNeverSucceed() {
        String key = key();
        assertThat(store().tryAcquire(key, SPEC, 4).allowed()).isTrue();
        assertThat(store().tryAcquire(key, SPEC, 2).allowed()).isFalse();
        assertThat(store().tryAcquire(key, SPEC, 1).allowed()).isTrue();
        RateDecision never = store().tryAcquire(key(), SPEC, 6);
        assertThat(never.allowed()).isFalse();
        assertThat(never.reason()).isEqualTo(RateLimitReason.COST_EXCEEDS_CAPACITY);
        assertThat(never.canEverSucceed()).isFalse();
    }

    @Test
    void keysAreIndependent() {
        String a = key();
        String b = key();
        store().tryAcquire(a, SPEC, 5);
        assertThat(store().tryAcquire(a, SPEC, 1).allowed()).isFalse();
        assertThat(store().tryAcquire(b, SPEC, 1).allowed()).isTrue();
    }

    @Test
    void adjust_refundsAndCharges() {
        String key = key();
        store().tryAcquire(key, SPEC, 3);
        assertThat(store().adjust(key, SPEC, 2)).isEqualTo(4);
        assertThat(store().adjust(key, SPEC, -4)).isZero();
        assertThat(store().tryAcquire(key, SPEC, 1).allowed()).isFalse();
    }

    @Test
    void concurrentCallers_neverOverAdmit() throws Exception {
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int allowed = 0;
                    for (int i = 0; i < 10; i++) {
                        allowed += store().tryAcquire(key, SPEC, 1).allowed() ? 1 : 0;
                    }
                    return allowed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertThat(total).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
