package dev.bulwark.tokens;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.internal.Audit;
import dev.bulwark.tokens.internal.Hashes;
import dev.bulwark.tokens.spi.OneTimeTokenRecord;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Single-use tokens for magic links and email verification: 256-bit random (base64url), stored only as
 * SHA-256, bound to a purpose, consumed atomically (a second use fails), 15-minute default lifetime. Links
 * are built from the configured base URL, never from a request's {@code Host} header. Thread-safe.
 */
public final class OneTimeTokens {

    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final OneTimeTokenStore store;
    private final Clock clock;
    private final Duration ttl;
    private final URI baseUrl;
    private final Audit audit;

    private OneTimeTokens(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.ttl = b.ttl;
        this.baseUrl = b.baseUrl;
        this.audit = new Audit(b.auditSink, b.clock);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An issued one-time token.
     *
     * @param token the raw token (send it, do not log it)
     * @param link the configured base URL with {@code token=} appended, or {@code null} without a base URL
     * @param expiresAt expiry
     */
    public record Issued(String token, URI link, Instant expiresAt) {
        /** {@return the expiry only} */
        @Override
        public String toString() {
            return "OneTimeTokens.Issued[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A consumed token's binding.
     *
     * @param purpose the purpose it was issued for
     * @param subject its subject
     */
    public record Consumed(String purpose, String subject) {
    }

    /**
     * Issues a token.
     *
     * @param purpose {@code [a-z][a-z0-9_.-]{0,63}}, e.g. {@code email_verification}
     * @param subject who it is for (user id), not secret
     * @return the token and its link
     */
    public Issued issue(String purpose, String subject) {
        return issue(purpose, subject, null, ttl);
    }

    Issued issue(String purpose, String subject, String data, Duration lifetime) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must match [a-z][a-z0-9_.-]{0,63}");
        }
        String token = RandomTokens.token();
        Instant exp = clock.instant().plus(lifetime);
        store.put(new OneTimeTokenRecord(Hashes.sha256B64(token), purpose, subject, data, exp));
        URI link = null;
        if (baseUrl != null) {
            String sep = baseUrl.getRawQuery() == null ? "?" : "&";
            link = URI.create(baseUrl + sep + "token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII));
        }
        audit.emit("one_time_token_issued", AuditOutcome.SUCCESS, subject, null, purpose, null);
        return new Issued(token, link, exp);
    }

    /**
     * Consumes a token for {@code purpose}. The token is spent even when the purpose does not match.
     *
     * @param token the presented token
     * @param purpose the expected purpose
     * @return what it was bound to
     * @throws TokenException {@code ONE_TIME_TOKEN_INVALID} (unknown or used), {@code ONE_TIME_TOKEN_EXPIRED}
     *     or {@code WRONG_PURPOSE}
     */
    public Consumed consume(String token, String purpose) {
        OneTimeTokenRecord r = take(token, purpose);
        return new Consumed(r.purpose(), r.subject());
    }

    OneTimeTokenRecord take(String token, String purpose) {
        if (token == null || token.length() != 43 || !Hashes.isBase64Url(token, 0, token.length())) {
            throw fail(TokenReason.ONE_TIME_TOKEN_INVALID, purpose, "one-time token is malformed");
        }
        OneTimeTokenRecord r = store.consume(Hashes.sha256B64(token)).orElseThrow(
                () -> fail(TokenReason.ONE_TIME_TOKEN_INVALID, purpose, "one-time token is unknown or already used"));
        if (!clock.instant().isBefore(r.expiresAt())) {
            throw fail(TokenReason.ONE_TIME_TOKEN_EXPIRED, purpose, "one-time token expired at " + r.expiresAt());
        }
        if (!r.purpose().equals(purpose)) {
            throw fail(TokenReason.WRONG_PURPOSE, purpose, "one-time token was issued for another purpose");
        }
        audit.emit("one_time_token_used", AuditOutcome.SUCCESS, r.subject(), null, purpose, null);
        return r;
    }

    /** @return how many expired tokens were deleted */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }

    private TokenException fail(TokenReason reason, String purpose, String message) {
        audit.emit("one_time_token_used", AuditOutcome.FAILURE, null, null, purpose, reason);
        return new TokenException(reason, message);
    }

    /** Builds {@link OneTimeTokens}. Not thread-safe. */
    public static final class Builder {
        private OneTimeTokenStore store;
        private Clock clock;
        private Duration ttl = Duration.ofMinutes(15);
        private URI baseUrl;
        private AuditSink auditSink;

        private Builder() {
        }

        /** @param store token storage (required) @return this */
        public Builder store(OneTimeTokenStore store) {
            this.store = store;
            return this;
        }

        /** @param clock time source (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param ttl lifetime, 1 min to 7 days (default 15 min) @return this */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** @param baseUrl absolute https URL (http allowed for localhost) links are built from @return this */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl == null ? null : URI.create(baseUrl);
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
        public OneTimeTokens build() {
            ConfigurationException.requireSet(store, "one-time token store");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.check(ttl != null && ttl.compareTo(Duration.ofMinutes(1)) >= 0
                    && ttl.compareTo(Duration.ofDays(7)) <= 0, "ttl must be between 1 min and 7 days, was " + ttl);
            if (baseUrl != null) {
                String host = baseUrl.getHost();
                boolean local = "localhost".equals(host) || "127.0.0.1".equals(host);
                ConfigurationException.check(baseUrl.isAbsolute() && host != null
                        && ("https".equals(baseUrl.getScheme()) || local && "http".equals(baseUrl.getScheme()))
                        && baseUrl.getRawFragment() == null,
                        "baseUrl must be an absolute https URL (http only for localhost) without fragment");
            }
            return new OneTimeTokens(this);
        }
    }
}
