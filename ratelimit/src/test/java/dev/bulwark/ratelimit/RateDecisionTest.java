package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateDecisionTest {

    private final Bandwidth bw = Bandwidth.capacity(10).refillGreedy(1, Duration.ofSeconds(3)).withId("b");

    @Test
    void retryAfter_roundsUpToWholeMsAndSeconds() {
        RateDecision d = RateDecision.deny(0, 1_000_001, 5, bw, 5, RateLimitReason.OVER_LIMIT);
        assertThat(d.retryAfterMillis()).isEqualTo(2);
        assertThat(d.retryAfterHeader()).contains("1");
        assertThat(d.retryAfter()).contains(Duration.ofNanos(1_000_001));
        RateDecision e = RateDecision.deny(0, 2_000_000_000L, 5, bw, 5, RateLimitReason.OVER_LIMIT);
        assertThat(e.retryAfterHeader()).contains("2");
        assertThat(e.rateLimitHeader()).contains("\"b\";r=0;t=2");
        assertThat(e.rateLimitPolicyHeader()).contains("\"b\";q=10;w=30");
    }

    @Test
    void keyTableFull_hasNoPolicyHeaders_butRetryAfter() {
        RateDecision d = RateDecision.deny(0, 1_500_000_000L, 0, null, 0, RateLimitReason.KEY_TABLE_FULL);
        assertThat(d.rateLimitHeader()).isEmpty();
        assertThat(d.rateLimitPolicyHeader()).isEmpty();
        assertThat(d.retryAfterHeader()).contains("2");
    }

    @Test
    void allowed_hasNoRetryAfter_throttledCopyKeepsValues() {
        RateDecision a = RateDecision.allow(3, 9_000_000_000L, bw, 9_000_000_000L);
        assertThat(a.retryAfterMillis()).isZero();
        assertThat(a.retryAfterHeader()).isEmpty();
        assertThat(a.reset()).isEqualTo(Duration.ofSeconds(9));
        RateDecision t = RateDecision.deny(0, 7, 9, bw, 9, RateLimitReason.OVER_LIMIT).asThrottled();
        assertThat(t.allowed()).isTrue();
        assertThat(t.throttled()).isTrue();
        assertThat(t.reason()).isEqualTo(RateLimitReason.SOFT_LIMIT);
        assertThat(t.retryAfterNanos()).isEqualTo(7);
    }

    @Test
    void timeSourceOfClock_followsTheClock() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        TimeSource ts = TimeSource.of(clock);
        long t0 = ts.nanoTime();
        clock.advance(Duration.ofMillis(1500));
        assertThat(ts.nanoTime() - t0).isEqualTo(1_500_000_000L);
        TokenBucket b = TokenBucket.builder().timeSource(ts).addLimit(bw).build();
        b.tryAcquire(10);
        clock.advance(Duration.ofSeconds(3));
        assertThat(b.availableTokens()).isEqualTo(1);
    }
}
