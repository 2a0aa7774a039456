package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.spi.BucketSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenBucket} (which has a specialised path for one bandwidth) returns, request by request, exactly
 * the decision of the reference arithmetic {@link BucketSpec#tryAcquire} applied to the same sequence: every
 * field of {@link RateDecision}, including reset and the deciding bandwidth, for allowed and refused requests,
 * costs above the capacity, clocks that step backwards and idle times long enough to overflow {@code r·dt}.
 */
class TokenBucketMatchesSpecTest {

    record Bw(long capacity, long tokens, long periodNanos) {
        Bandwidth bandwidth() {
            return Bandwidth.capacity(capacity).refillGreedy(tokens, Duration.ofNanos(periodNanos));
        }
    }

    record Req(long dtNanos, long cost) {
    }

    @Provide
    Arbitrary<List<Bw>> bandwidths() {
        Arbitrary<Long> period = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 5_000).map(ms -> ms * 1_000_000L),
                Arbitraries.longs().between(1, 5_000_000_000L));
        Arbitrary<Long> tokens = Arbitraries.oneOf(Arbitraries.longs().between(1, 30),
                Arbitraries.longs().between(1, 1_000_000_000L));
        return Combinators.combine(Arbitraries.longs().between(1, 60), tokens, period).as(Bw::new)
                .list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Req>> requests() {
        Arbitrary<Long> dt = Arbitraries.oneOf(Arbitraries.just(0L),
                Arbitraries.longs().between(0, 2_000_000_000L),
                Arbitraries.longs().between(0, 1_000_000L),
                Arbitraries.longs().between(-3_000_000_000L, -1), // the clock steps back
                Arbitraries.longs().between(1L << 40, 1L << 61)); // idle long enough for r·dt to overflow
        return Combinators.combine(dt, Arbitraries.longs().between(1, 70)).as(Req::new).list().ofMaxSize(200);
    }

    @Property(tries = 500)
    void everyDecision_equalsTheReferenceArithmetic(@ForAll("bandwidths") List<Bw> bws,
                                                   @ForAll("requests") List<Req> reqs) {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        TokenBucket.Builder builder = TokenBucket.builder().timeSource(now::get);
        List<Bandwidth> list = new ArrayList<>();
        for (Bw b : bws) {
            builder.addLimit(b.bandwidth());
            list.add(b.bandwidth());
        }
        TokenBucket bucket = builder.build();
        BucketSpec spec = BucketSpec.of(list);
        long[] state = spec.fullState(now.get());
        int i = 0;
        for (Req r : reqs) {
            now.addAndGet(r.dtNanos());
            long[] next = new long[state.length];
            RateDecision expected = spec.tryAcquire(state, now.get(), r.cost(), next);
            if (expected.allowed()) {
                state = next;
            }
            assertThat(bucket.tryAcquire(r.cost())).as("request #%d %s", i, r).isEqualTo(expected);
            assertThat(bucket.availableTokens()).as("after request #%d", i).isEqualTo(spec.availableTokens(state, now.get()));
            i++;
        }
    }

    @Test
    void singleBandwidth_allowedDecision_carriesExactFigures() {
        AtomicLong now = new AtomicLong(0);
        Bandwidth b = Bandwidth.capacity(10).refillGreedy(3, Duration.ofSeconds(1));
        TokenBucket bucket = TokenBucket.builder().timeSource(now::get).addLimit(b).build();

        RateDecision d = bucket.tryAcquire(4);

        // 6 tokens left; 4 tokens at 3 per second take 4/3 s, rounded up to the nanosecond
        assertThat(d).isEqualTo(new RateDecision(true, false, 6, 0, 1_333_333_334L, b, 1_333_333_334L, null));
    }

    @Test
    void singleBandwidth_stepBack_isNoTimePassed() {
        AtomicLong now = new AtomicLong(10_000_000_000L);
        TokenBucket bucket = TokenBucket.builder().timeSource(now::get)
                .addLimit(Bandwidth.capacity(2).refillGreedy(1, Duration.ofSeconds(1))).build();
        assertThat(bucket.tryAcquire(2).allowed()).isTrue();
        now.set(5_000_000_000L);

        RateDecision back = bucket.tryAcquire(1);
        now.set(11_000_000_000L - 1);
        RateDecision justBefore = bucket.tryAcquire(1);
        now.set(11_000_000_000L);
        RateDecision refilled = bucket.tryAcquire(1);

        assertThat(back.allowed()).isFalse();
        assertThat(back.remaining()).isZero();
        assertThat(justBefore.allowed()).isFalse();
        assertThat(refilled.allowed()).isTrue();
        assertThat(refilled.remaining()).isZero();
    }
}
