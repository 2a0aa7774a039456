package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookRequest;
import java.time.Duration;
import java.util.List;

/**
 * Paddle Billing: {@code Paddle-Signature: ts=<seconds>;h1=<hex>[;h1=<hex>...]}, HMAC-SHA256 over
 * {@code ts:body} with the notification destination's secret key as UTF-8; tolerance 5 seconds, as Paddle's
 * SDKs use.
 */
public final class PaddleScheme implements SchemeImpl {

    /** The shared instance. */
    public static final PaddleScheme INSTANCE = new PaddleScheme();

    static final String HEADER = "Paddle-Signature";
    private static final byte[] COLON = {':'};

    private PaddleScheme() {
    }

    @Override
    public String name() {
        return "paddle";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA256;
    }

    @Override
    public Duration defaultTolerance() {
        return Duration.ofSeconds(5);
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        StripeScheme.Parsed p = StripeScheme.parse(Schemes.required(request, HEADER), HEADER, ';', "ts", "h1");
        long seconds = Schemes.epochSeconds(p.timestamp(), HEADER, false);
        SignedHead head = SignedHead.begin().utf8(p.timestamp()).bytes(COLON);
        byte[] hit = SignatureMatcher.match(name(), keys, p.signatures(), head, body);
        return new SchemeResult(null, false, seconds, hit);
    }
}
