package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final TestClock clock = new TestClock();

    private TokenBucket bucket(Bandwidth... bws) {
        TokenBucket.Builder b = TokenBucket.builder().timeSource(clock::nanoTime);
        for (Bandwidth bw : bws) {
            b.addLimit(bw);
        }
        return b.build();
    }

    @Test
    void tryAcquire_startsFull_consumesAndRefillsGreedily() {
        TokenBucket b = bucket(Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(1)));
        assertThat(b.tryAcquire(10).remaining()).isZero();
        RateDecision denied = b.tryAcquire(1);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo(RateLimitReason.OVER_LIMIT);
        assertThat(denied.retryAfterNanos()).isEqualTo(100_000_000L);
        assertThat(denied.retryAfterMillis()).isEqualTo(100);
        clock.advance(Duration.ofMillis(99));
        assertThat(b.tryAcquire(1).allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        RateDecision ok = b.tryAcquire(1);
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.remaining()).isZero();
        assertThat(ok.reset()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tryAcquire_refusal_consumesNothing() {
        TokenBucket b = bucket(Bandwidth.capacity(5).refillGreedy(1, Duration.ofSeconds(1)));
        assertThat(b.tryAcquire(4).allowed()).isTrue();
        assertThat(b.tryAcquire(2).allowed()).isFalse();
        assertThat(b.availableTokens()).isEqualTo(1);
        assertThat(b.tryAcquire(1).allowed()).isTrue();
    }

    @Test
    void tryAcquire_costAboveCapacity_neverSucceeds() {
        TokenBucket b = bucket(Bandwidth.capacity(5).refillGreedy(1, Duration.ofSeconds(1)));
        RateDecision d = b.tryAcquire(6);
        assertThat(d.allowed()).isFalse();
        assertThat(d.canEverSucceed()).isFalse();
        assertThat(d.retryAfterNanos()).isEqualTo(RateDecision.NEVER);
        assertThat(d.retryAfterMillis()).isEqualTo(-1);
        assertThat(d.retryAfter()).isEmpty();
        assertThat(d.reason()).isEqualTo(RateLimitReason.COST_EXCEEDS_CAPACITY);
        assertThat(d.retryAfterHeader()).isEmpty();
        assertThat(b.availableTokens()).isEqualTo(5);
    }

    @Test
    void tryAcquire_burstAndSustained_consumesFromBoth_decidingLimitNamed() {
        Bandwidth burst = Bandwidth.capacity(5).refillGreedy(5, Duration.ofSeconds(1)).withId("burst");
        Bandwidth hourly = Bandwidth.capacity(8).refillGreedy(8, Duration.ofHours(1)).withId("hourly");
        TokenBucket b = bucket(burst, hourly);
        RateDecision first = b.tryAcquire(5);
        assertThat(first.remaining()).isZero();
        assertThat(first.limit()).isEqualTo(burst);
        clock.advance(Duration.ofSeconds(1));
        RateDecision second = b.tryAcquire(3);
        assertThat(second.allowed()).isTrue();
        assertThat(second.remaining()).isZero();
        assertThat(second.limit()).isEqualTo(hourly);
        clock.advance(Duration.ofSeconds(1));
        RateDecision third = b.tryAcquire(1);
        assertThat(third.allowed()).isFalse();
        assertThat(third.limit()).isEqualTo(hourly);
        assertThat(third.retryAfterNanos()).isEqualTo(Duration.ofHours(1).toNanos() / 8 - Duration.ofSeconds(2).toNanos());
    }

    @Test
    void tryAcquire_clockGoesBackwards_noRefillNoFailure() {
        TokenBucket b = bucket(Bandwidth.capacity(2).refillGreedy(1, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(10));
        b.tryAcquire(2);
        clock.advance(Duration.ofSeconds(-5));
        assertThat(b.tryAcquire(1).allowed()).isFalse();
        clock.advance(Duration.ofSeconds(6));
        assertThat(b.tryAcquire(1).allowed()).isTrue();
    }

    @Test
    void tryAcquire_badCost_typedError() {
        TokenBucket b = bucket(Bandwidth.capacity(2).refillGreedy(1, Duration.ofSeconds(1)));
        assertThatThrownBy(() -> b.tryAcquire(0)).isInstanceOf(RateLimitException.class)
                .hasMessage("cost must be at least 1, was 0")
                .satisfies(e -> assertThat(((RateLimitException) e).reason()).isEqualTo(RateLimitReason.INVALID_COST));
        assertThatThrownBy(() -> b.tryAcquire(-3)).isInstanceOf(RateLimitException.class);
    }

    @Test
    void headers_renderIetfDraftFields() {
        TokenBucket b = bucket(Bandwidth.capacity(100).refillGreedy(10, Duration.ofSeconds(1)).withId("api"));
        RateDecision ok = b.tryAcquire(55);
        assertThat(ok.rateLimitPolicyHeader()).contains("\"api\";q=100;w=10");
        assertThat(ok.rateLimitHeader()).contains("\"api\";r=45;t=6");
        assertThat(ok.retryAfterHeader()).isEmpty();
        RateDecision denied = b.tryAcquire(50);
        assertThat(denied.retryAfterHeader()).contains("1");
        assertThat(denied.rateLimitHeader()).contains("\"api\";r=45;t=1");
    }

    @Test
    void bandwidth_invalidValues_configurationException() {
        assertThatThrownBy(() -> Bandwidth.capacity(0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("bandwidth capacity must be at least 1, was 0");
        assertThatThrownBy(() -> Bandwidth.capacity(1).refillGreedy(0, Duration.ofSeconds(1)))
                .hasMessage("bandwidth refill tokens must be at least 1, was 0");
        assertThatThrownBy(() -> Bandwidth.capacity(1).refillGreedy(1, Duration.ZERO))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("refill period");
        assertThatThrownBy(() -> Bandwidth.capacity(Long.MAX_VALUE / 2).refillGreedy(1, Duration.ofDays(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("too large for exact arithmetic");
        assertThatThrownBy(() -> Bandwidth.capacity(1).refillGreedy(1, Duration.ofSeconds(1)).withId("has space"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TokenBucket.builder().timeSource(clock::nanoTime).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("at least one bandwidth must be set");
        assertThatThrownBy(() -> TokenBucket.builder().addLimit(Bandwidth.capacity(1).refillGreedy(1, Duration.ofSeconds(1))).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("timeSource must be set");
    }

    @Test
    void bandwidth_largeDailyBudget_fitsExactArithmetic() {
        TokenBucket b = bucket(Bandwidth.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofDays(1)));
        assertThat(b.tryAcquire(999_999_999L).remaining()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.availableTokens()).isEqualTo(1 + 1_000_000_000L / 86_400);
    }

    @Test
    void bandwidth_defaultId_andToString() {
        Bandwidth bw = Bandwidth.capacity(100).refillGreedy(10, Duration.ofSeconds(1));
        assertThat(bw.id()).isEqualTo("100/10/1000ms");
        assertThat(bw.toString()).isEqualTo("Bandwidth[100/10/1000ms: 100 tokens, 10 per PT1S]");
        assertThat(bw.nanosToFill()).isEqualTo(10_000_000_000L);
    }
}
