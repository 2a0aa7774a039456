package dev.bulwark.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A webhook whose signature verified: only {@link WebhookVerifier} constructs one.
 *
 * <p>Immutable and thread-safe; {@link #body()} returns a copy of the raw bytes exactly as received.
 */
public final class VerifiedWebhook {

    private final String scheme;
    private final String eventId;
    private final boolean eventIdSigned;
    private final Instant timestamp;
    private final byte[] body;
    private final boolean bodyAuthenticated;

    /** {@code body} is the request's own immutable copy: it is shared, never exposed, never modified. */
    VerifiedWebhook(String scheme, String eventId, boolean eventIdSigned, Instant timestamp, byte[] body,
            boolean bodyAuthenticated) {
        this.scheme = scheme;
        this.eventId = eventId;
        this.eventIdSigned = eventIdSigned;
        this.timestamp = timestamp;
        this.body = body;
        this.bodyAuthenticated = bodyAuthenticated;
    }

    /** {@return the scheme's name} */
    public String scheme() {
        return scheme;
    }

    /**
     * The event or delivery id: the signed {@code webhook-id} (Standard Webhooks), the signed
     * {@code x-request-id} (Mercado Pago), the id the host's {@link EventIdExtractor} read from the verified
     * body, or else an unsigned delivery header ({@code X-GitHub-Delivery}, {@code X-Shopify-Webhook-Id},
     * {@code I-Twilio-Idempotency-Token}). See {@link #eventIdSigned()}.
     *
     * @return the id, empty when the request carries none
     */
    public Optional<String> eventId() {
        return Optional.ofNullable(eventId);
    }

    /** {@return whether {@link #eventId()} is covered by the signature (signed header or verified body)} */
    public boolean eventIdSigned() {
        return eventIdSigned;
    }

    /** {@return the signed timestamp, empty for schemes that sign none (GitHub, Shopify, Twilio, Meta)} */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** {@return a copy of the raw body bytes, exactly as received} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the body decoded as UTF-8} */
    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Whether the signature covers the body. True for every scheme except Mercado Pago, which signs only ids
     * and the timestamp: there, fetch the resource from the provider's API instead of trusting the body.
     *
     * @return whether the body is authenticated
     */
    public boolean bodyAuthenticated() {
        return bodyAuthenticated;
    }

    /** {@return scheme, id and timestamp; never the body} */
    @Override
    public String toString() {
        return "VerifiedWebhook[scheme=" + scheme + ", eventId=" + eventId + ", timestamp=" + timestamp
                + ", body=" + body.length + " bytes]";
    }
}
