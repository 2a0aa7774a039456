package dev.bulwark.tokens.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.OneTimeTokenRecord;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded in-memory {@link OneTimeTokenStore}. Thread-safe. */
public final class InMemoryOneTimeTokenStore implements OneTimeTokenStore {

    private final int max;
    private final AtomicInteger size = new AtomicInteger();
    private final ConcurrentHashMap<String, OneTimeTokenRecord> map = new ConcurrentHashMap<>();

    /** @param max capacity */
    public InMemoryOneTimeTokenStore(int max) {
        ConfigurationException.check(max >= 1, "maxTokens must be at least 1, was " + max);
        this.max = max;
    }

    @Override
    public void put(OneTimeTokenRecord r) {
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            throw new TokenException(TokenReason.STORE_FULL, "one-time token store is full (" + max + ")");
        }
        if (map.putIfAbsent(r.tokenHash(), r) != null) {
            size.decrementAndGet();
            throw new IllegalStateException("one-time token hash collision");
        }
    }

    @Override
    public Optional<OneTimeTokenRecord> consume(String tokenHash) {
        OneTimeTokenRecord r = map.remove(tokenHash);
        if (r != null) {
            size.decrementAndGet();
        }
        return Optional.ofNullable(r);
    }

    @Override
    public int purgeExpired(Instant now) {
        int n = 0;
        for (OneTimeTokenRecord r : map.values()) {
            if (!r.expiresAt().isAfter(now) && map.remove(r.tokenHash(), r)) {
                size.decrementAndGet();
                n++;
            }
        }
        return n;
    }
}
