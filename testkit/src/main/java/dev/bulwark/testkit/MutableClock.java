package dev.bulwark.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand, so that nothing time-dependent ever needs to sleep.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
 * AccessTokens tokens = AccessTokens.builder()...clock(clock).build();
 * String t = tokens.issue(...);
 * clock.advance(Duration.ofMinutes(31));
 * assertThatThrownBy(() -> tokens.verify(t)) ... EXPIRED
 * }</pre>
 *
 * <p>Copies made with {@link #withZone(ZoneId)} share the same instant. {@link #nanoTime()} follows the same
 * instant, for components that take a nano-time source. This class is thread-safe.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param start the initial instant
     * @return a clock at {@code start}, in UTC
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * @param isoInstant the initial instant, e.g. {@code 2026-01-01T00:00:00Z}
     * @return a clock at that instant, in UTC
     */
    public static MutableClock at(String isoInstant) {
        return at(Instant.parse(isoInstant));
    }

    /**
     * Moves the clock.
     *
     * @param duration how far (negative moves back)
     * @return this
     */
    public MutableClock advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        now.updateAndGet(i -> i.plus(duration));
        return this;
    }

    /**
     * Sets the clock.
     *
     * @param instant the new instant
     * @return this
     */
    public MutableClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    /** {@return the current instant as nanoseconds since the epoch (for nano-time sources)} */
    public long nanoTime() {
        Instant i = now.get();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public MutableClock withZone(ZoneId newZone) {
        return new MutableClock(now, Objects.requireNonNull(newZone, "zone"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + "]";
    }
}
