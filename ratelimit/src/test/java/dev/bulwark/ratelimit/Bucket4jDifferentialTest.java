package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
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

/**
 * Differential test against Bucket4j 8.19's local lock-free bucket: the same bandwidths and the same
 * sequence of (time, cost) requests give the same allow/deny decisions, the same remaining tokens and the
 * same nanoseconds to wait up to one deliberate difference. Deliberate differences: (1) a cost above a
 * capacity is {@code retryAfterNanos = -1} here ({@link RateDecision#NEVER}); Bucket4j reports
 * {@code Long.MAX_VALUE}; (2) when the wait is not a whole number of nanoseconds, Bucket4j rounds it down and
 * so names an instant at which the request would still be refused; we round up (DESIGN.md: the smallest time
 * after which the request succeeds), so our wait is Bucket4j's or Bucket4j's + 1 ns, and the test checks that
 * at Bucket4j's instant the request is indeed still refused whenever the two differ.
 */
class Bucket4jDifferentialTest {

    record Bw(long capacity, long tokens, long periodNanos) {
    }

    record Req(long dtNanos, long cost) {
    }

    @Provide
    Arbitrary<List<Bw>> bandwidths() {
        Arbitrary<Long> period = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 5_000).map(ms -> ms * 1_000_000L),
                Arbitraries.longs().between(1, 5_000_000_000L));
        return Combinators.combine(Arbitraries.longs().between(1, 60), Arbitraries.longs().between(1, 30), period)
                .as(Bw::new).filter(b -> b.periodNanos() >= b.tokens()) // Bucket4j allows at most 1 token/ns
                .list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Req>> requests() {
        Arbitrary<Long> dt = Arbitraries.oneOf(Arbitraries.just(0L),
                Arbitraries.longs().between(0, 2_000_000_000L),
                Arbitraries.longs().between(0, 1_000_000L));
        return Combinators.combine(dt, Arbitraries.longs().between(1, 70)).as(Req::new).list().ofMaxSize(200);
    }

    @Property(tries = 400)
    void sameDecisions_asBucket4j(@ForAll("bandwidths") List<Bw> bws, @ForAll("requests") List<Req> reqs) {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        TokenBucket.Builder ours = TokenBucket.builder().timeSource(now::get);
        var theirs = Bucket.builder().withCustomTimePrecision(new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return now.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        });
        for (Bw b : bws) {
            ours.addLimit(Bandwidth.capacity(b.capacity()).refillGreedy(b.tokens(), Duration.ofNanos(b.periodNanos())));
            theirs.addLimit(l -> l.capacity(b.capacity()).refillGreedy(b.tokens(), Duration.ofNanos(b.periodNanos())));
        }
        TokenBucket bucket = ours.build();
        Bucket reference = theirs.build();
        List<String> mismatches = new ArrayList<>();
        int i = 0;
        for (Req r : reqs) {
            now.addAndGet(r.dtNanos());
            RateDecision d = bucket.tryAcquire(r.cost());
            ConsumptionProbe p = reference.tryConsumeAndReturnRemaining(r.cost());
            long expectedWait = p.isConsumed() ? 0
                    : p.getNanosToWaitForRefill() == Long.MAX_VALUE ? RateDecision.NEVER : p.getNanosToWaitForRefill();
            long diff = d.retryAfterNanos() - expectedWait;
            if (d.allowed() != p.isConsumed() || d.remaining() != p.getRemainingTokens() || diff < 0 || diff > 1) {
                mismatches.add("#" + i + " " + r + ": ours " + d + " bucket4j " + p);
            }
            if (diff == 1) {
                long t = now.get();
                now.set(t + expectedWait);
                if (bucket.probe(r.cost()).allowed()) {
                    mismatches.add("#" + i + " Bucket4j's shorter wait would have sufficed: " + d + " " + p);
                }
                now.set(t);
            }
            i++;
        }
        assertThat(mismatches).isEmpty();
    }
}
