package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.spi.ApiKeyStore;
import dev.bulwark.tokens.spi.OneTimeTokenRecord;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import dev.bulwark.tokens.spi.OpaqueTokenStore;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import dev.bulwark.tokens.spi.SessionStore;
import dev.bulwark.tokens.spi.TotpStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded in-memory stores stay within their bound under concurrency and refuse with STORE_FULL. */
class InMemoryStoresTest {

    @Test
    void sessionStore_concurrentCreates_neverExceedBound() throws Exception {
        TestClock clock = new TestClock();
        Sessions s = Sessions.builder().store(SessionStore.inMemory(300)).clock(clock).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger full = new AtomicInteger();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                go.await();
                int ok = 0;
                for (int i = 0; i < 100; i++) {
                    try {
                        s.open("u" + id, null, null, null, null);
                        ok++;
                    } catch (TokenException e) {
                        assertThat(e.tokenReason()).isEqualTo(TokenReason.STORE_FULL);
                        full.incrementAndGet();
                    }
                }
                return ok;
            }));
        }
        go.countDown();
        int ok = 0;
        for (Future<Integer> f : fs) {
            ok += f.get();
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(300);
        assertThat(full.get()).isEqualTo(100);
    }

    @Test
    void otherStores_refuseWhenFull() {
        OneTimeTokenStore ott = OneTimeTokenStore.inMemory(1);
        ott.put(new OneTimeTokenRecord("h1", "p", null, null, Instant.EPOCH.plusSeconds(60)));
        assertThatThrownBy(() -> ott.put(new OneTimeTokenRecord("h2", "p", null, null, Instant.EPOCH.plusSeconds(60))))
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(TokenReason.STORE_FULL);
        assertThat(ott.consume("h1")).isPresent();
        ott.put(new OneTimeTokenRecord("h2", "p", null, null, Instant.EPOCH.plusSeconds(60)));
        assertThat(ott.purgeExpired(Instant.EPOCH.plusSeconds(60))).isEqualTo(1);

        TotpStateStore totp = TotpStateStore.inMemory(1);
        assertThat(totp.acceptStep("a", 5)).isTrue();
        assertThat(totp.acceptStep("a", 5)).isFalse();
        assertThat(totp.acceptStep("a", 4)).isFalse();
        assertThatThrownBy(() -> totp.acceptStep("b", 1)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.STORE_FULL);
        assertThat(totp.recordFailure("a", Instant.EPOCH, Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(totp.failures("a", Instant.EPOCH.plusSeconds(61), Duration.ofMinutes(1))).isZero();

        Fixtures f = new Fixtures();
        ApiKeys keys = ApiKeys.builder().store(ApiKeyStore.inMemory(1)).clock(f.clock).build();
        keys.create("o", null, null, null);
        assertThatThrownBy(() -> keys.create("o", null, null, null)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.STORE_FULL);

        RefreshTokens rt = RefreshTokens.builder().store(RefreshTokenStore.inMemory(1)).sessions(f.sessions)
                .accessTokens(f.tokens).clock(f.clock).build();
        TokenPair p = rt.login("u", null, null, null, null);
        assertThatThrownBy(() -> rt.login("u", null, null, null, null)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.STORE_FULL);
        assertThat(p.refreshToken()).isNotBlank();
        assertThat(f.sessions.list("u")).hasSize(1);

        assertThatThrownBy(() -> OpaqueTokenStore.inMemory(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SessionStore.inMemory(0)).isInstanceOf(ConfigurationException.class);
    }
}
