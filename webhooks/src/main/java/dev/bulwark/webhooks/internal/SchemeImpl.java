package dev.bulwark.webhooks.internal;

import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookVerificationException;
import java.time.Duration;
import java.util.List;

/** The algorithm of one provider's scheme: headers, signed content, key derivation. Thread-safe. */
public interface SchemeImpl {

    /** {@return the scheme's name, e.g. {@code stripe}} */
    String name();

    /** {@return the HMAC hash function} */
    HmacKey.Algorithm algorithm();

    /**
     * Derives the HMAC key from the secret as the provider shows it. By default the key is the secret's UTF-8
     * bytes, as most providers use it; schemes whose secrets are encoded override this.
     *
     * @param providerSecret the secret text (UTF-8)
     * @return the key bytes
     * @throws dev.bulwark.core.ConfigurationException when it does not have the provider's format
     */
    default byte[] deriveKey(Secret providerSecret) {
        return providerSecret.bytes();
    }

    /** {@return the provider's documented tolerance, or {@code null} when the scheme signs no timestamp} */
    Duration defaultTolerance();

    /**
     * Checks the signature against every key.
     *
     * @param request the request
     * @param body its raw body (not a copy; never modified)
     * @param keys the keys, current first
     * @return what was verified
     * @throws WebhookVerificationException when a header is missing or malformed or no signature matches
     */
    SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys);

    /**
     * The event id a request claims, before verification (for the audit trail of a rejection).
     *
     * @param request the request
     * @return the claimed id, or {@code null}
     */
    default String claimedEventId(WebhookRequest request) {
        return null;
    }

    /** {@return whether the body is covered by the signature (all schemes but Mercado Pago)} */
    default boolean signsBody() {
        return true;
    }
}
