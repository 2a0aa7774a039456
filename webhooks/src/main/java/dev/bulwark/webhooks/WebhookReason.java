package dev.bulwark.webhooks;

import dev.bulwark.core.ReasonCode;

/**
 * Why a webhook was rejected: the {@link WebhookVerificationException#reason()} of every rejection, also
 * written into the rejection's {@code AuditEvent}. Codes never change meaning once released.
 */
public enum WebhookReason implements ReasonCode {
    /** A header the scheme requires (signature, timestamp, id) is absent or empty. */
    MISSING_HEADER,
    /** A header is present but cannot be parsed (no {@code t=}, a timestamp that is not a number, ...). */
    MALFORMED_HEADER,
    /** The request lacks something else the scheme signs: the URL (Twilio, Mercado Pago) or a parameter. */
    MALFORMED_REQUEST,
    /** No signature in the request matches any configured secret. */
    NO_MATCHING_SIGNATURE,
    /** The signatures present all use versions or algorithms this verifier does not trust. */
    UNSUPPORTED_VERSION,
    /** The signature is valid but the signed timestamp is further from now than the tolerance. */
    TIMESTAMP_OUTSIDE_TOLERANCE,
    /** The signature is valid but this event id was already accepted within the replay window. */
    REPLAYED
}
