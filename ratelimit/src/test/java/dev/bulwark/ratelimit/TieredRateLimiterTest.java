package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TieredRateLimiterTest {

    private final TestClock clock = new TestClock();
    private final Bandwidth softBw = Bandwidth.capacity(2).refillGreedy(2, Duration.ofMinutes(1)).withId("soft");
    private final Bandwidth hardBw = Bandwidth.capacity(4).refillGreedy(4, Duration.ofMinutes(1)).withId("hard");

    private KeyedRateLimiter keyed(Bandwidth bw) {
        return KeyedRateLimiter.builder().timeSource(clock::nanoTime).addLimit(bw).build();
    }

    @Test
    void tryAcquire_softThenHard_throttlesThenRefuses() {
        TieredRateLimiter l = TieredRateLimiter.builder().soft(keyed(softBw)).hard(keyed(hardBw)).build();
        RateDecision first = l.tryAcquire("u");
        assertThat(first.allowed()).isTrue();
        assertThat(first.throttled()).isFalse();
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(first.limit()).isEqualTo(softBw);
        l.tryAcquire("u");
        RateDecision third = l.tryAcquire("u");
        assertThat(third.allowed()).isTrue();
        assertThat(third.throttled()).isTrue();
        assertThat(third.reason()).isEqualTo(RateLimitReason.SOFT_LIMIT);
        assertThat(third.limit()).isEqualTo(softBw);
        assertThat(third.retryAfterNanos()).isEqualTo(Duration.ofSeconds(30).toNanos());
        assertThat(l.tryAcquire("u").throttled()).isTrue();
        RateDecision fifth = l.tryAcquire("u");
        assertThat(fifth.allowed()).isFalse();
        assertThat(fifth.throttled()).isFalse();
        assertThat(fifth.reason()).isEqualTo(RateLimitReason.OVER_LIMIT);
        assertThat(fifth.limit()).isEqualTo(hardBw);
        assertThat(fifth.retryAfterHeader()).contains("15");
    }

    @Test
    void tryAcquire_hardRefusal_doesNotChargeSoft() {
        KeyedRateLimiter soft = keyed(softBw);
        TieredRateLimiter l = TieredRateLimiter.builder().soft(soft).hard(keyed(hardBw)).build();
        for (int i = 0; i < 6; i++) {
            l.tryAcquire("u");
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(soft.availableTokens("u")).isEqualTo(1);
    }

    @Test
    void build_noLayer_configurationException() {
        assertThatThrownBy(() -> TieredRateLimiter.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("a tiered limiter needs a soft or a hard layer");
    }

    @Test
    void tryAcquire_softOnly_neverRefuses() {
        TieredRateLimiter l = TieredRateLimiter.builder().soft(keyed(softBw)).build();
        for (int i = 0; i < 10; i++) {
            assertThat(l.tryAcquire("u").allowed()).isTrue();
        }
        assertThat(l.tryAcquire("u").throttled()).isTrue();
    }
}
