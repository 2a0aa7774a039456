package dev.bulwark.tokens.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.RefreshTokenRecord;
import dev.bulwark.tokens.spi.RefreshTokenRecord.State;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded in-memory {@link RefreshTokenStore}. Thread-safe. */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    private final int max;
    private final AtomicInteger size = new AtomicInteger();
    private final ConcurrentHashMap<String, RefreshTokenRecord> byHash = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byFamily = new ConcurrentHashMap<>();

    /** @param max capacity */
    public InMemoryRefreshTokenStore(int max) {
        ConfigurationException.check(max >= 1, "maxTokens must be at least 1, was " + max);
        this.max = max;
    }

    @Override
    public void insert(RefreshTokenRecord r) {
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            throw new TokenException(TokenReason.STORE_FULL, "refresh token store is full (" + max + ")");
        }
        if (byHash.putIfAbsent(r.tokenHash(), r) != null) {
            size.decrementAndGet();
            throw new IllegalStateException("refresh token hash collision");
        }
        byFamily.computeIfAbsent(r.familyId(), f -> ConcurrentHashMap.newKeySet()).add(r.tokenHash());
    }

    @Override
    public Optional<RefreshTokenRecord> find(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash));
    }

    @Override
    public boolean rotate(String tokenHash, String successorHash, Instant at) {
        boolean[] won = {false};
        byHash.computeIfPresent(tokenHash, (h, r) -> {
            if (r.state() != State.ACTIVE) {
                return r;
            }
            won[0] = true;
            return new RefreshTokenRecord(h, r.familyId(), State.ROTATED, r.createdAt(), r.familyExpiresAt(), at,
                    successorHash);
        });
        return won[0];
    }

    @Override
    public int revokeFamily(String familyId) {
        int n = 0;
        for (String h : byFamily.getOrDefault(familyId, Set.of())) {
            RefreshTokenRecord before = byHash.get(h);
            RefreshTokenRecord after = byHash.computeIfPresent(h, (k, r) -> r.state() == State.REVOKED ? r
                    : new RefreshTokenRecord(k, r.familyId(), State.REVOKED, r.createdAt(), r.familyExpiresAt(),
                            r.rotatedAt(), r.successorHash()));
            if (before != null && before.state() != State.REVOKED && after != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int purgeExpired(Instant now) {
        int n = 0;
        for (RefreshTokenRecord r : byHash.values()) {
            if (!r.familyExpiresAt().isAfter(now) && byHash.remove(r.tokenHash(), r)) {
                size.decrementAndGet();
                Set<String> f = byFamily.get(r.familyId());
                if (f != null) {
                    f.remove(r.tokenHash());
                    if (f.isEmpty()) {
                        byFamily.remove(r.familyId(), f);
                    }
                }
                n++;
            }
        }
        return n;
    }
}
