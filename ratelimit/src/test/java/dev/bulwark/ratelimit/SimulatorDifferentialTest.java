package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The CLI contract ({@code TIME_MS COST [KEY]} → {@code allow REMAINING} / {@code deny RETRY_AFTER_MS}) against
 * one Bucket4j bucket per key, at millisecond granularity. Retry-after in ms is the ceiling of the exact wait;
 * where Bucket4j's wait is 1 ns short (see {@link Bucket4jDifferentialTest}) its ms ceiling can be 1 ms short.
 */
class SimulatorDifferentialTest {

    record Bw(long capacity, long tokens, long periodMs) {
    }

    record Req(long dtMs, long cost, int key) {
    }

    @Provide
    Arbitrary<List<Bw>> bandwidths() {
        return Combinators.combine(Arbitraries.longs().between(1, 40), Arbitraries.longs().between(1, 20),
                Arbitraries.longs().between(1, 10_000)).as(Bw::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Req>> requests() {
        return Combinators.combine(Arbitraries.longs().between(0, 700), Arbitraries.longs().between(1, 45),
                Arbitraries.integers().between(-1, 3)).as(Req::new).list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void simulatorOutput_matchesBucket4jPerKey(@ForAll("bandwidths") List<Bw> bws, @ForAll("requests") List<Req> reqs) {
        RateLimitSimulator sim = RateLimitSimulator.of(bws.stream()
                .map(b -> RateLimitSimulator.parseBandwidth(b.capacity() + "/" + b.tokens() + "/" + b.periodMs())).toList());
        AtomicLong now = new AtomicLong();
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return now.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        Map<Integer, Bucket> buckets = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        long t = 0;
        for (Req r : reqs) {
            t += r.dtMs();
            now.set(t * 1_000_000L);
            String line = t + " " + r.cost() + (r.key() < 0 ? "" : " k" + r.key());
            String ours = sim.apply(line);
            Bucket b = buckets.computeIfAbsent(r.key(), k -> {
                var builder = Bucket.builder().withCustomTimePrecision(meter);
                for (Bw bw : bws) {
                    builder.addLimit(l -> l.capacity(bw.capacity()).refillGreedy(bw.tokens(), Duration.ofMillis(bw.periodMs())));
                }
                return builder.build();
            });
            ConsumptionProbe p = b.tryConsumeAndReturnRemaining(r.cost());
            String expected;
            String alternative;
            if (p.isConsumed()) {
                expected = "allow " + p.getRemainingTokens();
                alternative = expected;
            } else if (p.getNanosToWaitForRefill() == Long.MAX_VALUE) {
                expected = "deny -1";
                alternative = expected;
            } else {
                long ns = p.getNanosToWaitForRefill();
                expected = "deny " + ((ns + 999_999) / 1_000_000);
                alternative = "deny " + ((ns + 1 + 999_999) / 1_000_000);
            }
            if (!ours.equals(expected) && !ours.equals(alternative)) {
                mismatches.add(line + " -> ours '" + ours + "', bucket4j '" + expected + "'");
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
