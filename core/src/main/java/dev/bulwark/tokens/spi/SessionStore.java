package dev.bulwark.tokens.spi;

import dev.bulwark.tokens.internal.InMemorySessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of sessions, keyed by the hashed session id. The logic (timeouts, revocation rules) lives in
 * {@link dev.bulwark.tokens.Sessions}; a store only keeps records. Implementations must be thread-safe and
 * make each method atomic on its own; Redis and PostgreSQL implementations live in their modules.
 */
public interface SessionStore {

    /**
     * Stores a new session.
     *
     * @param session the record; its handle is new
     * @throws dev.bulwark.tokens.TokenException with {@code STORE_FULL} when a bounded store is full
     */
    void create(SessionRecord session);

    /** @param handle hashed session id @return the record, revoked or not, until purged */
    Optional<SessionRecord> find(String handle);

    /**
     * Sets {@code lastUsedAt} (never moving it backwards).
     *
     * @param handle hashed session id
     * @param at the time of use
     */
    void touch(String handle, Instant at);

    /**
     * Marks a session revoked, if it is not already.
     *
     * @param handle hashed session id
     * @param at revocation time
     * @return whether it was active and is now revoked
     */
    boolean revoke(String handle, Instant at);

    /** @param userId a user @return every stored session of the user, revoked or not */
    List<SessionRecord> listByUser(String userId);

    /**
     * Deletes sessions whose absolute timeout is before {@code now}, or revoked before {@code now}.
     *
     * @param now the current time
     * @param idleCutoff sessions last used before this instant are deleted too
     * @return how many were deleted
     */
    int purgeExpired(Instant now, Instant idleCutoff);

    /** @param userId a user @return the user's {@code valid_after} epoch, if set */
    Optional<Instant> validAfter(String userId);

    /**
     * Sets the user's {@code valid_after} epoch: sessions and tokens issued before it are invalid.
     *
     * @param userId a user
     * @param at the epoch
     */
    void setValidAfter(String userId, Instant at);

    /**
     * A bounded, thread-safe in-memory store.
     *
     * @param maxSessions the most sessions held; creating one more fails with {@code STORE_FULL}
     * @return the store
     */
    static SessionStore inMemory(int maxSessions) {
        return new InMemorySessionStore(maxSessions);
    }
}
