package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * Shopify: {@code X-Shopify-Hmac-Sha256: <base64>}, HMAC-SHA256 of the body with the app's client secret.
 * The delivery id is {@code X-Shopify-Webhook-Id} (not signed). No signed timestamp.
 */
public final class ShopifyScheme implements SchemeImpl {

    /** The shared instance. */
    public static final ShopifyScheme INSTANCE = new ShopifyScheme();

    static final String HEADER = "X-Shopify-Hmac-Sha256";

    private ShopifyScheme() {
    }

    @Override
    public String name() {
        return "shopify";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA256;
    }

    @Override
    public String claimedEventId(WebhookRequest request) {
        return Schemes.optional(request, "X-Shopify-Webhook-Id");
    }

    @Override
    public Duration defaultTolerance() {
        return null;
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        byte[] candidate = Schemes.requiredBase64(request, HEADER);
        byte[] hit = SignatureMatcher.match(name(), keys, Collections.singletonList(candidate), body);
        return new SchemeResult(Schemes.optional(request, "X-Shopify-Webhook-Id"), false, SchemeResult.NO_TIMESTAMP,
                hit);
    }
}
