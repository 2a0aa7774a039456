package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.testing.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    private final TestClock clock = new TestClock();

    private KeyedRateLimiter limiter(int maxKeys, Bandwidth bw) {
        return KeyedRateLimiter.builder().timeSource(clock::nanoTime).maxKeys(maxKeys).addLimit(bw).build();
    }

    @Test
    void tryAcquire_keysAreIndependent() {
        KeyedRateLimiter l = limiter(100, Bandwidth.capacity(2).refillGreedy(1, Duration.ofSeconds(1)));
        assertThat(l.tryAcquire("alice", 2).allowed()).isTrue();
        assertThat(l.tryAcquire("alice").allowed()).isFalse();
        assertThat(l.tryAcquire("bob").allowed()).isTrue();
        assertThat(l.availableTokens("bob")).isEqualTo(1);
        assertThat(l.availableTokens("carol")).isEqualTo(2);
        assertThat(l.size()).isEqualTo(2);
    }

    @Test
    void tryAcquire_tableFull_evictsOnlyFullBuckets() {
        KeyedRateLimiter l = limiter(2, Bandwidth.capacity(2).refillGreedy(1, Duration.ofSeconds(1)));
        assertThat(l.tryAcquire("a", 2).allowed()).isTrue();
        assertThat(l.tryAcquire("b", 1).allowed()).isTrue();
        RateDecision refused = l.tryAcquire("c");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).isEqualTo(RateLimitReason.KEY_TABLE_FULL);
        assertThat(refused.limit()).isNull();
        assertThat(refused.retryAfterNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        // known keys are still served while the table is full
        assertThat(l.tryAcquire("b").allowed()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        // both a and b are full again: they may be forgotten, c gets a slot
        assertThat(l.tryAcquire("c").allowed()).isTrue();
        assertThat(l.size()).isLessThanOrEqualTo(2);
        assertThat(l.availableTokens("a")).isEqualTo(2);
    }

    @Test
    void tryAcquire_costAboveCapacity_newKeyNotStored() {
        KeyedRateLimiter l = limiter(1, Bandwidth.capacity(2).refillGreedy(1, Duration.ofSeconds(1)));
        assertThat(l.tryAcquire("x", 3).retryAfterMillis()).isEqualTo(-1);
        assertThat(l.size()).isZero();
    }

    @Test
    void evictIdle_forgetsFullBucketsOnly() {
        KeyedRateLimiter l = limiter(10, Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(10)));
        l.tryAcquire("a", 1);
        l.tryAcquire("b", 10);
        clock.advance(Duration.ofSeconds(1));
        assertThat(l.evictIdle()).isEqualTo(1);
        assertThat(l.size()).isEqualTo(1);
        assertThat(l.availableTokens("b")).isEqualTo(1);
    }

    @Test
    void badInput_typedErrors() {
        KeyedRateLimiter l = limiter(10, Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(10)));
        assertThatThrownBy(() -> l.tryAcquire(null, 1)).isInstanceOf(RateLimitException.class)
                .extracting(e -> ((RateLimitException) e).reason()).isEqualTo(RateLimitReason.INVALID_KEY);
        assertThatThrownBy(() -> l.tryAcquire("", 1)).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> l.tryAcquire("k", 0)).isInstanceOf(RateLimitException.class)
                .extracting(e -> ((RateLimitException) e).reason()).isEqualTo(RateLimitReason.INVALID_COST);
        assertThatThrownBy(() -> KeyedRateLimiter.builder().timeSource(clock::nanoTime).maxKeys(0)
                .addLimit(Bandwidth.capacity(1).refillGreedy(1, Duration.ofSeconds(1))).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("maxKeys must be between 1 and 100,000,000, was 0");
    }

    @Test
    void audit_denialsRecordedWithHashedKey_neverTheKey() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        KeyedRateLimiter l = KeyedRateLimiter.builder().timeSource(clock::nanoTime).name("login")
                .addLimit(Bandwidth.capacity(1).refillGreedy(1, Duration.ofMinutes(1)).withId("per-ip"))
                .audit(sink, clock, true).build();
        String apiKey = "ak_live_" + "ab".repeat(32);
        l.tryAcquire(apiKey);
        l.tryAcquire(apiKey);
        assertThat(sink.events()).hasSize(1);
        var e = sink.events().get(0);
        assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(e.reason()).isEqualTo("OVER_LIMIT");
        assertThat(e.subject()).matches("key#[0-9a-f]{12}");
        assertThat(e.attributes()).containsEntry("limiter", "login").containsEntry("limit", "per-ip");
        assertThat(e.toString()).doesNotContain(apiKey);
    }

    @Test
    void audit_failingSink_doesNotChangeDecision() {
        KeyedRateLimiter l = KeyedRateLimiter.builder().timeSource(clock::nanoTime)
                .addLimit(Bandwidth.capacity(1).refillGreedy(1, Duration.ofMinutes(1)))
                .audit(event -> {
                    throw new IllegalStateException("sink down");
                }, clock, true).build();
        l.tryAcquire("k");
        assertThat(l.tryAcquire("k").allowed()).isFalse();
    }

    private static final dev.bulwark.ratelimit.spi.RateLimitStore DOWN = new dev.bulwark.ratelimit.spi.RateLimitStore() {
        @Override
        public RateDecision tryAcquire(String key, dev.bulwark.ratelimit.spi.BucketSpec spec, long cost) {
            throw new dev.bulwark.core.InvalidInputException(dev.bulwark.core.CoreReason.STORE_UNAVAILABLE, "redis down");
        }

        @Override
        public long adjust(String key, dev.bulwark.ratelimit.spi.BucketSpec spec, long delta) {
            throw new dev.bulwark.core.InvalidInputException(dev.bulwark.core.CoreReason.STORE_UNAVAILABLE, "redis down");
        }

        @Override
        public long available(String key, dev.bulwark.ratelimit.spi.BucketSpec spec) {
            throw new dev.bulwark.core.InvalidInputException(dev.bulwark.core.CoreReason.STORE_UNAVAILABLE, "redis down");
        }
    };

    @Test
    void storeUnavailable_failClosedByDefault_failOpenWhenDeclared_bothAudited() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        Bandwidth bw = Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(1));
        KeyedRateLimiter closed = KeyedRateLimiter.builder().store(DOWN).addLimit(bw).audit(sink, clock, false).build();
        RateDecision c = closed.tryAcquire("k");
        assertThat(c.allowed()).isFalse();
        assertThat(c.reason()).isEqualTo(RateLimitReason.STORE_UNAVAILABLE);
        assertThat(c.retryAfterNanos()).isEqualTo(100_000_000L);
        KeyedRateLimiter open = KeyedRateLimiter.builder().store(DOWN).addLimit(bw).failOpen(true).audit(sink, clock, false).build();
        RateDecision o = open.tryAcquire("k");
        assertThat(o.allowed()).isTrue();
        assertThat(o.reason()).isEqualTo(RateLimitReason.STORE_UNAVAILABLE);
        assertThat(sink.withAction("store_unavailable")).extracting(e -> e.attributes().get("fail_mode"))
                .containsExactly("closed", "open");
    }

    @Test
    void inMemoryStoreFactory_servesOneSpec() {
        var store = dev.bulwark.ratelimit.spi.RateLimitStore.inMemory(10, clock::nanoTime);
        KeyedRateLimiter a = KeyedRateLimiter.builder().store(store)
                .addLimit(Bandwidth.capacity(1).refillGreedy(1, Duration.ofSeconds(1))).build();
        KeyedRateLimiter b = KeyedRateLimiter.builder().store(store)
                .addLimit(Bandwidth.capacity(2).refillGreedy(1, Duration.ofSeconds(1))).build();
        assertThat(a.tryAcquire("k").allowed()).isTrue();
        assertThatThrownBy(() -> b.tryAcquire("k")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("one limiter");
    }

    /** Eviction never lets a hot key exceed its limit, whatever the churn of other keys. */
    @Property(tries = 200)
    void hotKey_withChurn_neverExceedsConservationBound(@ForAll @IntRange(min = 1, max = 4) int maxKeys,
                                                        @ForAll @LongRange(min = 1, max = 10) long capacity,
                                                        @ForAll @IntRange(min = 1, max = 400) int steps,
                                                        @ForAll @LongRange(min = 0, max = 50_000_000) long stride,
                                                        @ForAll @IntRange(min = 1, max = 5) int churnEvery) {
        AtomicLong now = new AtomicLong();
        KeyedRateLimiter l = KeyedRateLimiter.builder().timeSource(now::get).maxKeys(maxKeys)
                .addLimit(Bandwidth.capacity(capacity).refillGreedy(1, Duration.ofMillis(100))).build();
        long admitted = 0;
        for (int i = 0; i < steps; i++) {
            if (i % churnEvery == 0) {
                l.tryAcquire("cold-" + i);
                l.evictIdle();
            }
            if (l.tryAcquire("hot").allowed()) {
                admitted++;
            }
            now.addAndGet(stride);
        }
        assertThat(admitted).isLessThanOrEqualTo(capacity + now.get() / 100_000_000L);
        assertThat(l.size()).isLessThanOrEqualTo(maxKeys);
    }
}
