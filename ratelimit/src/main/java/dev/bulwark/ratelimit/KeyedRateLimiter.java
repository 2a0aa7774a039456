package dev.bulwark.ratelimit;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.CoreReason;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.internal.InMemoryBucketStore;
import dev.bulwark.ratelimit.internal.KeyDigest;
import dev.bulwark.ratelimit.spi.BucketSpec;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Limits per key (user, org, API key, IP address): each key gets its own token bucket of the configured
 * bandwidths, starting full.
 *
 * <h2>Bounded memory</h2>
 * The default store holds at most {@code maxKeys} keys (default 100,000). A bucket that has refilled to full
 * is indistinguishable from a new one, so it may be forgotten; this is the only eviction. When the table is
 * full, a sweep forgets every full bucket; if none is full, a <em>new</em> key is refused
 * ({@link RateLimitReason#KEY_TABLE_FULL}, fail closed) until the earliest bucket refills, while known keys
 * keep being served. <strong>Rule: a key that was evicted and returns starts full, which can never exceed its
 * limit, because only full buckets are evicted.</strong> A hot key is never full, so it is never evicted.
 * Memory per idle key: a {@code ConcurrentHashMap} node, the key {@code String} and one {@code long[1 + n]}
 * (about 120 bytes for a 10-character key and one bandwidth; see docs/ratelimit.md for the measurement).
 *
 * <p>Thread-safe; per-key updates are compare-and-swap on an immutable state, never a lock held across keys.
 */
public final class KeyedRateLimiter implements RateLimiter {

    private final BucketSpec spec;
    private final RateLimitStore store;
    private final InMemoryBucketStore memory;
    private final AuditSink audit;
    private final Clock auditClock;
    private final boolean auditDenials;
    private final String name;
    private final boolean failOpen;

    private KeyedRateLimiter(Builder b, BucketSpec spec, RateLimitStore store) {
        this.spec = spec;
        this.store = store;
        this.memory = store instanceof InMemoryBucketStore m ? m : null;
        this.audit = b.audit == null ? AuditSinks.noop() : AuditSinks.failSafe(b.audit);
        this.auditClock = b.auditClock;
        this.auditDenials = b.auditDenials;
        this.name = b.name;
        this.failOpen = b.failOpen;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RateDecision tryAcquire(String key, long cost) {
        if (key == null || key.isEmpty() || cost < 1) {
            // the checks live in the exception class, which C2 never inlines: call them only when one fails
            RateLimitException.requireKey(key);
            RateLimitException.requireCost(cost);
        }
        RateDecision d;
        try {
            d = store.tryAcquire(key, spec, cost);
        } catch (BulwarkException e) {
            if (e.reason() != CoreReason.STORE_UNAVAILABLE) {
                throw e;
            }
            d = storeUnavailable(key);
        }
        if (!d.allowed() && (auditDenials || d.reason() == RateLimitReason.KEY_TABLE_FULL) && auditClock != null) {
            audit.record(AuditEvent.builder("ratelimit", "limit_exceeded")
                    .outcome(AuditOutcome.DENIED)
                    .subject("key#" + KeyDigest.of(key))
                    .reason(d.reason())
                    .attribute("limiter", name)
                    .attribute("limit", d.limit() == null ? null : d.limit().id())
                    .attribute("cost", Long.toString(cost))
                    .build(auditClock));
        }
        return d;
    }

    private RateDecision storeUnavailable(String key) {
        Bandwidth first = spec.bandwidths().get(0);
        RateDecision d = new RateDecision(failOpen, false, 0, failOpen ? 0 : Math.max(1, first.nanosToFill() / first.capacity()),
                0, first, 0, RateLimitReason.STORE_UNAVAILABLE);
        if (auditClock != null) {
            audit.record(AuditEvent.builder("ratelimit", "store_unavailable")
                    .outcome(failOpen ? AuditOutcome.FAILURE : AuditOutcome.DENIED)
                    .subject("key#" + KeyDigest.of(key))
                    .reason(RateLimitReason.STORE_UNAVAILABLE)
                    .attribute("limiter", name)
                    .attribute("fail_mode", failOpen ? "open" : "closed")
                    .build(auditClock));
        }
        return d;
    }

    /**
     * Whole tokens {@code key} could spend now, without consuming.
     *
     * @param key the key
     * @return the tokens in the tightest bandwidth
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY}
     */
    public long availableTokens(String key) {
        return store.available(RateLimitException.requireKey(key), spec);
    }

    /**
     * Adds tokens back ({@code delta > 0}) or charges more ({@code delta < 0}, possibly into debt, at most one
     * capacity deep) for {@code key}: used to settle an estimated cost.
     *
     * @param key the key
     * @param delta tokens to add or remove
     * @return whole tokens available afterwards (0 when in debt)
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY}
     */
    public long adjust(String key, long delta) {
        return store.adjust(RateLimitException.requireKey(key), spec, delta);
    }

    /**
     * Forgets every bucket of the in-memory store that is full now (hosts may call it from a scheduler; the
     * limiter also does it by itself when its table is full).
     *
     * @return how many keys were forgotten (0 for a non-memory store)
     */
    public int evictIdle() {
        return memory == null ? 0 : memory.sweepNow();
    }

    /** {@return the number of keys held in memory (0 for a non-memory store)} */
    public int size() {
        return memory == null ? 0 : memory.size();
    }

    /** {@return the bandwidths every key gets} */
    public List<Bandwidth> bandwidths() {
        return spec.bandwidths();
    }

    /** Builds a {@link KeyedRateLimiter}. Not thread-safe. */
    public static final class Builder {
        private final List<Bandwidth> limits = new ArrayList<>();
        private TimeSource time;
        private RateLimitStore store;
        private int maxKeys = 100_000;
        private AuditSink audit;
        private Clock auditClock;
        private boolean auditDenials;
        private String name = "keyed";
        private boolean failOpen;

        private Builder() {
        }

        /** @param bandwidth a limit every key gets @return this */
        public Builder addLimit(Bandwidth bandwidth) {
            limits.add(ConfigurationException.requireSet(bandwidth, "bandwidth"));
            return this;
        }

        /** @param timeSource time source of the default in-memory store (required unless a store is set) @return this */
        public Builder timeSource(TimeSource timeSource) {
            this.time = timeSource;
            return this;
        }

        /** @param maxKeys the most keys the in-memory store holds, 1 to 100,000,000 (default 100,000) @return this */
        public Builder maxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
            return this;
        }

        /** @param store a shared store (e.g. Redis) instead of the bounded in-memory one @return this */
        public Builder store(RateLimitStore store) {
            this.store = store;
            return this;
        }

        /**
         * Declares what happens when the store is unreachable (it throws a {@code BulwarkException} with
         * {@code CoreReason.STORE_UNAVAILABLE}): fail closed (the default: refuse, retry after one token's
         * refill time) or fail open (allow). Either way the decision's reason is
         * {@link RateLimitReason#STORE_UNAVAILABLE} and, when auditing is on, an event records it. Choose
         * fail-open only for soft limits.
         *
         * @param failOpen whether to allow requests while the store is unreachable
         * @return this
         */
        public Builder failOpen(boolean failOpen) {
            this.failOpen = failOpen;
            return this;
        }

        /** @param name the limiter's name in audit events (default {@code keyed}) @return this */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Audits refusals: {@link RateLimitReason#KEY_TABLE_FULL} always, and every refusal when
         * {@code everyDenial}. The key appears only as a 12-hex-digit SHA-256 prefix.
         *
         * @param sink the sink (called fail-safe)
         * @param clock timestamps events
         * @param everyDenial whether to audit every refusal, not only a full key table
         * @return this
         */
        public Builder audit(AuditSink sink, Clock clock, boolean everyDenial) {
            this.audit = Objects.requireNonNull(sink, "sink");
            this.auditClock = Objects.requireNonNull(clock, "clock");
            this.auditDenials = everyDenial;
            return this;
        }

        /**
         * @return the limiter
         * @throws ConfigurationException when no bandwidth is set, or neither a store nor a time source is set,
         *         or {@code maxKeys} is out of range
         */
        public KeyedRateLimiter build() {
            BucketSpec spec = BucketSpec.of(limits);
            RateLimitStore s = store;
            if (s == null) {
                ConfigurationException.check(maxKeys >= 1 && maxKeys <= 100_000_000,
                        "maxKeys must be between 1 and 100,000,000, was " + maxKeys);
                s = new InMemoryBucketStore(maxKeys, ConfigurationException.requireSet(time, "timeSource"));
            }
            return new KeyedRateLimiter(this, spec, s);
        }
    }
}
