package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OneTimeTokensTest {

    private final Fixtures f = new Fixtures();
    private final OneTimeTokenStore store = OneTimeTokenStore.inMemory(100);
    private final OneTimeTokens ott = OneTimeTokens.builder().store(store).clock(f.clock)
            .baseUrl("https://app.example.com/auth/verify").auditSink(f.audit).build();

    private static TokenReason reason(Runnable r) {
        try {
            r.run();
        } catch (TokenException e) {
            return e.tokenReason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void issueAndConsume_singleUse_withLinkFromConfiguredBase() {
        OneTimeTokens.Issued i = ott.issue("email_verification", "u1");
        assertThat(i.token()).hasSize(43);
        assertThat(i.link().toString()).isEqualTo("https://app.example.com/auth/verify?token=" + i.token());
        assertThat(i.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(i.toString()).doesNotContain(i.token());
        assertThat(ott.consume(i.token(), "email_verification").subject()).isEqualTo("u1");
        assertThat(reason(() -> ott.consume(i.token(), "email_verification"))).isEqualTo(TokenReason.ONE_TIME_TOKEN_INVALID);
    }

    @Test
    void expired_wrongPurpose_malformed() {
        OneTimeTokens.Issued a = ott.issue("magic_link", "u1");
        f.clock.advance(Duration.ofMinutes(15));
        assertThat(reason(() -> ott.consume(a.token(), "magic_link"))).isEqualTo(TokenReason.ONE_TIME_TOKEN_EXPIRED);
        OneTimeTokens.Issued b = ott.issue("magic_link", "u1");
        assertThat(reason(() -> ott.consume(b.token(), "email_verification"))).isEqualTo(TokenReason.WRONG_PURPOSE);
        assertThat(reason(() -> ott.consume(b.token(), "magic_link"))).isEqualTo(TokenReason.ONE_TIME_TOKEN_INVALID);
        assertThat(reason(() -> ott.consume("short", "magic_link"))).isEqualTo(TokenReason.ONE_TIME_TOKEN_INVALID);
        assertThat(reason(() -> ott.consume(null, "magic_link"))).isEqualTo(TokenReason.ONE_TIME_TOKEN_INVALID);
    }

    @Test
    void concurrentConsume_exactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 20; round++) {
            OneTimeTokens.Issued i = ott.issue("magic_link", "u1");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> rs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                rs.add(pool.submit(() -> {
                    go.await();
                    try {
                        ott.consume(i.token(), "magic_link");
                        return true;
                    } catch (TokenException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> r : rs) {
                wins += r.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(wins).isEqualTo(1);
        }
    }

    @Test
    void build_refusesInsecureBaseUrl() {
        assertThatThrownBy(() -> OneTimeTokens.builder().store(store).clock(f.clock).baseUrl("http://app.example.com/v").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> OneTimeTokens.builder().store(store).clock(f.clock).baseUrl("/relative").build())
                .isInstanceOf(ConfigurationException.class);
        assertThat(OneTimeTokens.builder().store(store).clock(f.clock).baseUrl("http://localhost:8080/auth/verify").build()
                .issue("x", "u").link().toString()).startsWith("http://localhost:8080/auth/verify?token=");
        assertThatThrownBy(() -> OneTimeTokens.builder().store(store).clock(f.clock).ttl(Duration.ofSeconds(5)).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void purgeExpired() {
        ott.issue("a", "u");
        f.clock.advance(Duration.ofMinutes(16));
        assertThat(ott.purgeExpired()).isEqualTo(1);
    }

    @Test
    void oauthState_boundToBrowser_singleUse_expiring() {
        OAuthState state = OAuthState.of(ott, Duration.ofMinutes(10));
        OAuthState.Started s = state.start("browser-session-1");
        assertThat(s.state()).hasSize(43);
        assertThat(s.nonce()).hasSize(43).isNotEqualTo(s.state());
        assertThat(state.complete(s.state(), "browser-session-1")).isEqualTo(s.nonce());
        assertThat(reason(() -> state.complete(s.state(), "browser-session-1"))).isEqualTo(TokenReason.STATE_INVALID);
        OAuthState.Started other = state.start("browser-session-1");
        assertThat(reason(() -> state.complete(other.state(), "browser-session-2"))).isEqualTo(TokenReason.STATE_INVALID);
        OAuthState.Started late = state.start("b");
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(reason(() -> state.complete(late.state(), "b"))).isEqualTo(TokenReason.STATE_INVALID);
        assertThatThrownBy(() -> OAuthState.of(ott, Duration.ofHours(2))).isInstanceOf(ConfigurationException.class);
    }
}
