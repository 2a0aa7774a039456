package dev.bulwark.tokens.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.ApiKeyRecord;
import dev.bulwark.tokens.spi.ApiKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bounded in-memory {@link ApiKeyStore}. Thread-safe. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final int max;
    private final ConcurrentHashMap<String, ApiKeyRecord> byId = new ConcurrentHashMap<>();

    /** @param max capacity */
    public InMemoryApiKeyStore(int max) {
        ConfigurationException.check(max >= 1, "maxKeys must be at least 1, was " + max);
        this.max = max;
    }

    @Override
    public synchronized void insert(ApiKeyRecord r) {
        if (byId.size() >= max) {
            throw new TokenException(TokenReason.STORE_FULL, "API key store is full (" + max + ")");
        }
        if (byId.putIfAbsent(r.keyId(), r) != null) {
            throw new IllegalStateException("API key id collision");
        }
    }

    @Override
    public Optional<ApiKeyRecord> find(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    @Override
    public List<ApiKeyRecord> listByOrg(String org) {
        List<ApiKeyRecord> out = new ArrayList<>();
        for (ApiKeyRecord r : byId.values()) {
            if (r.org().equals(org)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        boolean[] done = {false};
        byId.computeIfPresent(keyId, (k, r) -> {
            if (r.revokedAt() != null) {
                return r;
            }
            done[0] = true;
            return new ApiKeyRecord(k, r.org(), r.name(), r.displayPrefix(), r.hash(), r.scopes(), r.createdAt(),
                    r.expiresAt(), r.lastUsedAt(), at);
        });
        return done[0];
    }

    @Override
    public void touch(String keyId, Instant at) {
        byId.computeIfPresent(keyId, (k, r) -> r.lastUsedAt() != null && !at.isAfter(r.lastUsedAt()) ? r
                : new ApiKeyRecord(k, r.org(), r.name(), r.displayPrefix(), r.hash(), r.scopes(), r.createdAt(),
                        r.expiresAt(), at, r.revokedAt()));
    }
}
