package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PenaltyBoxTest {

    private final TestClock clock = new TestClock();
    private final InMemoryAuditSink sink = new InMemoryAuditSink();

    private PenaltyBox box() {
        return PenaltyBox.builder().clock(clock).audit(sink).thresholds(2, 3, 4)
                .window(Duration.ofMinutes(10)).lockout(Duration.ofMinutes(1), Duration.ofMinutes(5))
                .decayAfter(Duration.ofHours(1)).build();
    }

    /**
     * Transition table: a script of steps ({@code v} = violation, {@code +Nm} = advance N minutes,
     * {@code r} = reset) and the state after each step.
     */
    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("escalates by count", List.of("v", "v", "v", "v"), List.of("OK", "WARN", "RESTRICT", "BLOCKED")),
                Arguments.of("lockout ends, back to OK", List.of("v", "v", "v", "v", "+1m"),
                        List.of("OK", "WARN", "RESTRICT", "BLOCKED", "OK")),
                Arguments.of("violations while blocked not counted", List.of("v", "v", "v", "v", "v", "v", "+1m"),
                        List.of("OK", "WARN", "RESTRICT", "BLOCKED", "BLOCKED", "BLOCKED", "OK")),
                Arguments.of("window expiry decays to OK", List.of("v", "v", "v", "+10m"),
                        List.of("OK", "WARN", "RESTRICT", "OK")),
                Arguments.of("reset clears", List.of("v", "v", "r"), List.of("OK", "WARN", "OK")),
                Arguments.of("reset does not lift a lockout", List.of("v", "v", "v", "v", "r"),
                        List.of("OK", "WARN", "RESTRICT", "BLOCKED", "BLOCKED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void transitionTable(String name, List<String> steps, List<String> expected) {
        PenaltyBox b = box();
        for (int i = 0; i < steps.size(); i++) {
            String s = steps.get(i);
            PenaltyStatus st;
            if (s.equals("v")) {
                st = b.recordViolation("k");
            } else if (s.equals("r")) {
                b.reset("k");
                st = b.status("k");
            } else {
                clock.advance(Duration.ofMinutes(Long.parseLong(s.substring(1, s.length() - 1))));
                st = b.status("k");
            }
            assertThat(st.state().name()).as("step %d (%s)", i, s).isEqualTo(expected.get(i));
        }
    }

    @Test
    void lockout_doublesPerStrike_cappedAtMax_strikesDecay() {
        PenaltyBox b = box();
        long[] expectedMinutes = {1, 2, 4, 5, 5};
        for (long minutes : expectedMinutes) {
            PenaltyStatus st = null;
            for (int i = 0; i < 4; i++) {
                st = b.recordViolation("k");
            }
            assertThat(st.state()).isEqualTo(PenaltyState.BLOCKED);
            assertThat(st.retryAfter()).isEqualTo(Duration.ofMinutes(minutes));
            clock.advance(st.retryAfter());
            assertThat(b.status("k").state()).isEqualTo(PenaltyState.OK);
        }
        clock.advance(Duration.ofHours(1));
        assertThat(b.status("k").strikes()).isZero();
        PenaltyStatus st = null;
        for (int i = 0; i < 4; i++) {
            st = b.recordViolation("k");
        }
        assertThat(st.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void everyStateChange_isAudited_withHashedKey() {
        PenaltyBox b = box();
        for (int i = 0; i < 4; i++) {
            b.recordViolation("alice@example.com");
        }
        clock.advance(Duration.ofMinutes(1));
        b.status("alice@example.com");
        List<AuditEvent> events = sink.withAction("penalty_state_change");
        assertThat(events).extracting(e -> e.attributes().get("from") + ">" + e.attributes().get("to"))
                .containsExactly("OK>WARN", "WARN>RESTRICT", "RESTRICT>BLOCKED", "BLOCKED>OK");
        assertThat(events.get(2).reason()).isEqualTo("PENALTY_BLOCKED");
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("alice"));
    }

    @Test
    void boundedTable_forgetsQuietKeys_untrackedNewKeyIsRestricted() {
        PenaltyBox b = PenaltyBox.builder().clock(clock).audit(sink).thresholds(2, 3, 4).maxKeys(2)
                .window(Duration.ofMinutes(10)).decayAfter(Duration.ofMinutes(30)).build();
        b.recordViolation("a");
        b.recordViolation("b");
        assertThat(b.recordViolation("c").state()).isEqualTo(PenaltyState.RESTRICT);
        assertThat(b.size()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(30));
        assertThat(b.recordViolation("c").state()).isEqualTo(PenaltyState.OK);
        assertThat(b.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void build_invalid_configurationException() {
        assertThatThrownBy(() -> PenaltyBox.builder().clock(clock).thresholds(3, 2, 4).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("penalty thresholds must satisfy 1 <= warn <= restrict <= block, were 3, 2, 4");
        assertThatThrownBy(() -> PenaltyBox.builder().build()).hasMessage("clock must be set");
        assertThatThrownBy(() -> PenaltyBox.builder().clock(clock).lockout(Duration.ofHours(2), Duration.ofHours(1)).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void loginThrottle_attackerCannotLockOutVictim_butIsBlockedPerAddress() {
        LoginThrottle t = LoginThrottle.defaults(clock, sink);
        for (int i = 0; i < 10; i++) {
            t.onFailure("victim@example.com", "203.0.113.9");
        }
        assertThat(t.check("victim@example.com", "203.0.113.9").blocked()).isTrue();
        LoginThrottle.Verdict victim = t.check("victim@example.com", "198.51.100.7");
        assertThat(victim.blocked()).isFalse();
        assertThat(victim.restricted()).isTrue();
        // a botnet: many addresses, one failure each: the account is restricted, never blocked
        for (int i = 0; i < 200; i++) {
            t.onFailure("victim@example.com", "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(t.check("victim@example.com", "198.51.100.7").blocked()).isFalse();
        assertThat(t.check("victim@example.com", "198.51.100.7").restricted()).isTrue();
        assertThat(t.check("other@example.com", "198.51.100.7").restricted()).isFalse();
    }

    @Test
    void loginThrottle_successClearsPair() {
        LoginThrottle t = LoginThrottle.defaults(clock, sink);
        for (int i = 0; i < 5; i++) {
            t.onFailure("u@example.com", "192.0.2.1");
        }
        t.onSuccess("u@example.com", "192.0.2.1");
        assertThat(t.onFailure("u@example.com", "192.0.2.1").blocked()).isFalse();
    }
}
