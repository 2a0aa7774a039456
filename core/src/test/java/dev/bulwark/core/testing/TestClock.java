package dev.bulwark.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A settable clock for Bulwark's own module tests (hosts use {@code dev.bulwark.testkit.MutableClock}).
 * Thread-safe. {@link #nanoTime()} follows the same instant, for nano-time sources.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** @param start the initial instant */
    public TestClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    /** A clock at 2026-01-01T00:00:00Z. */
    public TestClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** @param d how far to move forward (or back, if negative) @return this */
    public TestClock advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
        return this;
    }

    /** @param instant the new current instant @return this */
    public TestClock set(Instant instant) {
        now.set(instant);
        return this;
    }

    /** {@return the current instant in nanoseconds since the epoch} */
    public long nanoTime() {
        Instant i = now.get();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new TestClock(now, z);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
