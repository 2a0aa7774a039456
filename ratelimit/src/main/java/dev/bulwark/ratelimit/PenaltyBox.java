package dev.bulwark.ratelimit;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.internal.KeyDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Escalation for repeated violations (failed logins, rate-limit refusals, invalid signatures):
 * {@code OK → WARN → RESTRICT → BLOCKED}.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Violations are counted in a fixed window ({@code window}, default 15 min) that starts at the first
 *     violation after the previous window ended. The state is {@code WARN} from {@code warnAfter} violations
 *     (default 3), {@code RESTRICT} from {@code restrictAfter} (default 5).</li>
 * <li>At {@code blockAfter} violations (default 10) the key is {@code BLOCKED} for
 *     {@code min(maxLockout, baseLockout × 2^(strikes − 1))} (defaults 1 min and 1 h: 1, 2, 4, ... 60 min) and
 *     the count restarts. Violations while blocked are not counted (they cannot prolong the lockout).</li>
 * <li>When the lockout ends the key is back to {@code OK} (its count restarted), but its strikes remain, so
 *     the next lockout is twice as long, until the key has been quiet (no violation) for {@code decayAfter}
 *     (default 24 h): then strikes return to 0. A window without violations also brings the state to OK.</li>
 * <li>Every state change is an {@link AuditEvent} ({@code ratelimit}/{@code penalty_state_change}, the key
 *     as a 12-hex SHA-256 prefix, attributes {@code from}, {@code to}, {@code strikes}); time-driven changes
 *     (a lockout ending) are audited when next observed.</li>
 * </ul>
 *
 * <p>Bounded memory: at most {@code maxKeys} keys (default 100,000). When full, keys that are OK with no
 * strikes left are forgotten; if none can be, a new key's violation is not tracked and is reported as
 * {@code RESTRICT} (fail closed toward friction, never toward a lockout of an innocent key), and audited.
 *
 * <p>Thread-safe: per-key updates are atomic ({@link ConcurrentHashMap#compute}).
 */
public final class PenaltyBox {

    private record Entry(PenaltyState reported, int count, long windowStart, int strikes, long blockedUntil,
                         long lastViolation) {
    }

    private final int warnAfter;
    private final int restrictAfter;
    private final int blockAfter;
    private final long windowMs;
    private final long baseLockoutMs;
    private final long maxLockoutMs;
    private final long decayMs;
    private final int maxKeys;
    private final Clock clock;
    private final AuditSink audit;
    private final String name;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    private PenaltyBox(Builder b) {
        this.warnAfter = b.warnAfter;
        this.restrictAfter = b.restrictAfter;
        this.blockAfter = b.blockAfter;
        this.windowMs = b.window.toMillis();
        this.baseLockoutMs = b.baseLockout.toMillis();
        this.maxLockoutMs = b.maxLockout.toMillis();
        this.decayMs = b.decayAfter.toMillis();
        this.maxKeys = b.maxKeys;
        this.clock = b.clock;
        this.audit = AuditSinks.failSafe(b.audit);
        this.name = b.name;
    }

    /** {@return a builder with the defaults described on the class} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one violation by {@code key} and returns its standing afterwards.
     *
     * @param key the key (account, IP, API key id), non-empty; audited only as a hash
     * @return the status after the violation
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY}
     */
    public PenaltyStatus recordViolation(String key) {
        RateLimitException.requireKey(key);
        long now = clock.millis();
        boolean reserved = false;
        if (!entries.containsKey(key)) {
            if (!reserveSlot(now)) {
                emit(key, PenaltyState.OK, PenaltyState.RESTRICT, 0, "untracked_table_full");
                return new PenaltyStatus(PenaltyState.RESTRICT, 0, 0, null, Duration.ZERO);
            }
            reserved = true;
        }
        Entry[] before = new Entry[1];
        boolean[] created = new boolean[1];
        Entry after = entries.compute(key, (k, e) -> {
            if (e == null) {
                e = new Entry(PenaltyState.OK, 0, now, 0, 0, now);
                created[0] = true;
            }
            before[0] = e;
            return violate(normalize(e, now), now);
        });
        if (reserved && !created[0]) {
            size.decrementAndGet();
        } else if (!reserved && created[0]) {
            size.incrementAndGet();
        }
        if (before[0].reported() != after.reported()) {
            emit(key, before[0].reported(), after.reported(), after.strikes(), null);
        }
        return status(after, now);
    }

    /**
     * The standing of {@code key} now, without recording anything.
     *
     * @param key the key
     * @return the status ({@code OK} for an unknown key)
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY}
     */
    public PenaltyStatus status(String key) {
        RateLimitException.requireKey(key);
        long now = clock.millis();
        Entry[] before = new Entry[1];
        Entry after = entries.computeIfPresent(key, (k, e) -> {
            before[0] = e;
            return normalize(e, now);
        });
        if (after == null) {
            return new PenaltyStatus(PenaltyState.OK, 0, 0, null, Duration.ZERO);
        }
        if (before[0].reported() != after.reported()) {
            emit(key, before[0].reported(), after.reported(), after.strikes(), null);
        }
        return status(after, now);
    }

    /**
     * Forgets {@code key}'s count and strikes (e.g. after a successful login). A key that is blocked stays
     * blocked until its lockout ends: success does not lift a lockout.
     *
     * @param key the key
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY}
     */
    public void reset(String key) {
        RateLimitException.requireKey(key);
        long now = clock.millis();
        Entry[] before = new Entry[1];
        Entry after = entries.computeIfPresent(key, (k, e) -> {
            Entry n = normalize(e, now);
            before[0] = e;
            if (n.reported() == PenaltyState.BLOCKED) {
                return n;
            }
            return null;
        });
        if (after == null && before[0] != null) {
            size.decrementAndGet();
            if (before[0].reported() != PenaltyState.OK) {
                emit(key, before[0].reported(), PenaltyState.OK, 0, "reset");
            }
        }
    }

    /** {@return the number of keys tracked} */
    public int size() {
        return size.get();
    }

    private Entry normalize(Entry e, long now) {
        int count = e.count();
        long windowStart = e.windowStart();
        int strikes = e.strikes();
        if (e.blockedUntil() > now) {
            return new Entry(PenaltyState.BLOCKED, count, windowStart, strikes, e.blockedUntil(), e.lastViolation());
        }
        if (now - windowStart >= windowMs) {
            count = 0;
        }
        if (now - e.lastViolation() >= decayMs && e.blockedUntil() + decayMs <= now) {
            strikes = 0;
        }
        return new Entry(stateFor(count), count, windowStart, strikes, e.blockedUntil(), e.lastViolation());
    }

    private Entry violate(Entry e, long now) {
        if (e.reported() == PenaltyState.BLOCKED) {
            return e;
        }
        int count = e.count();
        long windowStart = e.windowStart();
        if (count == 0) {
            windowStart = now;
        }
        count++;
        if (count >= blockAfter) {
            int strikes = e.strikes() + 1;
            long lockout = strikes > 40 ? maxLockoutMs : Math.min(maxLockoutMs, baseLockoutMs << Math.min(strikes - 1, 40));
            if (lockout <= 0) {
                lockout = maxLockoutMs;
            }
            return new Entry(PenaltyState.BLOCKED, 0, now, strikes, now + lockout, now);
        }
        return new Entry(stateFor(count), count, windowStart, e.strikes(), e.blockedUntil(), now);
    }

    private PenaltyState stateFor(int count) {
        return count >= restrictAfter ? PenaltyState.RESTRICT : count >= warnAfter ? PenaltyState.WARN : PenaltyState.OK;
    }

    private PenaltyStatus status(Entry e, long now) {
        boolean blocked = e.reported() == PenaltyState.BLOCKED;
        return new PenaltyStatus(e.reported(), e.count(), e.strikes(),
                blocked ? Instant.ofEpochMilli(e.blockedUntil()) : null,
                blocked ? Duration.ofMillis(e.blockedUntil() - now) : Duration.ZERO);
    }

    private boolean reserveSlot(long now) {
        for (;;) {
            int c = size.get();
            if (c < maxKeys) {
                if (size.compareAndSet(c, c + 1)) {
                    return true;
                }
                continue;
            }
            if (sweep(now) == 0) {
                return false;
            }
        }
    }

    private synchronized int sweep(long now) {
        int freed = 0;
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Entry n = normalize(me.getValue(), now);
            if (n.reported() == PenaltyState.OK && n.strikes() == 0 && n.count() == 0
                    && entries.remove(me.getKey(), me.getValue())) {
                size.decrementAndGet();
                freed++;
            }
        }
        return freed;
    }

    private void emit(String key, PenaltyState from, PenaltyState to, int strikes, String note) {
        audit.record(AuditEvent.builder("ratelimit", "penalty_state_change")
                .outcome(to == PenaltyState.BLOCKED ? AuditOutcome.DENIED : AuditOutcome.SUCCESS)
                .subject("key#" + KeyDigest.of(key))
                .reason(to == PenaltyState.BLOCKED ? RateLimitReason.PENALTY_BLOCKED.name() : null)
                .attribute("box", name)
                .attribute("from", from.name())
                .attribute("to", to.name())
                .attribute("strikes", Integer.toString(strikes))
                .attribute("note", note)
                .build(clock));
    }

    /** Builds a {@link PenaltyBox}. Not thread-safe. */
    public static final class Builder {
        private int warnAfter = 3;
        private int restrictAfter = 5;
        private int blockAfter = 10;
        private Duration window = Duration.ofMinutes(15);
        private Duration baseLockout = Duration.ofMinutes(1);
        private Duration maxLockout = Duration.ofHours(1);
        private Duration decayAfter = Duration.ofHours(24);
        private int maxKeys = 100_000;
        private Clock clock;
        private AuditSink audit = AuditSinks.slf4j();
        private String name = "penalty";

        private Builder() {
        }

        /**
         * @param warn violations in a window for WARN (default 3)
         * @param restrict violations for RESTRICT (default 5)
         * @param block violations for BLOCKED (default 10); {@code Integer.MAX_VALUE} never blocks
         * @return this
         */
        public Builder thresholds(int warn, int restrict, int block) {
            this.warnAfter = warn;
            this.restrictAfter = restrict;
            this.blockAfter = block;
            return this;
        }

        /** @param window the counting window (default 15 min) @return this */
        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        /** @param base first lockout (default 1 min) @param max cap (default 1 h) @return this */
        public Builder lockout(Duration base, Duration max) {
            this.baseLockout = base;
            this.maxLockout = max;
            return this;
        }

        /** @param decayAfter quiet time after which strikes are forgotten (default 24 h) @return this */
        public Builder decayAfter(Duration decayAfter) {
            this.decayAfter = decayAfter;
            return this;
        }

        /** @param maxKeys the most keys tracked (default 100,000) @return this */
        public Builder maxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
            return this;
        }

        /** @param clock the clock (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param sink receives every state change (default: SLF4J) @return this */
        public Builder audit(AuditSink sink) {
            this.audit = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** @param name the box's name in audit events @return this */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @return the box
         * @throws ConfigurationException when thresholds are not {@code 1 ≤ warn ≤ restrict ≤ block}, a duration
         *         is not positive, {@code base > max}, or the clock is missing
         */
        public PenaltyBox build() {
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.check(warnAfter >= 1 && warnAfter <= restrictAfter && restrictAfter <= blockAfter,
                    "penalty thresholds must satisfy 1 <= warn <= restrict <= block, were " + warnAfter + ", "
                            + restrictAfter + ", " + blockAfter);
            for (Duration d : new Duration[] {window, baseLockout, maxLockout, decayAfter}) {
                ConfigurationException.check(d != null && d.toMillis() >= 1, "penalty durations must be at least 1 ms, was " + d);
            }
            ConfigurationException.check(baseLockout.compareTo(maxLockout) <= 0,
                    "base lockout must not exceed max lockout, were " + baseLockout + " and " + maxLockout);
            ConfigurationException.check(maxKeys >= 1, "maxKeys must be at least 1, was " + maxKeys);
            return new PenaltyBox(this);
        }
    }
}
