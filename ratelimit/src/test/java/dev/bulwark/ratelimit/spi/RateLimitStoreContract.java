package dev.bulwark.ratelimit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.RateLimitReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RateLimitStore} must have, whatever its clock: the bandwidths here refill so
 * slowly (one token per day) that the time the store reads does not matter. A backend's test extends this
 * class and provides a fresh store per test (the in-memory store here; Redis in {@code bulwark-redis}; the
 * testkit is meant to publish the same cases as {@code RateLimitStoreContract}).
 */
public abstract class RateLimitStoreContract {

    /** @return a fresh, empty store */
    protected abstract RateLimitStore newStore();

    private final BucketSpec spec = BucketSpec.of(List.of(
            Bandwidth.capacity(5).refillGreedy(1, Duration.ofDays(1)).withId("small"),
            Bandwidth.capacity(100).refillGreedy(1, Duration.ofDays(1)).withId("large")));

    private static String key() {
        return "contract-" + UUID.randomUUID();
    }

    @Test
    void absentKey_isFull() {
        RateLimitStore store = newStore();
        assertThat(store.available(key(), spec)).isEqualTo(5);
    }

    @Test
    void tryAcquire_consumesUntilEmpty_thenRefusesWithoutConsuming() {
        RateLimitStore store = newStore();
        String k = key();
        assertThat(store.tryAcquire(k, spec, 3).remaining()).isEqualTo(2);
        RateDecision refused = store.tryAcquire(k, spec, 3);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).isEqualTo(RateLimitReason.OVER_LIMIT);
        assertThat(refused.limit().id()).isEqualTo("small");
        assertThat(refused.retryAfterNanos()).isPositive();
        assertThat(store.tryAcquire(k, spec, 2).allowed()).isTrue();
        assertThat(store.available(k, spec)).isZero();
    }

    @Test
    void tryAcquire_costAboveCapacity_never() {
        RateLimitStore store = newStore();
        RateDecision d = store.tryAcquire(key(), spec, 6);
        assertThat(d.canEverSucceed()).isFalse();
        assertThat(d.reason()).isEqualTo(RateLimitReason.COST_EXCEEDS_CAPACITY);
    }

    @Test
    void keys_areIndependent() {
        RateLimitStore store = newStore();
        String a = key();
        store.tryAcquire(a, spec, 5);
        assertThat(store.tryAcquire(key(), spec, 5).allowed()).isTrue();
        assertThat(store.tryAcquire(a, spec, 1).allowed()).isFalse();
    }

    @Test
    void adjust_refundsUpToCapacity_chargesIntoDebt() {
        RateLimitStore store = newStore();
        String k = key();
        store.tryAcquire(k, spec, 4);
        assertThat(store.adjust(k, spec, 2)).isEqualTo(3);
        assertThat(store.adjust(k, spec, 100)).isEqualTo(5);
        assertThat(store.adjust(k, spec, -8)).isZero();
        assertThat(store.tryAcquire(k, spec, 1).allowed()).isFalse();
    }

    @Test
    void concurrentAcquires_neverOverAdmit() throws Exception {
        RateLimitStore store = newStore();
        String k = key();
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong admitted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    if (store.tryAcquire(k, spec, 1).allowed()) {
                        admitted.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(admitted.get()).isEqualTo(5);
    }
}
