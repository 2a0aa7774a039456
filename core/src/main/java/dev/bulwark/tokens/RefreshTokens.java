package dev.bulwark.tokens;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.ConstantTime;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.internal.Audit;
import dev.bulwark.tokens.internal.Hashes;
import dev.bulwark.tokens.spi.RefreshTokenRecord;
import dev.bulwark.tokens.spi.RefreshTokenRecord.State;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import dev.bulwark.tokens.spi.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Login and rotating refresh tokens, with reuse detection.
 *
 * <p>Refresh tokens are opaque: {@code rt_} + the 43-character session id + {@code .} + 43 characters of
 * 256-bit randomness; only base64url(SHA-256(token)) is stored. Each session has one family of refresh
 * tokens with exactly one live (ACTIVE) token at a time. {@link #refresh(String)} atomically rotates it and
 * returns a new access/refresh pair with the <em>same</em> {@code sid} and sets the session's
 * {@code lastUsedAt}. Presenting a rotated-out token again
 * revokes the session and the whole family, emits {@code REFRESH_REUSE_DETECTED} and fails with
 * {@link TokenReason#REFRESH_REUSED}. A configurable overlap (default 0, at most 60 s) tolerates a client
 * retrying the immediately previous token while its successor is still unused: the successor is then
 * rotated in its place, so the family still has one live token. The family's absolute lifetime (default
 * 7 days) is fixed at login; rotation never extends it. Of two concurrent refreshes of one token exactly one
 * wins; the other is treated as reuse. Thread-safe.
 */
public final class RefreshTokens {

    private static final String PREFIX = "rt_";
    private static final int PART = 43;

    private final RefreshTokenStore store;
    private final Sessions sessions;
    private final AccessTokenIssuer accessTokens;
    private final Clock clock;
    private final Duration familyLifetime;
    private final Duration overlap;
    private final Audit audit;

    private RefreshTokens(Builder b) {
        this.store = b.store;
        this.sessions = b.sessions;
        this.accessTokens = b.accessTokens;
        this.clock = b.clock;
        this.familyLifetime = b.familyLifetime;
        this.overlap = b.overlap;
        this.audit = new Audit(b.auditSink, b.clock);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session for an authenticated user and returns its first token pair (call after the password,
     * TOTP, ... checks succeeded).
     *
     * @param userId the user
     * @param org the org, or {@code null}
     * @param device a device label, or {@code null}
     * @param roles roles for the tokens
     * @param scopes scopes for the tokens
     * @return the first pair
     */
    public TokenPair login(String userId, String org, String device, Set<String> roles, Set<String> scopes) {
        Duration life = familyLifetime.compareTo(sessions.absoluteTimeout()) <= 0 ? familyLifetime : sessions.absoluteTimeout();
        Sessions.NewSession s = sessions.open(userId, org, device, roles, scopes, life);
        Instant now = clock.instant();
        String refresh = newToken(s.sessionId());
        try {
            store.insert(new RefreshTokenRecord(Hashes.sha256B64(refresh), s.session().handle(), State.ACTIVE, now,
                    now.plus(familyLifetime), null, null));
        } catch (RuntimeException e) {
            sessions.revokeHandle(s.session().handle()); // no half-open session without a refresh token
            throw e;
        }
        audit.emit("login", AuditOutcome.SUCCESS, userId, org, s.session().handle(), null);
        return new TokenPair(mint(s.session(), s.sessionId()), refresh, s.session().handle(), s.sessionId());
    }

    /**
     * Rotates a refresh token.
     *
     * @param refreshToken the presented token
     * @return a new pair with the same session
     * @throws TokenException {@code REFRESH_INVALID}, {@code REFRESH_EXPIRED}, {@code REFRESH_REUSED},
     *     {@code SESSION_REVOKED}, {@code SESSION_EXPIRED}, ...
     */
    public TokenPair refresh(String refreshToken) {
        try {
            return doRefresh(refreshToken);
        } catch (TokenException e) {
            if (e.reason() != TokenReason.REFRESH_REUSED) {
                audit.emit("refresh", AuditOutcome.FAILURE, null, null, null, e.reason());
            }
            throw e;
        }
    }

    private TokenPair doRefresh(String refreshToken) {
        if (refreshToken == null || refreshToken.length() != PREFIX.length() + PART + 1 + PART
                || !refreshToken.startsWith(PREFIX) || refreshToken.charAt(PREFIX.length() + PART) != '.'
                || !Hashes.isBase64Url(refreshToken, PREFIX.length(), PREFIX.length() + PART)
                || !Hashes.isBase64Url(refreshToken, PREFIX.length() + PART + 1, refreshToken.length())) {
            throw new TokenException(TokenReason.REFRESH_INVALID, "refresh token is malformed");
        }
        String sid = refreshToken.substring(PREFIX.length(), PREFIX.length() + PART);
        String handle = Sessions.handleOf(sid);
        String hash = Hashes.sha256B64(refreshToken);
        RefreshTokenRecord r = store.find(hash)
                .orElseThrow(() -> new TokenException(TokenReason.REFRESH_INVALID, "refresh token is unknown"));
        if (!ConstantTime.equals(r.familyId().getBytes(StandardCharsets.US_ASCII), handle.getBytes(StandardCharsets.US_ASCII))) {
            throw new TokenException(TokenReason.REFRESH_INVALID, "refresh token does not belong to its session");
        }
        Instant now = clock.instant();
        if (!now.isBefore(r.familyExpiresAt())) {
            throw new TokenException(TokenReason.REFRESH_EXPIRED, "refresh family reached its absolute lifetime");
        }
        if (r.state() == State.REVOKED) {
            throw new TokenException(TokenReason.SESSION_REVOKED, "Session has been revoked");
        }
        String used = hash;
        if (r.state() == State.ROTATED) {
            Optional<RefreshTokenRecord> successor = r.successorHash() == null ? Optional.empty() : store.find(r.successorHash());
            boolean benign = !overlap.isZero() && r.rotatedAt() != null
                    && !now.isAfter(r.rotatedAt().plus(overlap))
                    && successor.isPresent() && successor.get().state() == State.ACTIVE;
            if (!benign) {
                throw reuse(handle);
            }
            used = successor.get().tokenHash();
        }
        SessionRecord session = sessions.check(sid, sessionUser(handle), null);
        String next = newToken(sid);
        String nextHash = Hashes.sha256B64(next);
        if (!store.rotate(used, nextHash, now)) {
            throw reuse(handle);
        }
        store.insert(new RefreshTokenRecord(nextHash, handle, State.ACTIVE, now, r.familyExpiresAt(), null, null));
        sessions.touchNow(handle);
        audit.emit("refresh", AuditOutcome.SUCCESS, session.userId(), session.org(), handle, null);
        return new TokenPair(mint(session, sid), next, handle, sid);
    }

    private String sessionUser(String handle) {
        return sessions.userOf(handle)
                .orElseThrow(() -> new TokenException(TokenReason.SESSION_UNKNOWN, "session does not exist"));
    }

    private TokenException reuse(String handle) {
        String user = sessions.userOf(handle).orElse(null);
        sessions.revokeHandle(handle);
        store.revokeFamily(handle);
        audit.emit("REFRESH_REUSE_DETECTED", AuditOutcome.FAILURE, user, null, handle, TokenReason.REFRESH_REUSED);
        return new TokenException(TokenReason.REFRESH_REUSED,
                "refresh token was already used: the session and its refresh tokens were revoked");
    }

    private IssuedToken mint(SessionRecord s, String sid) {
        return accessTokens.issue(new AccessTokenClaims(s.userId(), s.org(), sid, s.roles(), s.scopes()));
    }

    private static String newToken(String sid) {
        return PREFIX + sid + "." + RandomTokens.token();
    }

    /**
     * Deletes refresh records of ended families. Schedule it with {@link Sessions#purgeExpired()}.
     *
     * @return how many were deleted
     */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }

    /** Builds {@link RefreshTokens}. Not thread-safe. */
    public static final class Builder {
        private RefreshTokenStore store;
        private Sessions sessions;
        private AccessTokenIssuer accessTokens;
        private Clock clock;
        private Duration familyLifetime = Duration.ofDays(7);
        private Duration overlap = Duration.ZERO;
        private AuditSink auditSink;

        private Builder() {
        }

        /** @param store refresh token storage (required) @return this */
        public Builder store(RefreshTokenStore store) {
            this.store = store;
            return this;
        }

        /** @param sessions the sessions (required) @return this */
        public Builder sessions(Sessions sessions) {
            this.sessions = sessions;
            return this;
        }

        /** @param accessTokens mints the access tokens (required) @return this */
        public Builder accessTokens(AccessTokenIssuer accessTokens) {
            this.accessTokens = accessTokens;
            return this;
        }

        /** @param clock the time source (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param d absolute family lifetime, 1 min to 400 days (default 7 days) @return this */
        public Builder familyLifetime(Duration d) {
            this.familyLifetime = d;
            return this;
        }

        /** @param d benign-retry overlap window, 0 to 60 s (default 0) @return this */
        public Builder reuseOverlap(Duration d) {
            this.overlap = d;
            return this;
        }

        /** @param sink audit sink (default: none) @return this */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        /**
         * @return the component
         * @throws ConfigurationException when a setting is missing or out of range
         */
        public RefreshTokens build() {
            ConfigurationException.requireSet(store, "refresh token store");
            ConfigurationException.requireSet(sessions, "sessions");
            ConfigurationException.requireSet(accessTokens, "accessTokens");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.check(familyLifetime != null && familyLifetime.compareTo(Duration.ofMinutes(1)) >= 0
                    && familyLifetime.compareTo(Duration.ofDays(400)) <= 0,
                    "familyLifetime must be between 1 min and 400 days, was " + familyLifetime);
            ConfigurationException.check(overlap != null && !overlap.isNegative() && overlap.compareTo(Duration.ofSeconds(60)) <= 0,
                    "reuseOverlap must be between 0 and 60 s, was " + overlap);
            return new RefreshTokens(this);
        }
    }
}
