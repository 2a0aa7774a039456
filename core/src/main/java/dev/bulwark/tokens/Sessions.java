package dev.bulwark.tokens;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.internal.Audit;
import dev.bulwark.tokens.internal.Hashes;
import dev.bulwark.tokens.spi.SessionRecord;
import dev.bulwark.tokens.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side sessions: every access token carries the session id ({@code sid}) and {@link AccessTokens}
 * checks the session on every verification, so revocation is immediate.
 *
 * <p>Session ids are 256-bit random (base64url, 43 characters); the store only ever sees
 * {@link #handleOf(String) base64url(SHA-256(sid))}, which is also the public id used to list and revoke
 * sessions. Sessions end at an idle timeout (default 24 h, measured from the last use), an absolute timeout
 * (default 7 days), on revocation, on {@link #revokeOthers sign-out everywhere else} or when the user's
 * {@code valid_after} epoch moves past them ({@link #revokeAll}, for a password change).
 *
 * <p>Expired sessions stay in the store until {@link #purgeExpired()}, which the host schedules:
 * <pre>{@code
 * ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
 * ses.scheduleAtFixedRate(sessions::purgeExpired, 5, 5, TimeUnit.MINUTES);
 * }</pre>
 *
 * <p>{@code lastUsedAt} is written at most once per {@code touchInterval} (default 60 s) to spare the store.
 * There is no verification cache: every check reads the store. Thread-safe.
 */
public final class Sessions {

    private final SessionStore store;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Duration touchInterval;
    private final Audit audit;

    private Sessions(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.idleTimeout = b.idleTimeout;
        this.absoluteTimeout = b.absoluteTimeout;
        this.touchInterval = b.touchInterval;
        this.audit = new Audit(b.auditSink, b.clock);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stored, public id of a session id: base64url(SHA-256(sid)).
     *
     * @param sessionId the raw session id (the {@code sid} claim)
     * @return the handle
     */
    public static String handleOf(String sessionId) {
        return Hashes.sha256B64(sessionId);
    }

    /**
     * A newly opened session.
     *
     * @param sessionId the raw session id to put in tokens ({@code sid}); never stored
     * @param session the stored record (its {@code handle} is the public id)
     */
    public record NewSession(String sessionId, SessionRecord session) {
        /** {@return the handle and user only} */
        @Override
        public String toString() {
            return "NewSession[handle=" + session.handle() + ", user=" + session.userId() + "]";
        }
    }

    /**
     * Opens a session with the configured absolute timeout.
     *
     * @param userId the user
     * @param org the org, or {@code null}
     * @param device a device label, or {@code null}
     * @param roles roles for tokens of this session
     * @param scopes scopes for tokens of this session
     * @return the new session
     */
    public NewSession open(String userId, String org, String device, Set<String> roles, Set<String> scopes) {
        return open(userId, org, device, roles, scopes, absoluteTimeout);
    }

    /**
     * Opens a session with a shorter absolute lifetime (for example an API-key exchange).
     *
     * @param userId the user
     * @param org the org, or {@code null}
     * @param device a device label, or {@code null}
     * @param roles roles
     * @param scopes scopes
     * @param lifetime absolute lifetime, at most the configured absolute timeout
     * @return the new session
     */
    public NewSession open(String userId, String org, String device, Set<String> roles, Set<String> scopes,
            Duration lifetime) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must be set");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(absoluteTimeout) > 0) {
            throw new IllegalArgumentException("session lifetime must be positive and at most " + absoluteTimeout);
        }
        String sid = RandomTokens.token();
        Instant now = clock.instant();
        SessionRecord r = new SessionRecord(handleOf(sid), userId, org, device, roles == null ? Set.of() : roles,
                scopes == null ? Set.of() : scopes, now, now, now.plus(lifetime), null);
        store.create(r);
        audit.emit("session_open", AuditOutcome.SUCCESS, userId, org, r.handle(), null);
        return new NewSession(sid, r);
    }

    /**
     * Checks that the session is live and belongs to {@code userId}, and records its use.
     *
     * @param sessionId the raw session id ({@code sid} claim)
     * @param userId the token's subject
     * @param tokenIssuedAt the token's {@code iat}, checked against the user's {@code valid_after}; may be null
     * @return the session record
     * @throws TokenException {@code SESSION_UNKNOWN}, {@code SESSION_MISMATCH}, {@code SESSION_REVOKED} or
     *     {@code SESSION_EXPIRED}
     */
    public SessionRecord check(String sessionId, String userId, Instant tokenIssuedAt) {
        return check(sessionId, userId, tokenIssuedAt, clock.instant());
    }

    /** {@return whether {@code other} is this instance's time source (then its reading can be shared)} */
    boolean usesClock(Clock other) {
        return clock == other;
    }

    /** {@link #check(String, String, Instant)} at {@code now}, a reading of this instance's own clock. */
    SessionRecord check(String sessionId, String userId, Instant tokenIssuedAt, Instant now) {
        String handle = handleOf(sessionId);
        SessionRecord r = store.find(handle)
                .orElseThrow(() -> new TokenException(TokenReason.SESSION_UNKNOWN, "session does not exist"));
        if (!r.userId().equals(userId)) {
            throw new TokenException(TokenReason.SESSION_MISMATCH, "session belongs to another user");
        }
        if (r.revokedAt() != null) {
            throw new TokenException(TokenReason.SESSION_REVOKED, "Session has been revoked");
        }
        if (!now.isBefore(r.expiresAt())) {
            throw new TokenException(TokenReason.SESSION_EXPIRED, "session reached its absolute timeout");
        }
        Duration idle = Duration.between(r.lastUsedAt(), now);
        if (idle.compareTo(idleTimeout) > 0) {
            throw new TokenException(TokenReason.SESSION_EXPIRED, "session reached its idle timeout");
        }
        Optional<Instant> va = store.validAfter(userId);
        if (va.isPresent() && (r.createdAt().isBefore(va.get())
                || tokenIssuedAt != null && tokenIssuedAt.isBefore(va.get().truncatedTo(ChronoUnit.SECONDS)))) {
            throw new TokenException(TokenReason.SESSION_REVOKED, "Session has been revoked (credentials changed)");
        }
        if (idle.compareTo(touchInterval) >= 0) {
            store.touch(handle, now);
        }
        return r;
    }

    /**
     * The user's live sessions, oldest first.
     *
     * @param userId the user
     * @return live sessions (not revoked, not expired)
     */
    public List<SessionRecord> list(String userId) {
        Instant now = clock.instant();
        Optional<Instant> va = store.validAfter(userId);
        List<SessionRecord> out = new ArrayList<>();
        for (SessionRecord r : store.listByUser(userId)) {
            if (isLive(r, now, va)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(SessionRecord::createdAt).thenComparing(SessionRecord::handle));
        return out;
    }

    /**
     * Revokes one of the user's sessions.
     *
     * @param userId the user (a user can only revoke their own sessions)
     * @param handle the session's public id
     * @return whether a live session of the user was revoked
     */
    public boolean revoke(String userId, String handle) {
        Optional<SessionRecord> r = store.find(handle);
        if (r.isEmpty() || !r.get().userId().equals(userId)) {
            return false;
        }
        boolean done = store.revoke(handle, clock.instant());
        if (done) {
            audit.emit("session_revoke", AuditOutcome.SUCCESS, userId, r.get().org(), handle, null);
        }
        return done;
    }

    /**
     * Revokes a session by its raw id (logout).
     *
     * @param sessionId the raw session id
     * @return whether it was live and is now revoked
     */
    public boolean revokeBySessionId(String sessionId) {
        String handle = handleOf(sessionId);
        boolean done = store.revoke(handle, clock.instant());
        if (done) {
            audit.emit("logout", AuditOutcome.SUCCESS, store.find(handle).map(SessionRecord::userId).orElse(null),
                    null, handle, null);
        }
        return done;
    }

    /**
     * Sign out everywhere else: revokes every session of the user except the current one.
     *
     * @param userId the user
     * @param currentSessionId the raw id of the session to keep
     * @return how many sessions were revoked
     */
    public int revokeOthers(String userId, String currentSessionId) {
        String keep = handleOf(currentSessionId);
        Instant now = clock.instant();
        int n = 0;
        for (SessionRecord r : store.listByUser(userId)) {
            if (!r.handle().equals(keep) && store.revoke(r.handle(), now)) {
                n++;
            }
        }
        audit.emit("sign_out_everywhere", AuditOutcome.SUCCESS, userId, null, keep, null);
        return n;
    }

    /**
     * Revokes every session of the user and sets the user's {@code valid_after} epoch to now, so that tokens
     * and sessions issued before it fail (password change, account compromise).
     *
     * @param userId the user
     * @return how many sessions were revoked
     */
    public int revokeAll(String userId) {
        Instant now = clock.instant();
        store.setValidAfter(userId, now);
        int n = 0;
        for (SessionRecord r : store.listByUser(userId)) {
            if (store.revoke(r.handle(), now)) {
                n++;
            }
        }
        audit.emit("revoke_all_sessions", AuditOutcome.SUCCESS, userId, null, null, null);
        return n;
    }

    /**
     * Deletes expired, idle and revoked sessions from the store. Schedule it (see the class comment).
     *
     * @return how many were deleted
     */
    public int purgeExpired() {
        Instant now = clock.instant();
        return store.purgeExpired(now, now.minus(idleTimeout));
    }

    Optional<String> userOf(String handle) {
        return store.find(handle).map(SessionRecord::userId);
    }

    void touchNow(String handle) {
        store.touch(handle, clock.instant());
    }

    boolean revokeHandle(String handle) {
        return store.revoke(handle, clock.instant());
    }

    /** {@return the configured absolute timeout} */
    public Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    private boolean isLive(SessionRecord r, Instant now, Optional<Instant> validAfter) {
        return r.revokedAt() == null && now.isBefore(r.expiresAt())
                && Duration.between(r.lastUsedAt(), now).compareTo(idleTimeout) <= 0
                && (validAfter.isEmpty() || !r.createdAt().isBefore(validAfter.get()));
    }

    /** Builds {@link Sessions}. Not thread-safe. */
    public static final class Builder {
        private SessionStore store;
        private Clock clock;
        private Duration idleTimeout = Duration.ofHours(24);
        private Duration absoluteTimeout = Duration.ofDays(7);
        private Duration touchInterval = Duration.ofSeconds(60);
        private AuditSink auditSink;

        private Builder() {
        }

        /** @param store where sessions live (required) @return this */
        public Builder store(SessionStore store) {
            this.store = store;
            return this;
        }

        /** @param clock the time source (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param d idle timeout, 1 min to 30 days (default 24 h) @return this */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /** @param d absolute timeout, 1 min to 400 days (default 7 days) @return this */
        public Builder absoluteTimeout(Duration d) {
            this.absoluteTimeout = d;
            return this;
        }

        /** @param d minimum time between two {@code lastUsedAt} writes, 0 to 10 min (default 60 s) @return this */
        public Builder touchInterval(Duration d) {
            this.touchInterval = d;
            return this;
        }

        /** @param sink audit sink (default: none) @return this */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        /**
         * @return the sessions component
         * @throws ConfigurationException when a setting is missing or out of range
         */
        public Sessions build() {
            ConfigurationException.requireSet(store, "session store");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.check(idleTimeout != null && idleTimeout.compareTo(Duration.ofMinutes(1)) >= 0
                    && idleTimeout.compareTo(Duration.ofDays(30)) <= 0,
                    "idleTimeout must be between 1 min and 30 days, was " + idleTimeout);
            ConfigurationException.check(absoluteTimeout != null && absoluteTimeout.compareTo(Duration.ofMinutes(1)) >= 0
                    && absoluteTimeout.compareTo(Duration.ofDays(400)) <= 0,
                    "absoluteTimeout must be between 1 min and 400 days, was " + absoluteTimeout);
            ConfigurationException.check(touchInterval != null && !touchInterval.isNegative()
                    && touchInterval.compareTo(Duration.ofMinutes(10)) <= 0,
                    "touchInterval must be between 0 and 10 min, was " + touchInterval);
            return new Sessions(this);
        }
    }
}
