package dev.bulwark.webhooks;

import java.time.Duration;

/**
 * SPI: remembers event ids for a while so that a second delivery of the same event is refused. The verifier
 * calls it only after a delivery's signature and timestamp have verified, with keys namespaced by scheme
 * ({@code stripe:evt_123}).
 *
 * <p>Implementations: {@link InMemoryReplayGuard} (one process, bounded) and a Redis one ({@code SET NX PX})
 * in {@code bulwark-redis} for several instances. Contract:
 * <ul>
 *   <li>{@link #markIfNew} is atomic: of concurrent calls with the same key within its TTL, exactly one
 *       returns {@code true};</li>
 *   <li>a key is remembered for at least {@code ttl} (it may be kept longer; a bounded store may forget
 *       the oldest keys early and says so);</li>
 *   <li>when the backing store cannot be reached the call throws (a {@code BulwarkException} with
 *       {@code STORE_UNAVAILABLE}); it never answers {@code true} without having recorded the key.</li>
 * </ul>
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * Records {@code key} unless it is already recorded and not expired.
     *
     * @param key the namespaced event id, at most a few hundred characters, never {@code null}
     * @param ttl how long to remember it, positive
     * @return {@code true} when the key was new (and is now recorded), {@code false} when it was seen before
     */
    boolean markIfNew(String key, Duration ttl);
}
