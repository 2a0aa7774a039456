package dev.bulwark.webhooks;

import dev.bulwark.webhooks.internal.SchemeImpl;
import java.time.Duration;
import java.util.Optional;

/**
 * One provider's signature scheme (headers, what is signed, key derivation, default tolerance). Obtain one
 * from {@link WebhookSchemes}; hand it to {@link WebhookVerifier#builder(WebhookScheme)}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebhookScheme {

    private final SchemeImpl impl;

    WebhookScheme(SchemeImpl impl) {
        this.impl = impl;
    }

    /** {@return the scheme's name as used by the CLI and in audit events, e.g. {@code stripe}} */
    public String name() {
        return impl.name();
    }

    /** {@return the provider's documented tolerance for its signed timestamp; empty when it signs none} */
    public Optional<Duration> defaultTolerance() {
        return Optional.ofNullable(impl.defaultTolerance());
    }

    /** {@return whether the scheme signs a timestamp (so stale deliveries can be refused)} */
    public boolean signsTimestamp() {
        return impl.defaultTolerance() != null;
    }

    SchemeImpl impl() {
        return impl;
    }

    @Override
    public String toString() {
        return "WebhookScheme[" + name() + "]";
    }
}
