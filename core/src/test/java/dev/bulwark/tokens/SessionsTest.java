package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.spi.SessionRecord;
import dev.bulwark.tokens.spi.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final Fixtures f = new Fixtures();

    private TokenReason checkReason(String sid, String user) {
        try {
            f.sessions.check(sid, user, null);
        } catch (TokenException e) {
            return e.tokenReason();
        }
        throw new AssertionError("session accepted");
    }

    @Test
    void open_storesOnlyTheHash_andIdIs256Bit() {
        Sessions.NewSession s = f.session("u1");
        assertThat(s.sessionId()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(s.session().handle()).isEqualTo(Sessions.handleOf(s.sessionId())).isNotEqualTo(s.sessionId());
        assertThat(f.sessionStore.find(s.sessionId())).isEmpty();
        assertThat(f.sessionStore.find(s.session().handle())).isPresent();
        assertThat(s.toString()).doesNotContain(s.sessionId());
    }

    @Test
    void list_showsLiveSessionsWithDeviceAndTimes() {
        Sessions.NewSession a = f.session("u1");
        f.clock.advance(Duration.ofMinutes(5));
        Sessions.NewSession b = f.sessions.open("u1", "org-1", "phone", Set.of(), Set.of());
        f.session("u2");
        f.clock.advance(Duration.ofMinutes(2));
        f.sessions.check(a.sessionId(), "u1", null);
        List<SessionRecord> l = f.sessions.list("u1");
        assertThat(l).extracting(SessionRecord::handle).containsExactly(a.session().handle(), b.session().handle());
        assertThat(l.get(1).device()).isEqualTo("phone");
        assertThat(l.get(0).lastUsedAt()).isEqualTo(f.clock.instant());
        assertThat(l.get(0).createdAt()).isEqualTo(f.clock.instant().minus(Duration.ofMinutes(7)));
    }

    @Test
    void revokeOne_onlyByOwner() {
        Sessions.NewSession a = f.session("u1");
        assertThat(f.sessions.revoke("u2", a.session().handle())).isFalse();
        assertThat(f.sessions.check(a.sessionId(), "u1", null).userId()).isEqualTo("u1");
        assertThat(f.sessions.revoke("u1", a.session().handle())).isTrue();
        assertThat(f.sessions.revoke("u1", a.session().handle())).isFalse();
        assertThat(checkReason(a.sessionId(), "u1")).isEqualTo(TokenReason.SESSION_REVOKED);
        assertThat(f.audit.events()).anyMatch(e -> e.action().equals("session_revoke"));
    }

    @Test
    void signOutEverywhereElse_leavesOnlyCurrent() {
        Sessions.NewSession a = f.session("u1");
        Sessions.NewSession b = f.session("u1");
        Sessions.NewSession c = f.session("u1");
        Sessions.NewSession other = f.session("u2");
        assertThat(f.sessions.revokeOthers("u1", b.sessionId())).isEqualTo(2);
        assertThat(f.sessions.list("u1")).extracting(SessionRecord::handle).containsExactly(b.session().handle());
        assertThat(checkReason(a.sessionId(), "u1")).isEqualTo(TokenReason.SESSION_REVOKED);
        assertThat(checkReason(c.sessionId(), "u1")).isEqualTo(TokenReason.SESSION_REVOKED);
        assertThat(f.sessions.check(other.sessionId(), "u2", null).userId()).isEqualTo("u2");
        assertThat(f.audit.events()).anyMatch(e -> e.action().equals("sign_out_everywhere"));
    }

    @Property(tries = 50)
    void signOutEverywhere_property(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = 0, max = 11) int keep) {
        Fixtures g = new Fixtures();
        List<Sessions.NewSession> all = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(g.session("u"));
        }
        Sessions.NewSession current = all.get(keep % n);
        g.sessions.revokeOthers("u", current.sessionId());
        assertThat(g.sessions.list("u")).extracting(SessionRecord::handle).containsExactly(current.session().handle());
    }

    @Test
    void revokeAll_onPasswordChange_invalidatesOldTokensAndSessions() {
        Sessions.NewSession a = f.session("u1");
        String oldToken = f.tokens.issue(new AccessTokenClaims("u1", null, a.sessionId(), null, null)).token();
        f.clock.advance(Duration.ofSeconds(10));
        assertThat(f.sessions.revokeAll("u1")).isEqualTo(1);
        assertThatThrownBy(() -> f.tokens.verify(oldToken)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.SESSION_REVOKED);
        f.clock.advance(Duration.ofSeconds(1));
        Sessions.NewSession fresh = f.session("u1");
        String newToken = f.tokens.issue(new AccessTokenClaims("u1", null, fresh.sessionId(), null, null)).token();
        assertThat(f.tokens.verify(newToken).subject()).isEqualTo("u1");
    }

    @Test
    void idleAndAbsoluteTimeouts() {
        Sessions s = Sessions.builder().store(SessionStore.inMemory(10)).clock(f.clock)
                .idleTimeout(Duration.ofMinutes(30)).absoluteTimeout(Duration.ofHours(2)).build();
        Sessions.NewSession a = s.open("u", null, null, null, null);
        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofMinutes(29));
            s.check(a.sessionId(), "u", null);
        }
        f.clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> s.check(a.sessionId(), "u", null)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.SESSION_EXPIRED);
        Sessions.NewSession b = s.open("u", null, null, null, null);
        for (int i = 0; i < 4; i++) {
            f.clock.advance(Duration.ofMinutes(29));
            s.check(b.sessionId(), "u", null);
        }
        f.clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> s.check(b.sessionId(), "u", null)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.SESSION_EXPIRED);
        assertThat(s.list("u")).isEmpty();
    }

    @Test
    void purgeExpired_removesDeadSessions() {
        TestClock clock = new TestClock();
        SessionStore store = SessionStore.inMemory(10);
        Sessions s = Sessions.builder().store(store).clock(clock).absoluteTimeout(Duration.ofHours(1)).build();
        Sessions.NewSession a = s.open("u", null, null, null, null);
        Sessions.NewSession b = s.open("u", null, null, null, null);
        s.revoke("u", b.session().handle());
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.purgeExpired()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(s.purgeExpired()).isEqualTo(1);
        assertThat(store.find(a.session().handle())).isEmpty();
        assertThatThrownBy(() -> s.check(a.sessionId(), "u", null)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.SESSION_UNKNOWN);
    }

    @Test
    void boundedStore_refusesWhenFull_untilPurged() {
        TestClock clock = new TestClock();
        Sessions s = Sessions.builder().store(SessionStore.inMemory(2)).clock(clock).absoluteTimeout(Duration.ofMinutes(5)).build();
        s.open("u", null, null, null, null);
        s.open("u", null, null, null, null);
        assertThatThrownBy(() -> s.open("u", null, null, null, null)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.STORE_FULL);
        clock.advance(Duration.ofMinutes(6));
        s.purgeExpired();
        assertThat(s.open("u", null, null, null, null).sessionId()).isNotBlank();
    }

    @Test
    void build_validates() {
        assertThatThrownBy(() -> Sessions.builder().clock(f.clock).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Sessions.builder().store(f.sessionStore).clock(f.clock).idleTimeout(Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> Sessions.builder().store(f.sessionStore).clock(f.clock).absoluteTimeout(Duration.ofDays(401)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("absoluteTimeout");
    }
}
