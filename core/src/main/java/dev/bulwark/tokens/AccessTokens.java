package dev.bulwark.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.internal.Audit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Issues and verifies JWT access tokens (RFC 9068 profile) with secure defaults.
 *
 * <p>Verification ({@link #verify(String)}) rejects, each with its own {@link TokenReason}:
 * <ul>
 *   <li>anything that is not a strict compact JWS ({@code MALFORMED}); {@code alg} other than the one bound
 *       to the key ({@code ALG_NOT_ALLOWED}, {@code none} included); {@code jwk}/{@code jku}/{@code x5u}/
 *       {@code x5c}/{@code crit} headers ({@code HEADER_NOT_ALLOWED}); unknown or malformed {@code kid};
 *       a bad signature;</li>
 *   <li>a {@code typ} other than {@code at+jwt} ({@code WRONG_TYPE}): no other token kind passes;</li>
 *   <li>a missing {@code exp}, {@code iat}, {@code iss}, {@code aud}, {@code sub}, {@code sid} or
 *       {@code jti} ({@code MISSING_CLAIM}); wrong issuer or audience;</li>
 *   <li>expired, not yet valid ({@code nbf}), issued in the future, each with a clock skew of at most 60 s
 *       (default 30 s); a lifetime {@code exp - iat} above {@code maxTtl} ({@code LIFETIME_EXCEEDED});</li>
 *   <li>a session that is unknown, revoked or expired (checked on every call through {@link Sessions},
 *       unless the builder explicitly opted out with {@link Builder#withoutSessionCheck()}).</li>
 * </ul>
 * Failures leave an {@code auth/token_verify} audit event with the reason, never the token. Messages never
 * contain the token.
 *
 * <p>Default lifetime 30 minutes; 5 minutes is the documented short profile ({@link #SHORT_TTL}). Thread-safe.
 */
public final class AccessTokens implements AccessTokenIssuer, AccessTokenVerifier {

    /** The {@code typ} of access tokens (RFC 9068). */
    public static final String TYPE = "at+jwt";
    /** The default lifetime. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    /** The short-lived profile (API key exchange, high-risk services). */
    public static final Duration SHORT_TTL = Duration.ofMinutes(5);
    /** The hard cap on clock skew. */
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Duration maxTtl;
    private final long skewSeconds;
    private final Clock clock;
    private final Sessions sessions;
    private final Audit audit;

    private AccessTokens(Builder b) {
        this.keys = b.keys;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.ttl = b.ttl;
        this.maxTtl = b.maxTtl == null ? b.ttl : b.maxTtl;
        this.skewSeconds = b.skew.getSeconds();
        this.clock = b.clock;
        this.sessions = b.sessions;
        this.audit = new Audit(b.auditSink, b.clock);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Issues a token with the default lifetime.
     *
     * @param claims who the token is for
     * @return the token
     */
    @Override
    public IssuedToken issue(AccessTokenClaims claims) {
        return issue(claims, ttl);
    }

    /**
     * Issues a token with a shorter lifetime.
     *
     * @param claims who the token is for
     * @param lifetime at least 1 s and at most {@code maxTtl}
     * @return the token
     * @throws IllegalArgumentException when the lifetime is out of range
     */
    @Override
    public IssuedToken issue(AccessTokenClaims claims, Duration lifetime) {
        if (issuer == null || audience == null) {
            throw new IllegalStateException("this AccessTokens accepts any issuer/audience and cannot issue");
        }
        if (lifetime.getSeconds() < 1 || lifetime.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("token lifetime must be between 1 s and " + maxTtl + ", was " + lifetime);
        }
        Instant now = clock.instant();
        Instant iat = Instant.ofEpochSecond(now.getEpochSecond());
        Instant exp = iat.plusSeconds(lifetime.getSeconds());
        String jti = RandomTokens.base64Url(16);
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(claims.subject()).audience(audience)
                .issueTime(Date.from(iat)).expirationTime(Date.from(exp)).jwtID(jti)
                .claim("sid", claims.sessionId());
        if (claims.org() != null) {
            c.claim("org", claims.org());
        }
        if (!claims.roles().isEmpty()) {
            c.claim("roles", List.copyOf(new java.util.TreeSet<>(claims.roles())));
        }
        if (!claims.scopes().isEmpty()) {
            c.claim("scope", String.join(" ", new java.util.TreeSet<>(claims.scopes())));
        }
        String token = keys.sign(c.build().toString().getBytes(StandardCharsets.UTF_8), TYPE);
        return new IssuedToken(token, jti, iat, exp);
    }

    /**
     * Verifies a token completely (see the class comment).
     *
     * @param token the compact JWT
     * @return the verified token
     * @throws TokenException with the reason of the first failed check
     */
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
        SigningKeys.Checked checked = keys.checkSigned(token);
        com.nimbusds.jose.JWSHeader header = checked.header;
        JOSEObjectType typ = header.getType();
        if (typ == null || !isAccessType(typ.getType())) {
            throw new TokenException(TokenReason.WRONG_TYPE, "typ must be " + TYPE + " for an access token");
        }
        // One validating pass that keeps only the registered claims; the full map is built on first access.
        JsonClaims.Registered json = JsonClaims.scan(checked.payload, issuer, audience);
        long exp = epochClaim(json.get(JsonClaims.Registered.EXP), "exp");
        long iat = epochClaim(json.get(JsonClaims.Registered.IAT), "iat");
        String iss = stringClaim(json.get(JsonClaims.Registered.ISS), "iss");
        List<String> aud = audience(json.get(JsonClaims.Registered.AUD));
        String sub = stringClaim(json.get(JsonClaims.Registered.SUB), "sub");
        String jti = stringClaim(json.get(JsonClaims.Registered.JTI), "jti");
        String sid = stringClaim(json.get(JsonClaims.Registered.SID), "sid");
        requireClaim(exp == NO_DATE ? null : Boolean.TRUE, "exp");
        requireClaim(iat == NO_DATE ? null : Boolean.TRUE, "iat");
        requireClaim(iss, "iss");
        requireClaim(aud.isEmpty() ? null : aud, "aud");
        requireClaim(sub == null || sub.isEmpty() ? null : sub, "sub");
        requireClaim(sid == null || sid.isEmpty() ? null : sid, "sid");
        requireClaim(jti == null || jti.isEmpty() ? null : jti, "jti");
        if (issuer != null && !issuer.equals(iss)) {
            throw new TokenException(TokenReason.WRONG_ISSUER, "iss is not the configured issuer");
        }
        if (audience != null && !aud.contains(audience)) {
            throw new TokenException(TokenReason.WRONG_AUDIENCE, "aud does not contain the configured audience");
        }
        Instant nowInstant = clock.instant();
        long now = nowInstant.getEpochSecond();
        long expS = exp;
        long iatS = iat;
        if (now >= expS + skewSeconds) {
            throw new TokenException(TokenReason.EXPIRED, "token expired at " + Instant.ofEpochSecond(expS));
        }
        long nbf = epochClaim(json.get(JsonClaims.Registered.NBF), "nbf");
        if (nbf != NO_DATE && now + skewSeconds < nbf) {
            throw new TokenException(TokenReason.NOT_YET_VALID, "token not valid before " + Instant.ofEpochSecond(nbf));
        }
        if (iatS > now + skewSeconds) {
            throw new TokenException(TokenReason.ISSUED_IN_FUTURE, "token issued in the future (" + Instant.ofEpochSecond(iatS) + ")");
        }
        if (expS - iatS > maxTtl.getSeconds() || expS <= iatS) {
            throw new TokenException(TokenReason.LIFETIME_EXCEEDED,
                    "token lifetime " + (expS - iatS) + " s is outside (0, " + maxTtl.getSeconds() + " s]");
        }
        String org = stringClaim(json.get(JsonClaims.Registered.ORG), "org");
        Set<String> roles = listClaim(json.get(JsonClaims.Registered.ROLES), "roles");
        Set<String> scopes = scopeClaim(json.get(JsonClaims.Registered.SCOPE));
        Instant issuedAt = Instant.ofEpochSecond(iatS);
        if (sessions != null) {
            // One reading of the clock for the whole verification when both use the same one.
            if (sessions.usesClock(clock)) {
                sessions.check(sid, sub, issuedAt, nowInstant);
            } else {
                sessions.check(sid, sub, issuedAt);
            }
        }
        return new VerifiedToken(sub, org, sid, roles, scopes, jti, issuedAt, Instant.ofEpochSecond(expS),
                header.getKeyID(), new LazyClaims(checked.payload));
    }

    private static boolean isAccessType(String t) {
        String s = t.toLowerCase(Locale.ROOT);
        return TYPE.equals(s) || ("application/" + TYPE).equals(s);
    }

    private static void requireClaim(Object value, String name) {
        if (value == null) {
            throw new TokenException(TokenReason.MISSING_CLAIM, "claim '" + name + "' is required");
        }
    }

    private static String stringClaim(Object v, String name) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new TokenException(TokenReason.MISSING_CLAIM, "claim '" + name + "' must be a string");
    }

    /** {@link #epochClaim} of an absent claim (no NumericDate it accepts is this far from zero). */
    private static final long NO_DATE = Long.MIN_VALUE;

    /** A NumericDate (RFC 7519): a JSON number of seconds; fractions are truncated; {@link #NO_DATE} when absent. */
    private static long epochClaim(Object v, String name) {
        if (v == null) {
            return NO_DATE;
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (!Double.isNaN(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return ((Number) v).longValue();
            }
        }
        throw new TokenException(TokenReason.MALFORMED, "claim '" + name + "' must be a NumericDate (seconds)");
    }

    private static List<String> audience(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        if (v instanceof List) {
            List<String> out = new java.util.ArrayList<>();
            for (Object o : (List<?>) v) {
                if (!(o instanceof String)) {
                    throw new TokenException(TokenReason.MALFORMED, "claim 'aud' must be a string or an array of strings");
                }
                out.add((String) o);
            }
            return out;
        }
        throw new TokenException(TokenReason.MALFORMED, "claim 'aud' must be a string or an array of strings");
    }

    private static Set<String> listClaim(Object v, String name) {
        if (v == null) {
            return Set.of();
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            for (Object o : list) {
                if (!(o instanceof String)) {
                    throw new TokenException(TokenReason.MISSING_CLAIM, "claim '" + name + "' must be an array of strings");
                }
            }
            if (list.isEmpty()) {
                return Set.of();
            }
            if (list.size() == 1) {
                return Set.of((String) list.get(0));
            }
            Set<String> out = new LinkedHashSet<>();
            for (Object o : list) {
                out.add((String) o);
            }
            return out;
        }
        throw new TokenException(TokenReason.MISSING_CLAIM, "claim '" + name + "' must be an array of strings");
    }

    private static Set<String> scopeClaim(Object v) {
        String s = stringClaim(v, "scope");
        if (s == null || s.isBlank()) {
            return Set.of();
        }
        if (s.indexOf(' ') < 0) {
            return Set.of(s);
        }
        Set<String> out = new LinkedHashSet<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int j = i;
            while (j < n && s.charAt(j) != ' ') {
                j++;
            }
            if (j > i) {
                out.add(s.substring(i, j));
            }
            i = j;
        }
        return out;
    }

    /** {@return issuer, audience and lifetime settings; never key material} */
    @Override
    public String toString() {
        return "AccessTokens[iss=" + issuer + ", aud=" + audience + ", ttl=" + ttl + ", keys=" + keys + "]";
    }

    /** Builds {@link AccessTokens}. Not thread-safe. */
    public static final class Builder {
        private SigningKeys keys;
        private String issuer;
        private String audience;
        private boolean anyIssuer;
        private boolean anyAudience;
        private Duration ttl = DEFAULT_TTL;
        private Duration maxTtl;
        private Duration skew = Duration.ofSeconds(30);
        private Clock clock;
        private Sessions sessions;
        private boolean noSessionCheck;
        private AuditSink auditSink;

        private Builder() {
        }

        /** @param keys the key ring (required) @return this */
        public Builder signingKeys(SigningKeys keys) {
            this.keys = keys;
            return this;
        }

        /** @param issuer the {@code iss} written and required (required) @return this */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** @param audience the {@code aud} written and required (required) @return this */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /**
         * Verifies without comparing {@code iss} (it must still be present). For tooling such as
         * {@code bulwark jwt verify}; such an instance cannot issue.
         *
         * @return this
         */
        public Builder acceptAnyIssuer() {
            this.anyIssuer = true;
            return this;
        }

        /**
         * Verifies without comparing {@code aud} (it must still be present). For tooling; cannot issue.
         *
         * @return this
         */
        public Builder acceptAnyAudience() {
            this.anyAudience = true;
            return this;
        }

        /** @param ttl lifetime of issued tokens, 1 min to 24 h (default 30 min) @return this */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** @param maxTtl longest accepted {@code exp - iat}, at least ttl, at most 24 h (default: ttl) @return this */
        public Builder maxTtl(Duration maxTtl) {
            this.maxTtl = maxTtl;
            return this;
        }

        /** @param skew clock skew tolerated on exp/nbf/iat, whole seconds, 0 to 60 s (default 30 s) @return this */
        public Builder clockSkew(Duration skew) {
            this.skew = skew;
            return this;
        }

        /** @param clock the time source (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param sessions checked on every verification @return this */
        public Builder sessions(Sessions sessions) {
            this.sessions = sessions;
            return this;
        }

        /**
         * Opts out of the session check (a resource server without access to the session store). Tokens then
         * stay valid until {@code exp} even after logout: keep the lifetime short.
         *
         * @return this
         */
        public Builder withoutSessionCheck() {
            this.noSessionCheck = true;
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
        public AccessTokens build() {
            ConfigurationException.requireSet(keys, "signingKeys");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.check(anyIssuer || issuer != null && !issuer.isBlank(),
                    "issuer must be set (or acceptAnyIssuer() for tooling)");
            ConfigurationException.check(anyAudience || audience != null && !audience.isBlank(),
                    "audience must be set (or acceptAnyAudience() for tooling)");
            if (anyIssuer) {
                issuer = null;
            }
            if (anyAudience) {
                audience = null;
            }
            ConfigurationException.check(sessions != null ^ noSessionCheck,
                    "exactly one of sessions(...) or withoutSessionCheck() must be chosen");
            ConfigurationException.check(ttl != null && ttl.compareTo(Duration.ofMinutes(1)) >= 0
                    && ttl.compareTo(Duration.ofHours(24)) <= 0, "ttl must be between 1 min and 24 h, was " + ttl);
            ConfigurationException.check(maxTtl == null || maxTtl.compareTo(ttl) >= 0 && maxTtl.compareTo(Duration.ofHours(24)) <= 0,
                    "maxTtl must be between ttl and 24 h, was " + maxTtl);
            ConfigurationException.check(skew != null && !skew.isNegative() && skew.compareTo(MAX_SKEW) <= 0
                    && skew.getNano() == 0, "clock skew must be whole seconds between 0 and 60 s, was " + skew);
            return new AccessTokens(this);
        }
    }
}
