package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.InMemoryAuditSink;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void advanceAndSet_moveTheClock_sharedAcrossZones() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofMinutes(90));
        assertThat(paris.instant()).isEqualTo(Instant.parse("2026-01-01T01:30:00Z"));
        clock.set(Instant.parse("2030-05-05T05:05:05Z"));
        assertThat(paris.instant()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z").toEpochMilli());
        assertThat(clock.nanoTime()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z").toEpochMilli() * 1_000_000L);
    }

    @Test
    void auditAssertions_passAndFailAsExpected() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        sink.record(AuditEvent.builder("auth", "login").outcome(AuditOutcome.FAILURE).reason("BAD_PASSWORD").build(clock));
        AuditAssertions.assertThat(sink).hasEvent("login").hasEvent("login", AuditOutcome.FAILURE)
                .hasReason("BAD_PASSWORD").hasNoEvent("logout").containsNoText("hunter2").hasSize(1);
        assertThatThrownBy(() -> AuditAssertions.assertThat(sink).hasEvent("logout"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("auth/login/FAILURE/BAD_PASSWORD");
        assertThatThrownBy(() -> AuditAssertions.assertThat(sink).containsNoText("BAD_PASS"))
                .isInstanceOf(AssertionError.class);
    }
}
