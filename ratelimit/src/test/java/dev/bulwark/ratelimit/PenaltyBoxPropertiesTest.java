package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PenaltyBoxPropertiesTest {

    /**
     * Over any schedule of violations (0) and pauses (n > 0 seconds): a lockout needs {@code block}
     * violations outside lockouts; lockouts never exceed the cap; each lockout is double the previous one
     * (capped) unless the key was quiet for the decay period; a blocked key stays blocked until its lockout
     * ends.
     */
    @Property(tries = 300)
    void escalation_invariants(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 400) Integer> steps,
                               @ForAll @IntRange(min = 1, max = 6) int block) {
        TestClock clock = new TestClock();
        Duration base = Duration.ofSeconds(10);
        Duration max = Duration.ofSeconds(70);
        Duration decay = Duration.ofSeconds(600);
        PenaltyBox box = PenaltyBox.builder().clock(clock).audit(AuditSinks.noop())
                .thresholds(1, Math.max(1, block - 1), block).window(Duration.ofSeconds(60))
                .lockout(base, max).decayAfter(decay).build();
        int countedSinceLastBlock = 0;
        Duration lastLockout = null;
        java.time.Instant lastViolation = null;
        java.time.Instant blockedUntil = null;
        boolean decayedSinceLastBlock = false;
        for (int step : steps) {
            if (step == 0) {
                boolean wasBlocked = blockedUntil != null && clock.instant().isBefore(blockedUntil);
                boolean quiet = lastViolation != null && !clock.instant().isBefore(lastViolation.plus(decay))
                        && (blockedUntil == null || !clock.instant().isBefore(blockedUntil.plus(decay)));
                PenaltyStatus s = box.recordViolation("k");
                if (wasBlocked) {
                    assertThat(s.state()).isEqualTo(PenaltyState.BLOCKED);
                    assertThat(s.blockedUntil()).isEqualTo(blockedUntil);
                    continue;
                }
                // a quiet period before any violation since the last lockout resets the escalation for good
                decayedSinceLastBlock |= quiet;
                lastViolation = clock.instant();
                countedSinceLastBlock++;
                if (s.blocked()) {
                    assertThat(countedSinceLastBlock).isGreaterThanOrEqualTo(block);
                    assertThat(s.retryAfter()).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(base);
                    if (lastLockout != null && !decayedSinceLastBlock) {
                        Duration doubled = lastLockout.multipliedBy(2);
                        assertThat(s.retryAfter()).isEqualTo(doubled.compareTo(max) > 0 ? max : doubled);
                    }
                    if (decayedSinceLastBlock || lastLockout == null) {
                        assertThat(s.retryAfter()).isEqualTo(base);
                    }
                    lastLockout = s.retryAfter();
                    blockedUntil = s.blockedUntil();
                    countedSinceLastBlock = 0;
                    decayedSinceLastBlock = false;
                }
            } else {
                clock.advance(Duration.ofSeconds(step));
                PenaltyStatus s = box.status("k");
                boolean shouldBeBlocked = blockedUntil != null && clock.instant().isBefore(blockedUntil);
                assertThat(s.blocked()).isEqualTo(shouldBeBlocked);
            }
        }
    }
}
