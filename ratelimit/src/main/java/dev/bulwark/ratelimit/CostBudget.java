package dev.bulwark.ratelimit;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.internal.KeyDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-tenant consumption budgets (AI tokens per day, file bytes per hour, embeddings per minute), optionally
 * under a central budget shared by all tenants. A budget is a token bucket whose bandwidth is the budget:
 * {@code Bandwidth.capacity(1_000_000).refillGreedy(1_000_000, Duration.ofDays(1))} is "a million per day",
 * refilled continuously (not reset at midnight), so there is no burst at period boundaries.
 *
 * <p>Estimate, then settle: {@link #reserve(String, long)} takes the estimate from the tenant's and the
 * central budget (all or nothing); {@link Reservation#commit(long)} settles the actual cost (refunding the
 * difference, or charging the excess, which may put the tenant into debt of at most one capacity so the
 * next requests wait until it is repaid); {@link Reservation#release()} refunds everything. When a budget is
 * exhausted, {@code reserve} returns a refused reservation with {@link RateLimitReason#BUDGET_EXHAUSTED} and
 * the exact time until the estimate fits: the budget throttles, it never over-spends.
 *
 * <p>Thread-safe. Memory: bounded as {@link KeyedRateLimiter} (default 100,000 tenants).
 */
public final class CostBudget {

    private static final String GLOBAL = "*";

    private final KeyedRateLimiter tenants;
    private final KeyedRateLimiter central;
    private final AuditSink audit;
    private final Clock clock;

    private CostBudget(KeyedRateLimiter tenants, KeyedRateLimiter central, AuditSink audit, Clock clock) {
        this.tenants = tenants;
        this.central = central;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reserves {@code estimate} from {@code tenant}'s budget (and the central one, if configured).
     *
     * @param tenant the tenant key, non-empty
     * @param estimate the estimated cost, at least 1
     * @return the reservation; check {@link Reservation#granted()}
     * @throws RateLimitException for a bad tenant or estimate
     */
    public Reservation reserve(String tenant, long estimate) {
        RateLimitException.requireKey(tenant);
        RateLimitException.requireCost(estimate);
        RateDecision t = tenants.tryAcquire(tenant, estimate);
        if (!t.allowed()) {
            return refused(tenant, estimate, t);
        }
        if (central != null) {
            RateDecision g = central.tryAcquire(GLOBAL, estimate);
            if (!g.allowed()) {
                tenants.adjust(tenant, estimate);
                return refused(tenant, estimate, g);
            }
            if (g.remaining() < t.remaining()) {
                t = g;
            }
        }
        return new Reservation(tenant, estimate, t);
    }

    /**
     * Tokens {@code tenant} could spend now (the lower of its own and the central budget).
     *
     * @param tenant the tenant
     * @return the whole tokens available, 0 when in debt
     */
    public long available(String tenant) {
        long own = tenants.availableTokens(RateLimitException.requireKey(tenant));
        return central == null ? own : Math.min(own, central.availableTokens(GLOBAL));
    }

    private Reservation refused(String tenant, long estimate, RateDecision d) {
        RateDecision r = d.reason() == RateLimitReason.COST_EXCEEDS_CAPACITY ? d : d.withReason(RateLimitReason.BUDGET_EXHAUSTED);
        if (clock != null) {
            audit.record(AuditEvent.builder("ratelimit", "budget_exhausted").outcome(AuditOutcome.DENIED)
                    .subject("tenant#" + KeyDigest.of(tenant)).reason(r.reason())
                    .attribute("limit", r.limit() == null ? null : r.limit().id())
                    .attribute("estimate", Long.toString(estimate)).build(clock));
        }
        Reservation res = new Reservation(tenant, estimate, r);
        res.settled.set(true);
        return res;
    }

    /**
     * A reserved estimate, to be settled exactly once by {@link #commit(long)} or {@link #release()}.
     * Thread-safe: a second settlement throws.
     */
    public final class Reservation {
        private final String tenant;
        private final long estimate;
        private final RateDecision decision;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Reservation(String tenant, long estimate, RateDecision decision) {
            this.tenant = tenant;
            this.estimate = estimate;
            this.decision = decision;
        }

        /** {@return whether the estimate was reserved} */
        public boolean granted() {
            return decision.allowed();
        }

        /** {@return the decision (remaining budget, or when the estimate will fit)} */
        public RateDecision decision() {
            return decision;
        }

        /** {@return the reserved estimate} */
        public long estimate() {
            return estimate;
        }

        /**
         * Settles with the actual cost: refunds {@code estimate − actual} when positive, charges the excess
         * otherwise (possibly into debt).
         *
         * @param actual the actual cost, at least 0
         * @return tokens the tenant has left afterwards (0 when in debt)
         * @throws RateLimitException {@link RateLimitReason#RESERVATION_SETTLED} when refused or already
         *         settled; {@link RateLimitReason#INVALID_COST} when {@code actual < 0}
         */
        public long commit(long actual) {
            if (actual < 0) {
                throw new RateLimitException(RateLimitReason.INVALID_COST, "actual cost must be at least 0, was " + actual);
            }
            settle();
            return apply(estimate - actual);
        }

        /**
         * Refunds the whole estimate (the work was not done).
         *
         * @return tokens the tenant has left afterwards
         * @throws RateLimitException {@link RateLimitReason#RESERVATION_SETTLED} when refused or already settled
         */
        public long release() {
            settle();
            return apply(estimate);
        }

        private void settle() {
            if (!settled.compareAndSet(false, true)) {
                throw new RateLimitException(RateLimitReason.RESERVATION_SETTLED,
                        granted() ? "reservation already settled" : "reservation was refused; nothing to settle");
            }
        }

        private long apply(long delta) {
            if (delta == 0) {
                return available(tenant);
            }
            long own = tenants.adjust(tenant, delta);
            return central == null ? own : Math.min(own, central.adjust(GLOBAL, delta));
        }
    }

    /** Builds a {@link CostBudget}. Not thread-safe. */
    public static final class Builder {
        private final List<Bandwidth> perTenant = new ArrayList<>();
        private final List<Bandwidth> global = new ArrayList<>();
        private TimeSource time;
        private int maxTenants = 100_000;
        private AuditSink audit = AuditSinks.noop();
        private Clock clock;

        private Builder() {
        }

        /** @param budget a budget every tenant gets (add several, e.g. per minute and per day) @return this */
        public Builder perTenant(Bandwidth budget) {
            perTenant.add(ConfigurationException.requireSet(budget, "budget"));
            return this;
        }

        /** @param budget a central budget shared by all tenants @return this */
        public Builder central(Bandwidth budget) {
            global.add(ConfigurationException.requireSet(budget, "budget"));
            return this;
        }

        /** @param timeSource the time source (required) @return this */
        public Builder timeSource(TimeSource timeSource) {
            this.time = timeSource;
            return this;
        }

        /** @param maxTenants the most tenants held in memory (default 100,000) @return this */
        public Builder maxTenants(int maxTenants) {
            this.maxTenants = maxTenants;
            return this;
        }

        /** @param sink audits refused reservations (tenant as a hash) @param clock timestamps @return this */
        public Builder audit(AuditSink sink, Clock clock) {
            this.audit = AuditSinks.failSafe(Objects.requireNonNull(sink, "sink"));
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the budget
         * @throws ConfigurationException when no per-tenant budget or no time source is set
         */
        public CostBudget build() {
            ConfigurationException.check(!perTenant.isEmpty(), "at least one per-tenant budget must be set");
            ConfigurationException.requireSet(time, "timeSource");
            KeyedRateLimiter.Builder t = KeyedRateLimiter.builder().timeSource(time).maxKeys(maxTenants).name("budget");
            perTenant.forEach(t::addLimit);
            KeyedRateLimiter c = null;
            if (!global.isEmpty()) {
                KeyedRateLimiter.Builder g = KeyedRateLimiter.builder().timeSource(time).maxKeys(1).name("central-budget");
                global.forEach(g::addLimit);
                c = g.build();
            }
            return new CostBudget(t.build(), c, audit, clock);
        }
    }
}
