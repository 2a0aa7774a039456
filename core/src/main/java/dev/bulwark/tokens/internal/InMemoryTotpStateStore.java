package dev.bulwark.tokens.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.TotpStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Bounded in-memory {@link TotpStateStore}. Thread-safe (one lock per user). */
public final class InMemoryTotpStateStore implements TotpStateStore {

    private static final class State {
        long lastStep = Long.MIN_VALUE;
        int failures;
        Instant windowStart;
        Set<String> codes = new HashSet<>();
    }

    private final int max;
    private final ConcurrentHashMap<String, State> users = new ConcurrentHashMap<>();

    /** @param max capacity in users */
    public InMemoryTotpStateStore(int max) {
        ConfigurationException.check(max >= 1, "maxUsers must be at least 1, was " + max);
        this.max = max;
    }

    private State state(String userId) {
        State s = users.get(userId);
        if (s != null) {
            return s;
        }
        synchronized (users) {
            if (users.size() >= max && !users.containsKey(userId)) {
                throw new TokenException(TokenReason.STORE_FULL, "TOTP state store is full (" + max + " users)");
            }
            return users.computeIfAbsent(userId, u -> new State());
        }
    }

    @Override
    public boolean acceptStep(String userId, long step) {
        State s = state(userId);
        synchronized (s) {
            if (step <= s.lastStep) {
                return false;
            }
            s.lastStep = step;
            return true;
        }
    }

    @Override
    public int recordFailure(String userId, Instant now, Duration window) {
        State s = state(userId);
        synchronized (s) {
            if (s.windowStart == null || !now.isBefore(s.windowStart.plus(window))) {
                s.windowStart = now;
                s.failures = 0;
            }
            return ++s.failures;
        }
    }

    @Override
    public int failures(String userId, Instant now, Duration window) {
        State s = users.get(userId);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return s.windowStart == null || !now.isBefore(s.windowStart.plus(window)) ? 0 : s.failures;
        }
    }

    @Override
    public void clearFailures(String userId) {
        State s = users.get(userId);
        if (s != null) {
            synchronized (s) {
                s.failures = 0;
                s.windowStart = null;
            }
        }
    }

    @Override
    public void replaceRecoveryCodes(String userId, Set<String> codeHashes) {
        State s = state(userId);
        synchronized (s) {
            s.codes = new HashSet<>(codeHashes);
        }
    }

    @Override
    public boolean consumeRecoveryCode(String userId, String codeHash) {
        State s = users.get(userId);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.codes.remove(codeHash);
        }
    }
}
