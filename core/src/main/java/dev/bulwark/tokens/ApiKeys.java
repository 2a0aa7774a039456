package dev.bulwark.tokens;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.ConstantTime;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.tokens.internal.Audit;
import dev.bulwark.tokens.internal.Hashes;
import dev.bulwark.tokens.spi.ApiKeyRecord;
import dev.bulwark.tokens.spi.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Org-scoped API keys.
 *
 * <p>Format: {@code ak_live_} (or {@code ak_test_}) + 64 lower-case hex characters (256 bits). The first 16
 * hex characters are the non-secret key id used for lookup; the store holds only the SHA-256 (or, with a
 * server pepper, HMAC-SHA256) of the whole key, compared in constant time, plus a masked display prefix
 * ({@code ak_live_3f9a…}). The raw key is returned once by {@link #create} and never again. Each key belongs
 * to exactly one org, may carry scopes and an expiry; revocation is immediate; {@code lastUsedAt} is updated
 * on each successful authentication. {@link #exchange} trades a key for a 5-minute access token.
 *
 * <p>Every rejection says {@code Invalid or revoked API key} (reasons {@code API_KEY_INVALID},
 * {@code API_KEY_REVOKED}, {@code API_KEY_EXPIRED}). Thread-safe.
 */
public final class ApiKeys {

    /** The message of every rejection. */
    public static final String REJECTION = "Invalid or revoked API key";

    private static final int HEX = 64;
    private static final int ID_HEX = 16;

    private final ApiKeyStore store;
    private final Clock clock;
    private final String prefix;
    private final byte[] pepper;
    private final AccessTokenIssuer accessTokens;
    private final Sessions sessions;
    private final Audit audit;

    private ApiKeys(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.prefix = b.test ? "ak_test_" : "ak_live_";
        this.pepper = b.pepper == null ? null : b.pepper.bytes();
        this.accessTokens = b.accessTokens;
        this.sessions = b.sessions;
        this.audit = new Audit(b.auditSink, b.clock);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new key, shown once.
     *
     * @param rawKey the key itself: give it to the user now, it is not stored
     * @param info what is stored (hash, prefix, org, ...)
     */
    public record CreatedApiKey(String rawKey, ApiKeyRecord info) {
        /** {@return the stored info; the raw key masked} */
        @Override
        public String toString() {
            return "CreatedApiKey[" + info + ", key=" + info.displayPrefix() + "]";
        }
    }

    /**
     * An authenticated API key.
     *
     * @param keyId the key id
     * @param org the key's org
     * @param scopes the key's scopes
     * @param name the key's label, or {@code null}
     */
    public record ApiKeyPrincipal(String keyId, String org, Set<String> scopes, String name) {
    }

    /**
     * Creates a key for an org.
     *
     * @param org the org the key belongs to
     * @param name a label, or {@code null}
     * @param scopes the scopes it may use (empty: all of the org's)
     * @param lifetime how long it lives, or {@code null} for no expiry
     * @return the raw key (once) and the stored record
     */
    public CreatedApiKey create(String org, String name, Set<String> scopes, Duration lifetime) {
        if (org == null || org.isBlank()) {
            throw new IllegalArgumentException("org must be set: every API key belongs to one org");
        }
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new IllegalArgumentException("API key lifetime must be positive");
        }
        String raw = prefix + RandomTokens.hex(32);
        String id = raw.substring(prefix.length(), prefix.length() + ID_HEX);
        Instant now = clock.instant();
        ApiKeyRecord r = new ApiKeyRecord(id, org, name, raw.substring(0, prefix.length() + 4) + "…", hash(raw),
                scopes == null ? Set.of() : scopes, now, lifetime == null ? null : now.plus(lifetime), null, null);
        store.insert(r);
        audit.emit("api_key_created", AuditOutcome.SUCCESS, null, org, id, null);
        return new CreatedApiKey(raw, r);
    }

    /**
     * Authenticates a raw key: format, lookup by id, constant-time hash comparison, revocation and expiry;
     * then records the use.
     *
     * @param rawKey the presented key
     * @return the principal
     * @throws TokenException {@code API_KEY_INVALID}, {@code API_KEY_REVOKED} or {@code API_KEY_EXPIRED},
     *     each with the message {@value #REJECTION}
     */
    public ApiKeyPrincipal authenticate(String rawKey) {
        if (rawKey == null || rawKey.length() != prefix.length() + HEX || !rawKey.startsWith(prefix) || !isLowerHex(rawKey)) {
            throw fail(TokenReason.API_KEY_INVALID, null, null);
        }
        String id = rawKey.substring(prefix.length(), prefix.length() + ID_HEX);
        ApiKeyRecord r = store.find(id).orElse(null);
        byte[] presented = hash(rawKey).getBytes(StandardCharsets.US_ASCII);
        if (r == null || !ConstantTime.equals(r.hash().getBytes(StandardCharsets.US_ASCII), presented)) {
            throw fail(TokenReason.API_KEY_INVALID, r == null ? null : id, null);
        }
        Instant now = clock.instant();
        if (r.revokedAt() != null) {
            throw fail(TokenReason.API_KEY_REVOKED, id, r.org());
        }
        if (r.expiresAt() != null && !now.isBefore(r.expiresAt())) {
            throw fail(TokenReason.API_KEY_EXPIRED, id, r.org());
        }
        store.touch(id, now);
        return new ApiKeyPrincipal(id, r.org(), r.scopes(), r.name());
    }

    /**
     * Exchanges an API key for a 5-minute access token. The token's subject is {@code apikey:<keyId>}, its
     * {@code org} the key's org, its scopes the key's; it belongs to a new 5-minute session.
     *
     * @param rawKey the presented key
     * @return the access token
     * @throws TokenException as {@link #authenticate(String)}
     * @throws IllegalStateException when the builder was not given access tokens and sessions
     */
    public IssuedToken exchange(String rawKey) {
        if (accessTokens == null || sessions == null) {
            throw new IllegalStateException("exchange needs ApiKeys.builder().accessTokens(...).sessions(...)");
        }
        ApiKeyPrincipal p = authenticate(rawKey);
        String subject = "apikey:" + p.keyId();
        Sessions.NewSession s = sessions.open(subject, p.org(), "api-key " + p.keyId(), Set.of(), p.scopes(),
                AccessTokens.SHORT_TTL);
        audit.emit("api_key_exchange", AuditOutcome.SUCCESS, subject, p.org(), p.keyId(), null);
        return accessTokens.issue(new AccessTokenClaims(subject, p.org(), s.sessionId(), Set.of(), p.scopes()),
                AccessTokens.SHORT_TTL);
    }

    /**
     * The org's keys, newest first, without any secret.
     *
     * @param org the org
     * @return its keys, revoked included
     */
    public List<ApiKeyRecord> list(String org) {
        List<ApiKeyRecord> l = new ArrayList<>(store.listByOrg(org));
        l.sort(Comparator.comparing(ApiKeyRecord::createdAt).reversed().thenComparing(ApiKeyRecord::keyId));
        return l;
    }

    /**
     * Revokes a key of the org, effective immediately.
     *
     * @param org the org (a key of another org is never revoked)
     * @param keyId the key id
     * @return whether an active key of the org was revoked
     */
    public boolean revoke(String org, String keyId) {
        ApiKeyRecord r = store.find(keyId).orElse(null);
        if (r == null || !r.org().equals(org)) {
            return false;
        }
        boolean done = store.revoke(keyId, clock.instant());
        if (done) {
            audit.emit("api_key_revoked", AuditOutcome.SUCCESS, null, org, keyId, null);
        }
        return done;
    }

    private String hash(String raw) {
        byte[] h = pepper == null ? Hashes.sha256(raw) : Hashes.hmacSha256(pepper, raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    }

    private TokenException fail(TokenReason reason, String keyId, String org) {
        audit.emit("api_key_used", AuditOutcome.FAILURE, null, org, keyId, reason);
        return new TokenException(reason, REJECTION);
    }

    private boolean isLowerHex(String s) {
        for (int i = prefix.length(); i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Builds {@link ApiKeys}. Not thread-safe. */
    public static final class Builder {
        private ApiKeyStore store;
        private Clock clock;
        private boolean test;
        private Secret pepper;
        private AccessTokenIssuer accessTokens;
        private Sessions sessions;
        private AuditSink auditSink;

        private Builder() {
        }

        /** @param store key storage (required) @return this */
        public Builder store(ApiKeyStore store) {
            this.store = store;
            return this;
        }

        /** @param clock time source (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Issues and accepts {@code ak_test_} keys instead of {@code ak_live_}. @return this */
        public Builder testMode() {
            this.test = true;
            return this;
        }

        /** @param pepper server secret of at least 32 bytes: hashes become HMAC-SHA256 @return this */
        public Builder pepper(Secret pepper) {
            this.pepper = pepper;
            return this;
        }

        /** @param accessTokens for {@link #exchange} @return this */
        public Builder accessTokens(AccessTokenIssuer accessTokens) {
            this.accessTokens = accessTokens;
            return this;
        }

        /** @param sessions for {@link #exchange} @return this */
        public Builder sessions(Sessions sessions) {
            this.sessions = sessions;
            return this;
        }

        /** @param sink audit sink (default none) @return this */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        /**
         * @return the component
         * @throws ConfigurationException when a setting is missing or the pepper is short
         */
        public ApiKeys build() {
            ConfigurationException.requireSet(store, "API key store");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.check(pepper == null || pepper.length() >= 32,
                    "API key pepper must be at least 32 bytes, was " + (pepper == null ? 0 : pepper.length()));
            return new ApiKeys(this);
        }
    }
}
