package dev.bulwark.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.spi.OneTimeTokenRecord;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link OneTimeTokenStore} must have: consumption is single and atomic. */
public abstract class OneTimeTokenStoreContract {

    /** A fixed instant the suite's records are built around. */
    protected static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** {@return the store under test} */
    protected abstract OneTimeTokenStore store();

    private static OneTimeTokenRecord token(Instant expires) {
        return new OneTimeTokenRecord(RandomTokens.hex(32), "email_verification", "u-" + RandomTokens.hex(16),
                "{\"email\":\"a@example.com\"}", expires);
    }

    @Test
    void consume_returnsTheRecordOnce() {
        OneTimeTokenRecord t = token(T0.plus(Duration.ofMinutes(15)));
        store().put(t);
        assertThat(store().consume(t.tokenHash())).contains(t);
        assertThat(store().consume(t.tokenHash())).isEmpty();
        assertThat(store().consume(RandomTokens.hex(32))).isEmpty();
    }

    @Test
    void concurrentConsumers_exactlyOneGetsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                OneTimeTokenRecord t = token(T0.plus(Duration.ofMinutes(15)));
                store().put(t);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<OneTimeTokenRecord>>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return store().consume(t.tokenHash());
                    }));
                }
                start.countDown();
                int got = 0;
                for (Future<Optional<OneTimeTokenRecord>> f : results) {
                    got += f.get().isPresent() ? 1 : 0;
                }
                assertThat(got).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeExpired_removesOnlyExpired() {
        OneTimeTokenRecord live = token(T0.plus(Duration.ofMinutes(15)));
        OneTimeTokenRecord dead = token(T0.minus(Duration.ofMinutes(1)));
        store().put(live);
        store().put(dead);
        assertThat(store().purgeExpired(T0)).isNotNegative(); // stores with TTLs may have dropped it already
        assertThat(store().consume(dead.tokenHash())).isEmpty();
        assertThat(store().consume(live.tokenHash())).contains(live);
    }
}
