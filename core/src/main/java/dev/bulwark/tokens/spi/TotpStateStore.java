package dev.bulwark.tokens.spi;

import dev.bulwark.tokens.internal.InMemoryTotpStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Per-user TOTP state: the last accepted time step (replay guard), failed attempts, and hashed recovery
 * codes. Thread-safe; each method atomic.
 */
public interface TotpStateStore {

    /**
     * Accepts {@code step} only if it is later than the last accepted one, and records it.
     *
     * @param userId the user
     * @param step the matched time step
     * @return whether it was accepted (false: replay of an already used or older step)
     */
    boolean acceptStep(String userId, long step);

    /**
     * Records a failed attempt.
     *
     * @param userId the user
     * @param now the time
     * @param window failures older than this are forgotten
     * @return failures within the window, this one included
     */
    int recordFailure(String userId, Instant now, Duration window);

    /**
     * @param userId the user
     * @param now the time
     * @param window the counting window
     * @return failures within the window
     */
    int failures(String userId, Instant now, Duration window);

    /** @param userId the user whose failures are forgotten (after a success) */
    void clearFailures(String userId);

    /**
     * Replaces the user's recovery codes.
     *
     * @param userId the user
     * @param codeHashes hashes of the new codes
     */
    void replaceRecoveryCodes(String userId, Set<String> codeHashes);

    /**
     * Atomically removes one recovery code.
     *
     * @param userId the user
     * @param codeHash the hash of the presented code
     * @return whether it was present (and is now spent)
     */
    boolean consumeRecoveryCode(String userId, String codeHash);

    /**
     * @param maxUsers the most users held
     * @return a bounded, thread-safe in-memory store
     */
    static TotpStateStore inMemory(int maxUsers) {
        return new InMemoryTotpStateStore(maxUsers);
    }
}
