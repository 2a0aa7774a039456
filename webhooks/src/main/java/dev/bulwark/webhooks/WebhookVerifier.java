package dev.bulwark.webhooks;

import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies inbound webhooks of one provider scheme, fail closed.
 *
 * <pre>{@code
 * WebhookVerifier stripe = WebhookVerifier.builder(WebhookSchemes.stripe())
 *         .secret(Secret.ofUtf8(System.getenv("STRIPE_WEBHOOK_SECRET")))
 *         .replayGuard(InMemoryReplayGuard.create(clock))
 *         .eventIdExtractor(EventIdExtractor.jsonField("id"))
 *         .clock(clock)
 *         .build();
 * VerifiedWebhook hook = stripe.verify(WebhookRequest.builder()
 *         .header("Stripe-Signature", signatureHeader).body(rawBytes).build());
 * }</pre>
 *
 * <p>What {@link #verify} guarantees when it returns:
 * <ul>
 *   <li>at least one signature in the request is a valid MAC, under one of the configured secrets, of
 *       exactly what the provider signs (compared in constant time; every signature in a header is tried;
 *       signatures of unknown versions are ignored, never trusted);</li>
 *   <li>for schemes with a signed timestamp, it lies within the tolerance of the injected clock, in both
 *       directions;</li>
 *   <li>with a {@link ReplayGuard}, this event was not accepted before within the replay TTL.</li>
 * </ul>
 * Otherwise it throws {@link WebhookVerificationException} with a {@link WebhookReason} and records an
 * {@code AuditEvent} (category {@code webhook}, action {@code verify}, outcome {@code FAILURE}, actor = the
 * scheme, the reason, and the event id when known; never a signature, secret or the body).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface WebhookVerifier {

    /**
     * Verifies a delivery.
     *
     * @param request the delivery as received, never {@code null}
     * @return the verified webhook
     * @throws WebhookVerificationException when it does not verify, with the reason
     */
    VerifiedWebhook verify(WebhookRequest request);

    /** {@return the scheme this verifier checks} */
    WebhookScheme scheme();

    /**
     * @param scheme the provider scheme, from {@link WebhookSchemes}
     * @return a builder
     */
    static Builder builder(WebhookScheme scheme) {
        return new Builder(scheme);
    }

    /**
     * Configures a {@link WebhookVerifier}. Not thread-safe; {@link #build()} validates everything and the
     * result does not change when the builder is reused.
     */
    final class Builder {

        /** The largest tolerance accepted. */
        public static final Duration MAX_TOLERANCE = Duration.ofHours(1);
        /** The smallest tolerance accepted. */
        public static final Duration MIN_TOLERANCE = Duration.ofSeconds(1);
        /** The default replay TTL: providers retry for up to three days. */
        public static final Duration DEFAULT_REPLAY_TTL = Duration.ofDays(3);

        final WebhookScheme scheme;
        final List<Secret> secrets = new ArrayList<>(2);
        final List<Secret> rawKeys = new ArrayList<>(0);
        Clock clock = Clock.systemUTC();
        Duration tolerance;
        ReplayGuard replayGuard;
        Duration replayTtl = DEFAULT_REPLAY_TTL;
        AuditSink auditSink = AuditSinks.slf4j();
        EventIdExtractor eventIdExtractor;

        private Builder(WebhookScheme scheme) {
            this.scheme = scheme;
        }

        /**
         * Adds a secret as the provider shows it (Stripe's whole {@code whsec_...} string, Standard Webhooks'
         * {@code whsec_<base64>}, GitHub's webhook secret, Twilio's auth token, ...), usually
         * {@code Secret.ofUtf8(text)}. Add the new secret and the old one during a rotation: either verifies.
         *
         * @param secret the secret, not empty
         * @return this
         */
        public Builder secret(Secret secret) {
            secrets.add(secret);
            return this;
        }

        /**
         * Adds several secrets (current first, then older ones still accepted during a rotation).
         *
         * @param all the secrets
         * @return this
         */
        public Builder secrets(List<Secret> all) {
            all.forEach(this::secret);
            return this;
        }

        /**
         * Adds a raw HMAC key, used as is (no {@code whsec_} decoding): for hosts that store decoded keys.
         *
         * @param key the key bytes, not empty
         * @return this
         */
        public Builder hmacKey(Secret key) {
            rawKeys.add(key);
            return this;
        }

        /** @param clock the time source for tolerance checks (default the system UTC clock) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param tolerance how far a signed timestamp may be from now, in either direction, between
         *     {@link #MIN_TOLERANCE} and {@link #MAX_TOLERANCE} (default: the provider's own, see
         *     {@link WebhookScheme#defaultTolerance()}); only for schemes that sign a timestamp
         * @return this
         */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** @param guard refuses a second delivery of the same event as {@code REPLAYED} (default none) @return this */
        public Builder replayGuard(ReplayGuard guard) {
            this.replayGuard = guard;
            return this;
        }

        /** @param ttl how long event ids are remembered, 1 s to 30 days (default 3 days) @return this */
        public Builder replayTtl(Duration ttl) {
            this.replayTtl = ttl;
            return this;
        }

        /** @param sink where rejections are recorded (default {@link AuditSinks#slf4j()}) @return this */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        /**
         * @param extractor reads the event id from the verified body, making it the replay key (default none)
         * @return this
         */
        public Builder eventIdExtractor(EventIdExtractor extractor) {
            this.eventIdExtractor = extractor;
            return this;
        }

        /**
         * @return the verifier
         * @throws ConfigurationException when no secret is configured, a secret is empty or not in the
         *     provider's format, the tolerance is out of range or set for a scheme without timestamps, or a
         *     setting is null
         */
        public WebhookVerifier build() {
            ConfigurationException.check(scheme != null, "webhook scheme must be set");
            ConfigurationException.check(!secrets.isEmpty() || !rawKeys.isEmpty(),
                    "webhook verifier for " + scheme.name() + " needs at least one secret");
            ConfigurationException.check(clock != null, "clock must be set");
            ConfigurationException.check(auditSink != null, "audit sink must be set (use AuditSinks.noop())");
            if (tolerance != null) {
                ConfigurationException.check(scheme.signsTimestamp(),
                        "scheme " + scheme.name() + " signs no timestamp: a tolerance does not apply");
                ConfigurationException.check(tolerance.compareTo(MIN_TOLERANCE) >= 0
                                && tolerance.compareTo(MAX_TOLERANCE) <= 0,
                        "tolerance must be between 1 s and 1 h, was " + tolerance.toSeconds() + " s");
            }
            ConfigurationException.check(replayTtl != null && replayTtl.compareTo(Duration.ofSeconds(1)) >= 0
                            && replayTtl.compareTo(Duration.ofDays(30)) <= 0,
                    "replay TTL must be between 1 s and 30 days");
            for (Secret s : secrets) {
                Objects.requireNonNull(s, "secret");
                ConfigurationException.check(!s.isEmpty(), "webhook secret for " + scheme.name() + " must not be empty");
            }
            for (Secret s : rawKeys) {
                Objects.requireNonNull(s, "hmacKey");
                ConfigurationException.check(!s.isEmpty(), "webhook HMAC key for " + scheme.name() + " must not be empty");
            }
            return new DefaultWebhookVerifier(this);
        }
    }
}
