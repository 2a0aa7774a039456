package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Threads hammering one bucket or one key (no sleeps, fixed or shared stepping time): no over-admission. */
class ConcurrencyTest {

    private static final int THREADS = 4;

    private static long runThreads(int perThread, java.util.function.LongSupplier attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong admitted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        admitted.addAndGet(attempt.getAsLong());
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
        return admitted.get();
    }

    @RepeatedTest(5)
    void tokenBucket_fixedTime_admitsExactlyCapacity() throws Exception {
        AtomicLong now = new AtomicLong(42);
        TokenBucket b = TokenBucket.builder().timeSource(now::get)
                .addLimit(Bandwidth.capacity(1_000).refillGreedy(1, Duration.ofSeconds(1)))
                .addLimit(Bandwidth.capacity(5_000).refillGreedy(1, Duration.ofSeconds(1))).build();
        long admitted = runThreads(20_000, () -> b.tryAcquire(1).allowed() ? 1 : 0);
        assertThat(admitted).isEqualTo(1_000);
        assertThat(b.availableTokens()).isZero();
    }

    @Test
    void tokenBucket_steppingTime_neverExceedsConservationBound() throws Exception {
        AtomicLong now = new AtomicLong();
        TokenBucket b = TokenBucket.builder().timeSource(() -> now.addAndGet(1_000))
                .addLimit(Bandwidth.capacity(50).refillGreedy(3, Duration.ofMillis(1))).build();
        long admitted = runThreads(20_000, () -> b.tryAcquire(2).allowed() ? 2 : 0);
        long elapsedNanos = now.get();
        assertThat(admitted).isLessThanOrEqualTo(50 + 3 * elapsedNanos / 1_000_000L).isGreaterThan(50);
    }

    @RepeatedTest(3)
    void keyedLimiter_hotKeyUnderEvictionChurn_admitsExactlyCapacity() throws Exception {
        AtomicLong now = new AtomicLong();
        KeyedRateLimiter limiter = KeyedRateLimiter.builder().timeSource(now::get).maxKeys(8)
                .addLimit(Bandwidth.capacity(500).refillGreedy(1, Duration.ofDays(1))).build();
        AtomicLong counter = new AtomicLong();
        // the hot key is known before the churn starts (a full table refuses only new keys)
        assertThat(limiter.tryAcquire("hot", 1).allowed()).isTrue();
        long admitted = 1 + runThreads(10_000, () -> {
            long n = counter.incrementAndGet();
            if (n % 3 == 0) {
                // churn: one-off keys that fill the table and get swept once full again
                limiter.tryAcquire("cold-" + n, 1);
                return 0;
            }
            return limiter.tryAcquire("hot", 1).allowed() ? 1 : 0;
        });
        assertThat(admitted).isEqualTo(500);
        assertThat(limiter.size()).isLessThanOrEqualTo(8);
    }

    @RepeatedTest(3)
    void costBudget_concurrentReservations_neverOverspend() throws Exception {
        AtomicLong now = new AtomicLong();
        CostBudget budget = CostBudget.builder().timeSource(now::get)
                .perTenant(Bandwidth.capacity(10_000).refillGreedy(1, Duration.ofDays(1)))
                .central(Bandwidth.capacity(15_000).refillGreedy(1, Duration.ofDays(1))).build();
        AtomicLong counter = new AtomicLong();
        long spent = runThreads(5_000, () -> {
            long n = counter.incrementAndGet();
            String tenant = n % 2 == 0 ? "a" : "b";
            CostBudget.Reservation r = budget.reserve(tenant, 7);
            if (!r.granted()) {
                return 0;
            }
            if (n % 5 == 0) {
                r.release();
                return 0;
            }
            r.commit(3);
            return 3;
        });
        assertThat(spent).isLessThanOrEqualTo(15_000);
        assertThat(budget.available("a") + spent).isLessThanOrEqualTo(15_000);
    }

    @Test
    void penaltyBox_concurrentViolations_blockExactlyOnceAndCountEveryViolation() throws Exception {
        dev.bulwark.core.testing.TestClock clock = new dev.bulwark.core.testing.TestClock();
        dev.bulwark.core.InMemoryAuditSink sink = new dev.bulwark.core.InMemoryAuditSink();
        PenaltyBox box = PenaltyBox.builder().clock(clock).audit(sink).thresholds(100, 200, 1_000).build();
        long blockedAnswers = runThreads(1_000, () -> box.recordViolation("k").blocked() ? 1 : 0);
        // 4,000 violations: the 1,000th blocks; the 3,000 after it are not counted
        assertThat(blockedAnswers).isEqualTo(3_001);
        // each transition audited exactly once (threads may deliver them to the sink in any order)
        assertThat(sink.withAction("penalty_state_change")).extracting(e -> e.attributes().get("to"))
                .containsExactlyInAnyOrder("WARN", "RESTRICT", "BLOCKED");
        assertThat(box.status("k").strikes()).isEqualTo(1);
    }

    @RepeatedTest(3)
    void keyedLimiter_hotKeyWhileColdKeysAreEvicted_staysWithinConservationBound() throws Exception {
        AtomicLong now = new AtomicLong();
        KeyedRateLimiter limiter = KeyedRateLimiter.builder().timeSource(() -> now.addAndGet(1_000)).maxKeys(8)
                .addLimit(Bandwidth.capacity(50).refillGreedy(1, Duration.ofMillis(1))).build();
        assertThat(limiter.tryAcquire("hot", 1).allowed()).isTrue();
        AtomicLong counter = new AtomicLong();
        AtomicLong coldAdmitted = new AtomicLong();
        long hot = 1 + runThreads(10_000, () -> {
            long n = counter.incrementAndGet();
            if (n % 3 == 0) {
                if (limiter.tryAcquire("cold-" + n, 1).allowed()) {
                    coldAdmitted.incrementAndGet();
                }
                return 0;
            }
            return limiter.tryAcquire("hot", 1).allowed() ? 1 : 0;
        });
        long elapsedMs = now.get() / 1_000_000L;
        assertThat(hot).isLessThanOrEqualTo(50 + elapsedMs);
        // far more distinct cold keys were admitted than the table holds: full buckets were evicted
        assertThat(coldAdmitted.get()).isGreaterThan(100);
        assertThat(limiter.size()).isLessThanOrEqualTo(8);
    }
}
