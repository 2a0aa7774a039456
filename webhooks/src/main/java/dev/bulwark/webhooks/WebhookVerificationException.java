package dev.bulwark.webhooks;

import dev.bulwark.core.BulwarkException;

/**
 * A webhook was rejected. {@link #reason()} is a {@link WebhookReason}; the message says what was wrong for
 * a developer reading a log and never contains a secret, a signature or the body.
 */
public class WebhookVerificationException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the webhook was rejected
     * @param message what was wrong; no secret, signature or body content
     */
    public WebhookVerificationException(WebhookReason reason, String message) {
        super(reason, message);
    }

    /** {@return the reason, as the module's own enum} */
    @Override
    public WebhookReason reason() {
        return (WebhookReason) super.reason();
    }
}
