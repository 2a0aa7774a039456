package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CostBudgetTest {

    private final TestClock clock = new TestClock();
    private final InMemoryAuditSink sink = new InMemoryAuditSink();

    private CostBudget budget(boolean central) {
        CostBudget.Builder b = CostBudget.builder().timeSource(clock::nanoTime).audit(sink, clock)
                .perTenant(Bandwidth.capacity(1_000).refillGreedy(1_000, Duration.ofDays(1)).withId("daily"));
        if (central) {
            b.central(Bandwidth.capacity(1_500).refillGreedy(1_500, Duration.ofDays(1)).withId("central"));
        }
        return b.build();
    }

    @Test
    void reserve_commitLess_refundsDifference() {
        CostBudget b = budget(false);
        CostBudget.Reservation r = b.reserve("acme", 400);
        assertThat(r.granted()).isTrue();
        assertThat(r.decision().remaining()).isEqualTo(600);
        assertThat(r.commit(150)).isEqualTo(850);
        assertThat(b.available("acme")).isEqualTo(850);
    }

    @Test
    void reserve_commitMore_chargesExcess_debtBlocksUntilRepaid() {
        CostBudget b = budget(false);
        CostBudget.Reservation r = b.reserve("acme", 900);
        assertThat(r.commit(1_500)).isZero();
        CostBudget.Reservation next = b.reserve("acme", 1);
        assertThat(next.granted()).isFalse();
        assertThat(next.decision().reason()).isEqualTo(RateLimitReason.BUDGET_EXHAUSTED);
        // debt of 500 tokens plus the 1 wanted: 501/1000 of a day
        assertThat(next.decision().retryAfterNanos()).isEqualTo(Duration.ofDays(1).toNanos() * 501 / 1_000);
        clock.advance(Duration.ofNanos(Duration.ofDays(1).toNanos() * 501 / 1_000));
        assertThat(b.reserve("acme", 1).granted()).isTrue();
    }

    @Test
    void release_refundsAll_settlingTwiceFails() {
        CostBudget b = budget(false);
        CostBudget.Reservation r = b.reserve("acme", 300);
        assertThat(r.release()).isEqualTo(1_000);
        assertThatThrownBy(r::release).isInstanceOf(RateLimitException.class).hasMessage("reservation already settled");
        assertThatThrownBy(() -> r.commit(1)).isInstanceOf(RateLimitException.class)
                .extracting(e -> ((RateLimitException) e).reason()).isEqualTo(RateLimitReason.RESERVATION_SETTLED);
    }

    @Test
    void reserve_refused_isAuditedAndCannotBeSettled() {
        CostBudget b = budget(false);
        b.reserve("acme", 1_000);
        CostBudget.Reservation r = b.reserve("acme", 10);
        assertThat(r.granted()).isFalse();
        assertThatThrownBy(r::release).hasMessage("reservation was refused; nothing to settle");
        assertThat(sink.withAction("budget_exhausted")).hasSize(1);
        assertThat(sink.events().get(0).subject()).startsWith("tenant#").doesNotContain("acme");
    }

    @Test
    void reserve_centralBudget_sharedAcrossTenants_refundsTenantOnCentralRefusal() {
        CostBudget b = budget(true);
        assertThat(b.reserve("a", 1_000).granted()).isTrue();
        CostBudget.Reservation r = b.reserve("b", 600);
        assertThat(r.granted()).isFalse();
        assertThat(r.decision().limit().id()).isEqualTo("central");
        assertThat(b.available("b")).isEqualTo(500);
        assertThat(b.reserve("b", 500).granted()).isTrue();
    }

    @Test
    void reserve_estimateAboveCapacity_neverFits() {
        CostBudget b = budget(false);
        CostBudget.Reservation r = b.reserve("acme", 1_001);
        assertThat(r.decision().reason()).isEqualTo(RateLimitReason.COST_EXCEEDS_CAPACITY);
        assertThat(r.decision().canEverSucceed()).isFalse();
    }

    @Test
    void badInput_typedErrors() {
        CostBudget b = budget(false);
        assertThatThrownBy(() -> b.reserve("acme", 0)).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> b.reserve(null, 1)).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> b.reserve("acme", 5).commit(-1)).isInstanceOf(RateLimitException.class)
                .hasMessage("actual cost must be at least 0, was -1");
    }
}
