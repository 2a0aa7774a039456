package dev.bulwark.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.spi.RefreshTokenRecord;
import dev.bulwark.tokens.spi.RefreshTokenRecord.State;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RefreshTokenStore} must have, including the race that reuse detection rests on:
 * of two concurrent rotations of one token, exactly one wins.
 */
public abstract class RefreshTokenStoreContract {

    /** A fixed instant the suite's records are built around. */
    protected static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** {@return the store under test} */
    protected abstract RefreshTokenStore store();

    private static RefreshTokenRecord active(String family) {
        return new RefreshTokenRecord(RandomTokens.hex(32), family, State.ACTIVE, T0, T0.plus(Duration.ofDays(30)),
                null, null);
    }

    private static String family() {
        return "fam-" + RandomTokens.hex(16);
    }

    @Test
    void insert_thenFind() {
        RefreshTokenRecord r = active(family());
        store().insert(r);
        assertThat(store().find(r.tokenHash())).contains(r);
        assertThat(store().find(RandomTokens.hex(32))).isEmpty();
    }

    @Test
    void rotate_marksRotatedWithSuccessor_once() {
        RefreshTokenRecord r = active(family());
        store().insert(r);
        String successor = RandomTokens.hex(32);
        assertThat(store().rotate(r.tokenHash(), successor, T0.plusSeconds(10))).isTrue();
        assertThat(store().rotate(r.tokenHash(), RandomTokens.hex(32), T0.plusSeconds(11))).isFalse();
        RefreshTokenRecord after = store().find(r.tokenHash()).orElseThrow();
        assertThat(after.state()).isEqualTo(State.ROTATED);
        assertThat(after.successorHash()).isEqualTo(successor);
        assertThat(after.rotatedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(store().rotate(RandomTokens.hex(32), successor, T0)).isFalse();
    }

    @Test
    void concurrentRotations_exactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                RefreshTokenRecord r = active(family());
                store().insert(r);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return store().rotate(r.tokenHash(), RandomTokens.hex(32), T0.plusSeconds(1));
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
        }
    }

    @Test
    void revokeFamily_revokesEveryMemberOnce_andNoOtherFamily() {
        String fam = family();
        RefreshTokenRecord a = active(fam);
        RefreshTokenRecord b = active(fam);
        RefreshTokenRecord other = active(family());
        store().insert(a);
        store().insert(b);
        store().insert(other);
        store().rotate(a.tokenHash(), b.tokenHash(), T0.plusSeconds(1));
        assertThat(store().revokeFamily(fam)).isEqualTo(2);
        assertThat(store().revokeFamily(fam)).isZero();
        assertThat(store().find(a.tokenHash()).orElseThrow().state()).isEqualTo(State.REVOKED);
        assertThat(store().find(b.tokenHash()).orElseThrow().state()).isEqualTo(State.REVOKED);
        assertThat(store().find(other.tokenHash()).orElseThrow().state()).isEqualTo(State.ACTIVE);
        assertThat(store().rotate(b.tokenHash(), RandomTokens.hex(32), T0.plusSeconds(2))).isFalse();
    }

    @Test
    void purgeExpired_removesOnlyExpiredFamilies() {
        RefreshTokenRecord live = active(family());
        RefreshTokenRecord dead = new RefreshTokenRecord(RandomTokens.hex(32), family(), State.ACTIVE,
                T0.minus(Duration.ofDays(40)), T0.minus(Duration.ofDays(10)), null, null);
        store().insert(live);
        store().insert(dead);
        assertThat(store().purgeExpired(T0)).isNotNegative(); // stores with TTLs may have dropped it already
        assertThat(store().find(dead.tokenHash())).isEmpty();
        assertThat(store().find(live.tokenHash())).isPresent();
    }
}
