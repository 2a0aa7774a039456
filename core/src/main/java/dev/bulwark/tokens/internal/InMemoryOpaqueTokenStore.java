package dev.bulwark.tokens.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.OpaqueTokenRecord;
import dev.bulwark.tokens.spi.OpaqueTokenStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded in-memory {@link OpaqueTokenStore}. Thread-safe. */
public final class InMemoryOpaqueTokenStore implements OpaqueTokenStore {

    private final int max;
    private final AtomicInteger size = new AtomicInteger();
    private final ConcurrentHashMap<String, OpaqueTokenRecord> map = new ConcurrentHashMap<>();

    /** @param max capacity */
    public InMemoryOpaqueTokenStore(int max) {
        ConfigurationException.check(max >= 1, "maxTokens must be at least 1, was " + max);
        this.max = max;
    }

    @Override
    public void put(OpaqueTokenRecord r) {
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            throw new TokenException(TokenReason.STORE_FULL, "opaque token store is full (" + max + ")");
        }
        if (map.putIfAbsent(r.tokenHash(), r) != null) {
            size.decrementAndGet();
            throw new IllegalStateException("opaque token hash collision");
        }
    }

    @Override
    public Optional<OpaqueTokenRecord> find(String tokenHash) {
        return Optional.ofNullable(map.get(tokenHash));
    }

    @Override
    public boolean delete(String tokenHash) {
        if (map.remove(tokenHash) != null) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public int purgeExpired(Instant now) {
        int n = 0;
        for (OpaqueTokenRecord r : map.values()) {
            if (!r.expiresAt().isAfter(now) && map.remove(r.tokenHash(), r)) {
                size.decrementAndGet();
                n++;
            }
        }
        return n;
    }
}
