package dev.bulwark.ratelimit.spi;

import java.util.concurrent.atomic.AtomicLong;

/** The contract against the bounded in-memory store. */
class InMemoryRateLimitStoreTest extends RateLimitStoreContract {

    private final AtomicLong now = new AtomicLong(1_000_000L);

    @Override
    protected RateLimitStore newStore() {
        return RateLimitStore.inMemory(1_000, now::get);
    }
}
