package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

    private final TestClock clock = new TestClock();

    @Test
    void markIfNew_firstTrue_thenFalseUntilTtl_thenTrue() {
        InMemoryReplayGuard g = InMemoryReplayGuard.create(10, clock);
        assertThat(g.markIfNew("a", Duration.ofSeconds(10))).isTrue();
        assertThat(g.markIfNew("a", Duration.ofSeconds(10))).isFalse();
        assertThat(g.markIfNew("b", Duration.ofSeconds(10))).isTrue();
        clock.advance(Duration.ofSeconds(9));
        assertThat(g.markIfNew("a", Duration.ofSeconds(10))).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(g.markIfNew("a", Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void markIfNew_full_neverExceedsCapacity_dropsExpiredThenOldest() {
        InMemoryReplayGuard g = InMemoryReplayGuard.create(3, clock);
        g.markIfNew("old", Duration.ofSeconds(1));
        g.markIfNew("x", Duration.ofHours(1));
        g.markIfNew("y", Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(2));
        assertThat(g.markIfNew("z", Duration.ofHours(1))).isTrue(); // evicts expired "old"
        assertThat(g.size()).isEqualTo(3);
        assertThat(g.markIfNew("x", Duration.ofHours(1))).isFalse();
        assertThat(g.markIfNew("w", Duration.ofHours(1))).isTrue(); // evicts oldest live "x"
        assertThat(g.size()).isEqualTo(3);
        assertThat(g.markIfNew("y", Duration.ofHours(1))).isFalse();
        for (int i = 0; i < 1000; i++) {
            g.markIfNew("k" + i, Duration.ofHours(1));
        }
        assertThat(g.size()).isEqualTo(3);
    }

    @Test
    void markIfNew_concurrentSameKey_exactlyOneWins() throws Exception {
        InMemoryReplayGuard g = InMemoryReplayGuard.create(clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                String key = "evt_" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return g.markIfNew(key, Duration.ofMinutes(5));
                    }));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> f : results) {
                    wins += f.get() ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void create_invalid_refused() {
        assertThatThrownBy(() -> InMemoryReplayGuard.create(0, clock)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> InMemoryReplayGuard.create(10, null)).isInstanceOf(ConfigurationException.class);
        InMemoryReplayGuard g = InMemoryReplayGuard.create(clock);
        assertThatThrownBy(() -> g.markIfNew("a", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(g.markIfNew("huge", Duration.ofSeconds(Long.MAX_VALUE / 2000))).isTrue();
    }
}
