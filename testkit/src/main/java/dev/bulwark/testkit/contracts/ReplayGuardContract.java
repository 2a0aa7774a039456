package dev.bulwark.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.webhooks.ReplayGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ReplayGuard} must have. */
public abstract class ReplayGuardContract {

    /** {@return the guard under test} */
    protected abstract ReplayGuard guard();

    @Test
    void firstMarkIsNew_secondIsNot() {
        String key = "stripe:evt_" + RandomTokens.hex(16);
        assertThat(guard().markIfNew(key, Duration.ofMinutes(5))).isTrue();
        assertThat(guard().markIfNew(key, Duration.ofMinutes(5))).isFalse();
        assertThat(guard().markIfNew("github:" + key, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void concurrentMarks_exactlyOneIsNew() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                String key = "standard:msg_" + RandomTokens.hex(16);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return guard().markIfNew(key, Duration.ofMinutes(1));
                    }));
                }
                start.countDown();
                int fresh = 0;
                for (Future<Boolean> f : results) {
                    fresh += f.get() ? 1 : 0;
                }
                assertThat(fresh).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
