package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The usage example of docs/ratelimit.md, compiled and run (keep the two identical). */
class DocsExampleTest {

    @Test
    void docsExample_runsAsDocumented() {
        TestClock clock = new TestClock();
        TimeSource time = clock::nanoTime; // production: TimeSource.system()

        // --- docs/ratelimit.md example begins ---
        KeyedRateLimiter perUser = KeyedRateLimiter.builder()
                .addLimit(Bandwidth.capacity(20).refillGreedy(10, Duration.ofSeconds(1)).withId("burst"))
                .addLimit(Bandwidth.capacity(1_000).refillGreedy(1_000, Duration.ofHours(1)).withId("hourly"))
                .maxKeys(100_000)
                .timeSource(time)
                .build();

        RateDecision d = perUser.tryAcquire("user-42", 1);
        if (!d.allowed()) {
            // 429: Retry-After, RateLimit and RateLimit-Policy headers come from the decision
            String retryAfter = d.retryAfterHeader().orElse("3600");
            String rateLimit = d.rateLimitHeader().orElse("");
        }

        CostBudget aiTokens = CostBudget.builder()
                .perTenant(Bandwidth.capacity(100_000).refillGreedy(100_000, Duration.ofDays(1)).withId("ai-daily"))
                .timeSource(time)
                .build();
        CostBudget.Reservation r = aiTokens.reserve("org-7", 2_000);
        if (r.granted()) {
            long actual = 1_234; // tokens the model really used
            r.commit(actual);
        }

        PenaltyBox box = PenaltyBox.builder().clock(clock).audit(AuditSinks.slf4j()).build();
        PenaltyStatus s = box.recordViolation("203.0.113.9");
        // --- docs/ratelimit.md example ends ---

        assertThat(d.allowed()).isTrue();
        assertThat(d.remaining()).isEqualTo(19);
        assertThat(d.rateLimitHeader()).contains("\"burst\";r=19;t=1");
        assertThat(aiTokens.available("org-7")).isEqualTo(100_000 - 1_234);
        assertThat(s.state()).isEqualTo(PenaltyState.OK);
    }
}
