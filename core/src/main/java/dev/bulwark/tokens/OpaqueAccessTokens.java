package dev.bulwark.tokens;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.internal.Audit;
import dev.bulwark.tokens.internal.Hashes;
import dev.bulwark.tokens.spi.OpaqueTokenRecord;
import dev.bulwark.tokens.spi.OpaqueTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Opaque access tokens: the alternative to JWTs when no user data may travel in the token. A token is
 * {@code at_} + 256 random bits (base64url); the store holds only its SHA-256 and what it grants, looked up on
 * every verification, which returns the same {@link VerifiedToken} as {@link AccessTokens} (its
 * {@code claims} hold {@code sub}, {@code org}, {@code sid}, {@code roles}, {@code scope}, {@code jti},
 * {@code iat}, {@code exp}; {@code kid} is {@code null}). Revocation is immediate ({@link #revoke}); the
 * session is checked on every call as for JWTs. Default lifetime 30 minutes. Thread-safe.
 */
public final class OpaqueAccessTokens implements AccessTokenIssuer, AccessTokenVerifier {

    private static final String PREFIX = "at_";

    private final OpaqueTokenStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Sessions sessions;
    private final Audit audit;

    private OpaqueAccessTokens(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.ttl = b.ttl;
        this.sessions = b.sessions;
        this.audit = new Audit(b.auditSink, b.clock);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public IssuedToken issue(AccessTokenClaims claims) {
        return issue(claims, ttl);
    }

    @Override
    public IssuedToken issue(AccessTokenClaims claims, Duration lifetime) {
        if (lifetime.getSeconds() < 1 || lifetime.compareTo(ttl) > 0) {
            throw new IllegalArgumentException("token lifetime must be between 1 s and " + ttl + ", was " + lifetime);
        }
        String token = PREFIX + RandomTokens.token();
        Instant iat = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant exp = iat.plusSeconds(lifetime.getSeconds());
        String jti = RandomTokens.base64Url(16);
        store.put(new OpaqueTokenRecord(Hashes.sha256B64(token), claims.subject(), claims.org(), claims.sessionId(),
                claims.roles(), claims.scopes(), jti, iat, exp));
        return new IssuedToken(token, jti, iat, exp);
    }

    @Override
    public VerifiedToken verify(String token) {
        try {
            return doVerify(token);
        } catch (TokenException e) {
            audit.emit("token_verify", AuditOutcome.FAILURE, null, null, null, e.reason());
            throw e;
        }
    }

    private VerifiedToken doVerify(String token) {
        if (token == null || token.length() != PREFIX.length() + 43 || !token.startsWith(PREFIX)
                || !Hashes.isBase64Url(token, PREFIX.length(), token.length())) {
            throw new TokenException(TokenReason.MALFORMED, "not an opaque access token");
        }
        OpaqueTokenRecord r = store.find(Hashes.sha256B64(token))
                .orElseThrow(() -> new TokenException(TokenReason.UNKNOWN_TOKEN, "access token is unknown or revoked"));
        if (!clock.instant().isBefore(r.expiresAt())) {
            throw new TokenException(TokenReason.EXPIRED, "token expired at " + r.expiresAt());
        }
        if (sessions != null) {
            sessions.check(r.sessionId(), r.subject(), r.issuedAt());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", r.subject());
        if (r.org() != null) {
            claims.put("org", r.org());
        }
        claims.put("sid", r.sessionId());
        if (!r.roles().isEmpty()) {
            claims.put("roles", List.copyOf(new TreeSet<>(r.roles())));
        }
        if (!r.scopes().isEmpty()) {
            claims.put("scope", String.join(" ", new TreeSet<>(r.scopes())));
        }
        claims.put("jti", r.jwtId());
        claims.put("iat", r.issuedAt().getEpochSecond());
        claims.put("exp", r.expiresAt().getEpochSecond());
        return new VerifiedToken(r.subject(), r.org(), r.sessionId(), r.roles(), r.scopes(), r.jwtId(), r.issuedAt(),
                r.expiresAt(), null, claims);
    }

    /**
     * Revokes one token immediately.
     *
     * @param token the token
     * @return whether it existed
     */
    public boolean revoke(String token) {
        boolean done = token != null && store.delete(Hashes.sha256B64(token));
        if (done) {
            audit.emit("token_revoke", AuditOutcome.SUCCESS, null, null, null, null);
        }
        return done;
    }

    /** @return how many expired tokens were deleted; schedule it with {@link Sessions#purgeExpired()} */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }

    /** Builds {@link OpaqueAccessTokens}. Not thread-safe. */
    public static final class Builder {
        private OpaqueTokenStore store;
        private Clock clock;
        private Duration ttl = AccessTokens.DEFAULT_TTL;
        private Sessions sessions;
        private boolean noSessionCheck;
        private AuditSink auditSink;

        private Builder() {
        }

        /** @param store token storage (required) @return this */
        public Builder store(OpaqueTokenStore store) {
            this.store = store;
            return this;
        }

        /** @param clock time source (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param ttl default and maximum lifetime, 1 min to 24 h (default 30 min) @return this */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** @param sessions checked on every verification @return this */
        public Builder sessions(Sessions sessions) {
            this.sessions = sessions;
            return this;
        }

        /** Opts out of the session check. @return this */
        public Builder withoutSessionCheck() {
            this.noSessionCheck = true;
            return this;
        }

        /** @param sink audit sink (default none) @return this */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        /**
         * @return the component
         * @throws ConfigurationException when a setting is missing or out of range
         */
        public OpaqueAccessTokens build() {
            ConfigurationException.requireSet(store, "opaque token store");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.check(sessions != null ^ noSessionCheck,
                    "exactly one of sessions(...) or withoutSessionCheck() must be chosen");
            ConfigurationException.check(ttl != null && ttl.compareTo(Duration.ofMinutes(1)) >= 0
                    && ttl.compareTo(Duration.ofHours(24)) <= 0, "ttl must be between 1 min and 24 h, was " + ttl);
            return new OpaqueAccessTokens(this);
        }
    }
}
