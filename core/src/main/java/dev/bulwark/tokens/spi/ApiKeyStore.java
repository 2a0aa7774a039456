package dev.bulwark.tokens.spi;

import dev.bulwark.tokens.internal.InMemoryApiKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of API keys by their non-secret id. Thread-safe implementations; each method atomic. */
public interface ApiKeyStore {

    /**
     * @param record a new key
     * @throws dev.bulwark.tokens.TokenException with {@code STORE_FULL} when a bounded store is full
     */
    void insert(ApiKeyRecord record);

    /** @param keyId the key id @return the record */
    Optional<ApiKeyRecord> find(String keyId);

    /** @param org an org @return the org's keys, revoked included */
    List<ApiKeyRecord> listByOrg(String org);

    /**
     * @param keyId the key id
     * @param at revocation time
     * @return whether it was active and is now revoked
     */
    boolean revoke(String keyId, Instant at);

    /**
     * Records a successful use (never moving {@code lastUsedAt} backwards).
     *
     * @param keyId the key id
     * @param at the time
     */
    void touch(String keyId, Instant at);

    /**
     * @param maxKeys the most keys held
     * @return a bounded, thread-safe in-memory store
     */
    static ApiKeyStore inMemory(int maxKeys) {
        return new InMemoryApiKeyStore(maxKeys);
    }
}
