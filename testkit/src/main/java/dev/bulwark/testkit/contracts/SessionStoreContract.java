package dev.bulwark.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.spi.SessionRecord;
import dev.bulwark.tokens.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} must have. Extend it and implement {@link #store()}.
 */
public abstract class SessionStoreContract {

    /** A fixed instant the suite's records are built around (whole microseconds, as databases keep them). */
    protected static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** {@return the store under test (may be the same instance for every test of a class)} */
    protected abstract SessionStore store();

    /**
     * @param user the user id
     * @return a new, active session record with a random handle
     */
    protected static SessionRecord session(String user) {
        return new SessionRecord(RandomTokens.base64Url(32), user, "org-" + user, "Firefox on Linux",
                Set.of("member"), Set.of("projects.read"), T0, T0, T0.plus(Duration.ofDays(30)), null);
    }

    private static String user() {
        return "u-" + RandomTokens.hex(16);
    }

    @Test
    void create_thenFind_returnsEveryField() {
        SessionRecord s = session(user());
        store().create(s);
        assertThat(store().find(s.handle())).contains(s);
        assertThat(store().find("no-such-handle-" + RandomTokens.hex(16))).isEmpty();
    }

    @Test
    void touch_onlyMovesLastUsedForward() {
        SessionRecord s = session(user());
        store().create(s);
        store().touch(s.handle(), T0.plusSeconds(60));
        store().touch(s.handle(), T0.plusSeconds(30));
        assertThat(store().find(s.handle()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void revoke_isOnce_andKeepsTheRecordMarked() {
        SessionRecord s = session(user());
        store().create(s);
        assertThat(store().revoke(s.handle(), T0.plusSeconds(5))).isTrue();
        assertThat(store().revoke(s.handle(), T0.plusSeconds(9))).isFalse();
        assertThat(store().find(s.handle()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store().revoke("no-such-handle-" + RandomTokens.hex(16), T0)).isFalse();
    }

    @Test
    void listByUser_returnsThatUsersSessionsOnly() {
        String alice = user();
        SessionRecord a1 = session(alice);
        SessionRecord a2 = session(alice);
        SessionRecord b1 = session(user());
        store().create(a1);
        store().create(a2);
        store().create(b1);
        assertThat(store().listByUser(alice)).containsExactlyInAnyOrder(a1, a2);
        assertThat(store().listByUser(user())).isEmpty();
    }

    @Test
    void purgeExpired_removesExpiredRevokedAndIdleSessions_only() {
        String u = user();
        SessionRecord live = session(u);
        SessionRecord expired = new SessionRecord(RandomTokens.base64Url(32), u, null, null, Set.of(), Set.of(), T0,
                T0.plusSeconds(3000), T0.plusSeconds(3600), null);
        SessionRecord revoked = session(u);
        SessionRecord idle = new SessionRecord(RandomTokens.base64Url(32), u, null, null, Set.of(), Set.of(),
                T0.minus(Duration.ofDays(20)), T0.minus(Duration.ofDays(20)), T0.plus(Duration.ofDays(30)), null);
        store().create(live);
        store().create(expired);
        store().create(revoked);
        store().create(idle);
        store().revoke(revoked.handle(), T0.plusSeconds(1));
        int purged = store().purgeExpired(T0.plus(Duration.ofHours(2)), T0.minus(Duration.ofDays(14)));
        assertThat(purged).isNotNegative(); // stores with TTLs may have dropped the expired one already
        assertThat(store().listByUser(u)).extracting(SessionRecord::handle).containsExactly(live.handle());
    }

    @Test
    void validAfter_onlyMovesForward() {
        String u = user();
        assertThat(store().validAfter(u)).isEmpty();
        store().setValidAfter(u, T0.plusSeconds(100));
        store().setValidAfter(u, T0.plusSeconds(50));
        assertThat(store().validAfter(u)).contains(T0.plusSeconds(100));
        store().setValidAfter(u, T0.plusSeconds(200));
        assertThat(store().validAfter(u)).contains(T0.plusSeconds(200));
    }
}
