package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.spi.BucketSpec;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The arithmetic at the edges of what a bandwidth accepts: no overflow, invariants hold. */
class BucketSpecExtremesTest {

    @Provide
    Arbitrary<Long> big() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 100),
                Arbitraries.longs().between(1, Bandwidth.MAX_UNITS),
                Arbitraries.of(1L, Bandwidth.MAX_UNITS, Bandwidth.MAX_UNITS - 1, 1_000_000_007L));
    }

    @Provide
    Arbitrary<Long> period() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000),
                Arbitraries.longs().between(1, Duration.ofDays(365).toNanos()),
                Arbitraries.of(Duration.ofDays(365).toNanos(), 999_999_937L));
    }

    @Provide
    Arbitrary<Long> dt() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 4), Arbitraries.of(Long.MAX_VALUE / 4));
    }

    @Property(tries = 2_000)
    void extremes_noOverflow_invariantsHold(@ForAll("big") long capacity, @ForAll("big") long tokens,
                                           @ForAll("period") long periodNanos, @ForAll("dt") long dt1,
                                           @ForAll("dt") long dt2, @ForAll("big") long cost, @ForAll("big") long delta) {
        Bandwidth bw;
        try {
            bw = Bandwidth.capacity(capacity).refillGreedy(tokens, Duration.ofNanos(periodNanos));
        } catch (ConfigurationException refused) {
            assertThat(refused.getMessage()).contains("too large for exact arithmetic");
            return;
        }
        BucketSpec spec = BucketSpec.of(List.of(bw));
        long t0 = 0;
        long[] s = spec.fullState(t0);
        long[] next = new long[2];
        RateDecision d = spec.tryAcquire(s, t0 + dt1, cost, next);
        if (d.allowed()) {
            s = next.clone();
            assertThat(d.remaining()).isBetween(0L, capacity - cost);
        } else {
            assertThat(cost).isGreaterThan(capacity);
            assertThat(d.retryAfterNanos()).isEqualTo(RateDecision.NEVER);
        }
        s = spec.adjust(s, t0 + dt1, -delta);
        assertThat(s[1]).isBetween(-spec.capacityUnits(0), spec.capacityUnits(0));
        long t2 = t0 + dt1 + dt2;
        RateDecision d2 = spec.tryAcquire(s, t2, Math.min(cost, capacity), next);
        assertThat(d2.remaining()).isBetween(0L, capacity);
        assertThat(d2.resetNanos()).isNotNegative();
        if (!d2.allowed()) {
            assertThat(d2.retryAfterNanos()).isPositive();
            assertThat(spec.probe(s, t2 + d2.retryAfterNanos(), Math.min(cost, capacity)).allowed()).isTrue();
            assertThat(spec.probe(s, t2 + d2.retryAfterNanos() - 1, Math.min(cost, capacity)).allowed()).isFalse();
        }
        assertThat(spec.nanosUntilFull(s, t2)).isNotNegative();
        assertThat(spec.availableTokens(s, t2 + spec.nanosUntilFull(s, t2))).isEqualTo(capacity);
    }
}
