package dev.bulwark.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The one time source of every limiter in this module: a reading in nanoseconds on a fixed but arbitrary
 * origin. Only differences between readings matter. Implementations must be thread-safe; a reading that goes
 * backwards is treated as "no time passed" (a limiter never refills because the clock stepped back).
 *
 * <p>Tests inject a settable clock ({@code TestClock::nanoTime}, {@code MutableClock::nanoTime}); production
 * code uses {@link #system()}.
 */
@FunctionalInterface
public interface TimeSource {

    /** {@return the current reading in nanoseconds} */
    long nanoTime();

    /** {@return the JVM's monotonic clock, {@link System#nanoTime()}} */
    static TimeSource system() {
        return System::nanoTime;
    }

    /**
     * A time source that reads an injected {@link Clock} (nanoseconds since the epoch). Use it when the host
     * already injects a {@code Clock}; note that a wall clock may step, which limiters tolerate (no refill
     * while it is behind).
     *
     * @param clock the clock, not {@code null}
     * @return the time source
     */
    static TimeSource of(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return () -> {
            Instant i = clock.instant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        };
    }
}
