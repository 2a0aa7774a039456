package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * A wall clock ({@link TimeSource#of(java.time.Clock)}) may step back. The bucket then refills nothing until the
 * clock is past the last update again, so the waits it reports (retry-after, reset) must count from the
 * current reading, not from the last update: otherwise a client told to retry after {@code d} is refused again.
 */
class ClockStepBackTest {

    private final AtomicLong now = new AtomicLong(Duration.ofSeconds(100).toNanos());

    private TokenBucket bucket(Bandwidth... bws) {
        TokenBucket.Builder b = TokenBucket.builder().timeSource(now::get);
        for (Bandwidth bw : bws) {
            b.addLimit(bw);
        }
        return b.build();
    }

    @Test
    void refusalAfterAStepBack_retryAfterCountsFromNow() {
        TokenBucket b = bucket(Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(1)));
        assertThat(b.tryAcquire(10).allowed()).isTrue();
        now.addAndGet(-Duration.ofSeconds(5).toNanos());
        RateDecision denied = b.tryAcquire(1);
        assertThat(denied.allowed()).isFalse();
        // 5 s until the clock is back where the bucket was emptied, then 100 ms for one token
        assertThat(denied.retryAfterNanos()).isEqualTo(Duration.ofMillis(5_100).toNanos());
        assertThat(denied.resetNanos()).isEqualTo(Duration.ofSeconds(6).toNanos());
        now.addAndGet(denied.retryAfterNanos() - 1);
        assertThat(b.tryAcquire(1).allowed()).isFalse();
        now.addAndGet(1);
        assertThat(b.tryAcquire(1).allowed()).isTrue();
    }

    @Test
    void allowedAfterAStepBack_resetCountsFromNow() {
        TokenBucket b = bucket(Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(1)));
        assertThat(b.tryAcquire(5).allowed()).isTrue();
        now.addAndGet(-Duration.ofSeconds(5).toNanos());
        RateDecision ok = b.tryAcquire(1);
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.remaining()).isEqualTo(4);
        assertThat(ok.resetNanos()).isEqualTo(Duration.ofMillis(5_600).toNanos());
    }

    @Test
    void multiBandwidth_refusalAfterAStepBack_retryAfterCountsFromNow() {
        TokenBucket b = bucket(Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(1)),
                Bandwidth.capacity(100).refillGreedy(100, Duration.ofMinutes(1)));
        assertThat(b.tryAcquire(10).allowed()).isTrue();
        now.addAndGet(-Duration.ofSeconds(2).toNanos());
        RateDecision denied = b.tryAcquire(1);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfterNanos()).isEqualTo(Duration.ofMillis(2_100).toNanos());
        now.addAndGet(denied.retryAfterNanos() - 1);
        assertThat(b.tryAcquire(1).allowed()).isFalse();
        now.addAndGet(1);
        assertThat(b.tryAcquire(1).allowed()).isTrue();
    }

    /** The rule "retry-after is never earlier than the true time", with the clock stepping back. */
    @Property(tries = 500)
    void retryAfter_isExact_evenAfterAStepBack(@ForAll @IntRange(min = 1, max = 50) int capacity,
            @ForAll @IntRange(min = 1, max = 50) int refill, @ForAll @LongRange(min = 1, max = 5_000) long periodMs,
            @ForAll @LongRange(min = 0, max = 10_000) long backMs, @ForAll @IntRange(min = 1, max = 50) int cost,
            @ForAll boolean twoBandwidths) {
        TokenBucket b = twoBandwidths
                ? bucket(Bandwidth.capacity(capacity).refillGreedy(refill, Duration.ofMillis(periodMs)),
                        Bandwidth.capacity(capacity * 3L).refillGreedy(refill, Duration.ofMillis(periodMs * 2)))
                : bucket(Bandwidth.capacity(capacity).refillGreedy(refill, Duration.ofMillis(periodMs)));
        b.tryAcquire(capacity);
        now.addAndGet(-Duration.ofMillis(backMs).toNanos());
        RateDecision d = b.tryAcquire(cost);
        if (d.allowed() || !d.canEverSucceed()) {
            return;
        }
        long start = now.get();
        now.set(start + d.retryAfterNanos() - 1);
        assertThat(b.probe(cost).allowed()).as("allowed before retry-after").isFalse();
        now.set(start + d.retryAfterNanos());
        assertThat(b.tryAcquire(cost).allowed()).as("refused at retry-after").isTrue();
    }
}
