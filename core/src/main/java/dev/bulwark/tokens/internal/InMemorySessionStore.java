package dev.bulwark.tokens.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.SessionRecord;
import dev.bulwark.tokens.spi.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded in-memory {@link SessionStore}. Thread-safe. */
public final class InMemorySessionStore implements SessionStore {

    private final int max;
    private final AtomicInteger size = new AtomicInteger();
    private final ConcurrentHashMap<String, SessionRecord> byHandle = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> validAfter = new ConcurrentHashMap<>();

    /** @param max capacity */
    public InMemorySessionStore(int max) {
        ConfigurationException.check(max >= 1, "maxSessions must be at least 1, was " + max);
        this.max = max;
    }

    @Override
    public void create(SessionRecord session) {
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            throw new TokenException(TokenReason.STORE_FULL, "session store is full (" + max + " sessions)");
        }
        if (byHandle.putIfAbsent(session.handle(), session) != null) {
            size.decrementAndGet();
            throw new IllegalStateException("session handle collision");
        }
        byUser.computeIfAbsent(session.userId(), u -> ConcurrentHashMap.newKeySet()).add(session.handle());
    }

    @Override
    public Optional<SessionRecord> find(String handle) {
        return Optional.ofNullable(byHandle.get(handle));
    }

    @Override
    public void touch(String handle, Instant at) {
        byHandle.computeIfPresent(handle, (h, r) -> at.isAfter(r.lastUsedAt()) ? r.withLastUsedAt(at) : r);
    }

    @Override
    public boolean revoke(String handle, Instant at) {
        boolean[] changed = {false};
        byHandle.computeIfPresent(handle, (h, r) -> {
            if (r.revokedAt() != null) {
                return r;
            }
            changed[0] = true;
            return r.withRevokedAt(at);
        });
        return changed[0];
    }

    @Override
    public List<SessionRecord> listByUser(String userId) {
        List<SessionRecord> out = new ArrayList<>();
        for (String h : byUser.getOrDefault(userId, Set.of())) {
            SessionRecord r = byHandle.get(h);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public int purgeExpired(Instant now, Instant idleCutoff) {
        int n = 0;
        for (SessionRecord r : byHandle.values()) {
            boolean dead = !r.expiresAt().isAfter(now) || r.revokedAt() != null && !r.revokedAt().isAfter(now)
                    || r.lastUsedAt().isBefore(idleCutoff);
            if (dead && byHandle.remove(r.handle(), r)) {
                size.decrementAndGet();
                Set<String> hs = byUser.get(r.userId());
                if (hs != null) {
                    hs.remove(r.handle());
                    if (hs.isEmpty()) {
                        byUser.remove(r.userId(), hs);
                    }
                }
                n++;
            }
        }
        return n;
    }

    @Override
    public Optional<Instant> validAfter(String userId) {
        return Optional.ofNullable(validAfter.get(userId));
    }

    @Override
    public void setValidAfter(String userId, Instant at) {
        validAfter.merge(userId, at, (a, b) -> a.isAfter(b) ? a : b);
    }
}
