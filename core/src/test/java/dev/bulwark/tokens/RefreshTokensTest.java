package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {

    private final Fixtures f = new Fixtures();
    private final RefreshTokenStore store = RefreshTokenStore.inMemory(10_000);
    private final RefreshTokens refresh = RefreshTokens.builder().store(store).sessions(f.sessions)
            .accessTokens(f.tokens).clock(f.clock).auditSink(f.audit).build();

    private static TokenReason reason(Runnable r) {
        try {
            r.run();
        } catch (TokenException e) {
            return e.tokenReason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void login_thenRefresh_keepsSid_rotatesToken() {
        TokenPair p1 = refresh.login("u1", "org-1", "laptop", Set.of("admin"), Set.of("a.b"));
        assertThat(p1.refreshToken()).startsWith("rt_").hasSize(3 + 43 + 1 + 43);
        f.clock.advance(Duration.ofMinutes(10));
        TokenPair p2 = refresh.refresh(p1.refreshToken());
        assertThat(p2.refreshToken()).isNotEqualTo(p1.refreshToken());
        assertThat(p2.sessionHandle()).isEqualTo(p1.sessionHandle());
        VerifiedToken v = f.tokens.verify(p2.accessToken().token());
        assertThat(v.sessionId()).isEqualTo(p1.sessionId());
        assertThat(v.roles()).containsExactly("admin");
        assertThat(f.sessions.list("u1").get(0).lastUsedAt()).isEqualTo(f.clock.instant());
        assertThat(p2.toString()).doesNotContain(p2.refreshToken());
        f.clock.advance(Duration.ofSeconds(5));
        refresh.refresh(p2.refreshToken());
        assertThat(f.sessions.list("u1").get(0).lastUsedAt()).isEqualTo(f.clock.instant());
    }

    @Test
    void reuseOfRotatedToken_revokesWholeChain_andAudits() {
        TokenPair p1 = refresh.login("u1", null, null, null, null);
        TokenPair p2 = refresh.refresh(p1.refreshToken());
        assertThat(reason(() -> refresh.refresh(p1.refreshToken()))).isEqualTo(TokenReason.REFRESH_REUSED);
        assertThat(reason(() -> refresh.refresh(p2.refreshToken()))).isEqualTo(TokenReason.SESSION_REVOKED);
        assertThat(reason(() -> f.tokens.verify(p2.accessToken().token()))).isEqualTo(TokenReason.SESSION_REVOKED);
        assertThat(f.audit.events()).anyMatch(e -> e.action().equals("REFRESH_REUSE_DETECTED")
                && "REFRESH_REUSED".equals(e.reason()) && "u1".equals(e.actor()));
        assertThat(f.audit.events().toString()).doesNotContain(p1.refreshToken()).doesNotContain(p1.sessionId());
    }

    @Test
    void overlapWindow_toleratesImmediateRetry_stillOneLiveToken() {
        RefreshTokens tolerant = RefreshTokens.builder().store(store).sessions(f.sessions).accessTokens(f.tokens)
                .clock(f.clock).reuseOverlap(Duration.ofSeconds(10)).build();
        TokenPair p1 = tolerant.login("u1", null, null, null, null);
        TokenPair p2 = tolerant.refresh(p1.refreshToken());
        f.clock.advance(Duration.ofSeconds(5));
        TokenPair retry = tolerant.refresh(p1.refreshToken());
        assertThat(retry.sessionId()).isEqualTo(p1.sessionId());
        // p2 was rotated in p1's place: exactly one live token remains (the retry's).
        long live = java.util.stream.Stream.of(p1, p2, retry)
                .map(p -> store.find(dev.bulwark.tokens.internal.Hashes.sha256B64(p.refreshToken())).orElseThrow())
                .filter(r -> r.state() == dev.bulwark.tokens.spi.RefreshTokenRecord.State.ACTIVE).count();
        assertThat(live).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(11));
        assertThat(reason(() -> tolerant.refresh(p2.refreshToken()))).isEqualTo(TokenReason.REFRESH_REUSED);
    }

    @Test
    void overlapWindow_expired_isReuse() {
        RefreshTokens tolerant = RefreshTokens.builder().store(store).sessions(f.sessions).accessTokens(f.tokens)
                .clock(f.clock).reuseOverlap(Duration.ofSeconds(10)).build();
        TokenPair p1 = tolerant.login("u1", null, null, null, null);
        tolerant.refresh(p1.refreshToken());
        f.clock.advance(Duration.ofSeconds(11));
        assertThat(reason(() -> tolerant.refresh(p1.refreshToken()))).isEqualTo(TokenReason.REFRESH_REUSED);
    }

    @Test
    void familyAbsoluteLifetime_notExtendedByRotation() {
        RefreshTokens shortLived = RefreshTokens.builder().store(store).sessions(f.sessions).accessTokens(f.tokens)
                .clock(f.clock).familyLifetime(Duration.ofHours(2)).build();
        TokenPair p = shortLived.login("u1", null, null, null, null);
        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofMinutes(30));
            p = shortLived.refresh(p.refreshToken());
        }
        f.clock.advance(Duration.ofMinutes(31));
        TokenPair last = p;
        assertThat(reason(() -> shortLived.refresh(last.refreshToken()))).isIn(TokenReason.REFRESH_EXPIRED, TokenReason.SESSION_EXPIRED);
    }

    @Test
    void revokedSession_refreshFails() {
        TokenPair p = refresh.login("u1", null, null, null, null);
        f.sessions.revokeBySessionId(p.sessionId());
        assertThat(reason(() -> refresh.refresh(p.refreshToken()))).isEqualTo(TokenReason.SESSION_REVOKED);
    }

    @Test
    void malformedOrUnknown_rejected() {
        TokenPair p = refresh.login("u1", null, null, null, null);
        String t = p.refreshToken();
        assertThat(reason(() -> refresh.refresh(null))).isEqualTo(TokenReason.REFRESH_INVALID);
        assertThat(reason(() -> refresh.refresh("rt_x"))).isEqualTo(TokenReason.REFRESH_INVALID);
        assertThat(reason(() -> refresh.refresh(t.substring(0, t.length() - 1) + (t.endsWith("A") ? "B" : "A"))))
                .isEqualTo(TokenReason.REFRESH_INVALID);
        assertThat(reason(() -> refresh.refresh(f.valid("u1")))).isEqualTo(TokenReason.REFRESH_INVALID);
        // a refresh token is not an access token either
        assertThat(reason(() -> f.tokens.verify(t))).isEqualTo(TokenReason.MALFORMED);
    }

    @Test
    void concurrentRefreshOfSameToken_exactlyOneWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            TokenPair p = refresh.login("u" + round, null, null, null, null);
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TokenReason>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        refresh.refresh(p.refreshToken());
                        return null;
                    } catch (TokenException e) {
                        return e.tokenReason();
                    }
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<TokenReason> r : results) {
                TokenReason reason = r.get();
                if (reason == null) {
                    wins++;
                } else {
                    assertThat(reason).isIn(TokenReason.REFRESH_REUSED, TokenReason.SESSION_REVOKED);
                }
            }
            pool.shutdown();
            assertThat(wins).isEqualTo(1);
        }
    }

    @Property(tries = 40)
    void family_neverHasTwoLiveTokens_andReuseAlwaysRevokes(
            @ForAll @Size(min = 1, max = 15) List<@IntRange(min = 0, max = 20) Integer> picks) {
        Fixtures g = new Fixtures();
        RefreshTokenStore s = RefreshTokenStore.inMemory(1000);
        RefreshTokens r = RefreshTokens.builder().store(s).sessions(g.sessions).accessTokens(g.tokens).clock(g.clock).build();
        List<String> issued = new ArrayList<>();
        TokenPair first = r.login("u", null, null, null, null);
        issued.add(first.refreshToken());
        boolean revoked = false;
        for (int pick : picks) {
            String presented = issued.get(pick % issued.size());
            boolean isLatest = presented.equals(issued.get(issued.size() - 1));
            try {
                TokenPair next = r.refresh(presented);
                assertThat(revoked).isFalse();
                assertThat(isLatest).isTrue();
                issued.add(next.refreshToken());
            } catch (TokenException e) {
                if (!revoked) {
                    assertThat(isLatest).isFalse();
                    assertThat(e.tokenReason()).isEqualTo(TokenReason.REFRESH_REUSED);
                    revoked = true;
                } else {
                    assertThat(e.tokenReason()).isIn(TokenReason.SESSION_REVOKED, TokenReason.REFRESH_REUSED);
                }
            }
            long live = issued.stream().map(t -> dev.bulwark.tokens.internal.Hashes.sha256B64(t)).map(s::find)
                    .filter(o -> o.isPresent() && o.get().state() == dev.bulwark.tokens.spi.RefreshTokenRecord.State.ACTIVE)
                    .count();
            assertThat(live).isEqualTo(revoked ? 0 : 1);
        }
    }

    @Test
    void build_validates() {
        assertThatThrownBy(() -> RefreshTokens.builder().store(store).sessions(f.sessions).accessTokens(f.tokens)
                .clock(f.clock).reuseOverlap(Duration.ofSeconds(61)).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("reuseOverlap");
        assertThatThrownBy(() -> RefreshTokens.builder().sessions(f.sessions).accessTokens(f.tokens).clock(f.clock).build())
                .isInstanceOf(ConfigurationException.class);
    }
}
