package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TokenBucketPropertiesTest {

    record Req(long dtNanos, long cost) {
    }

    @Provide
    Arbitrary<List<Req>> requests() {
        return Combinators.combine(Arbitraries.longs().between(0, 300_000_000L), Arbitraries.longs().between(1, 12))
                .as(Req::new).list().ofMaxSize(150);
    }

    /** Conservation law: in every window [t_i, t_j], admitted ≤ C + floor(R·(t_j − t_i) / P). */
    @Property(tries = 300)
    void admitted_neverExceeds_capacityPlusRefill(@ForAll @LongRange(min = 1, max = 20) long capacity,
                                                  @ForAll @LongRange(min = 1, max = 10) long tokens,
                                                  @ForAll @LongRange(min = 1, max = 2_000) long periodMs,
                                                  @ForAll("requests") List<Req> reqs) {
        AtomicLong now = new AtomicLong();
        TokenBucket b = TokenBucket.builder().timeSource(now::get)
                .addLimit(Bandwidth.capacity(capacity).refillGreedy(tokens, Duration.ofMillis(periodMs))).build();
        List<long[]> admitted = new ArrayList<>();
        for (Req r : reqs) {
            now.addAndGet(r.dtNanos());
            if (b.tryAcquire(r.cost()).allowed()) {
                admitted.add(new long[] {now.get(), r.cost()});
            }
        }
        long periodNanos = periodMs * 1_000_000L;
        for (int i = 0; i < admitted.size(); i++) {
            long sum = 0;
            for (int j = i; j < admitted.size(); j++) {
                sum += admitted.get(j)[1];
                long window = admitted.get(j)[0] - admitted.get(i)[0];
                long bound = capacity + BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(window))
                        .divide(BigInteger.valueOf(periodNanos)).longValueExact();
                assertThat(sum).as("admitted in window %d..%d", i, j).isLessThanOrEqualTo(bound);
            }
        }
    }

    /** Retry-after is exact: 1 ns earlier the request is still refused; at retry-after it succeeds. */
    @Property(tries = 300)
    void retryAfter_isExactlyTheEarliestSuccess(@ForAll @LongRange(min = 1, max = 30) long capacity,
                                                @ForAll @LongRange(min = 1, max = 7) long tokens,
                                                @ForAll @LongRange(min = 1, max = 10_000_000_000L) long periodNanos,
                                                @ForAll("requests") List<Req> reqs) {
        AtomicLong now = new AtomicLong();
        TokenBucket b = TokenBucket.builder().timeSource(now::get)
                .addLimit(Bandwidth.capacity(capacity).refillGreedy(tokens, Duration.ofNanos(periodNanos)))
                .addLimit(Bandwidth.capacity(capacity + 3).refillGreedy(tokens + 1, Duration.ofNanos(periodNanos + 7)))
                .build();
        for (Req r : reqs) {
            now.addAndGet(r.dtNanos() % periodNanos);
            RateDecision d = b.tryAcquire(r.cost());
            if (!d.allowed() && d.canEverSucceed()) {
                long t = now.get();
                assertThat(d.retryAfterNanos()).isPositive();
                now.set(t + d.retryAfterNanos() - 1);
                assertThat(b.probe(r.cost()).allowed()).isFalse();
                now.set(t + d.retryAfterNanos());
                assertThat(b.probe(r.cost()).allowed()).isTrue();
                now.set(t);
            }
        }
    }

    /**
     * No drift: a consumer that drains the bucket every {@code stride} ns (never letting it reach capacity,
     * so nothing is lost to the cap) gets exactly C + floor(R·T/P) tokens over T.
     */
    @Property(tries = 50)
    void longRun_drainingConsumer_getsExactlyCapacityPlusRefill(@ForAll @LongRange(min = 2, max = 9) long capacity,
                                                                @ForAll @LongRange(min = 1, max = 9) long tokens,
                                                                @ForAll @LongRange(min = 10, max = 997) long periodNanos,
                                                                @ForAll @IntRange(min = 1, max = 5_000) int steps,
                                                                @ForAll @LongRange(min = 1, max = 37) long stride) {
        Assume.that(stride * tokens <= periodNanos);
        AtomicLong now = new AtomicLong();
        TokenBucket b = TokenBucket.builder().timeSource(now::get)
                .addLimit(Bandwidth.capacity(capacity).refillGreedy(tokens, Duration.ofNanos(periodNanos))).build();
        long admitted = 0;
        for (int i = 0; i < steps; i++) {
            while (b.tryAcquire(1).allowed()) {
                admitted++;
            }
            now.addAndGet(stride);
        }
        long elapsed = now.get() - stride;
        assertThat(admitted).isEqualTo(capacity + tokens * elapsed / periodNanos);
    }
}
