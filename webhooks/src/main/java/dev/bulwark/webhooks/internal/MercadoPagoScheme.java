package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookReason;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookVerificationException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Mercado Pago: {@code x-signature: ts=<ts>,v1=<hex>}, HMAC-SHA256 (secret as UTF-8) of the manifest
 * {@code id:<data.id>;request-id:<x-request-id>;ts:<ts>;}, where {@code data.id} is the query parameter of the
 * notification URL (lower-cased, as Mercado Pago documents for alphanumeric ids) and a part whose value is
 * absent is left out. The body is <em>not</em> signed. {@code ts} is accepted in seconds or milliseconds.
 */
public final class MercadoPagoScheme implements SchemeImpl {

    /** The shared instance. */
    public static final MercadoPagoScheme INSTANCE = new MercadoPagoScheme();

    static final String HEADER = "x-signature";
    static final String REQUEST_ID = "x-request-id";

    private MercadoPagoScheme() {
    }

    @Override
    public String name() {
        return "mercadopago";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA256;
    }

    @Override
    public boolean signsBody() {
        return false;
    }

    @Override
    public String claimedEventId(WebhookRequest request) {
        return Schemes.optional(request, REQUEST_ID);
    }

    @Override
    public Duration defaultTolerance() {
        return Duration.ofMinutes(5);
    }

    /**
     * @param dataId the {@code data.id} query parameter, or {@code null}
     * @param requestId the {@code x-request-id} header, or {@code null}
     * @param ts the {@code ts} value as received
     * @return the manifest Mercado Pago signs
     */
    public static String manifest(String dataId, String requestId, String ts) {
        StringBuilder sb = new StringBuilder(96);
        if (dataId != null) {
            sb.append("id:").append(dataId.toLowerCase(Locale.ROOT)).append(';');
        }
        if (requestId != null) {
            sb.append("request-id:").append(requestId).append(';');
        }
        return sb.append("ts:").append(ts).append(';').toString();
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        StripeScheme.Parsed p = StripeScheme.parse(Schemes.required(request, HEADER), HEADER, ',', "ts", "v1");
        long seconds = Schemes.epochSeconds(p.timestamp(), HEADER, true);
        if (request.url() == null) {
            throw new WebhookVerificationException(WebhookReason.MALFORMED_REQUEST,
                    "mercadopago signs the data.id query parameter: the request needs the full URL");
        }
        String dataId = request.queryParam("data.id");
        String requestId = Schemes.optional(request, REQUEST_ID);
        byte[] manifest = Codecs.utf8(manifest(dataId, requestId, p.timestamp()));
        byte[] hit = SignatureMatcher.match(name(), keys, p.signatures(), manifest);
        return new SchemeResult(requestId, requestId != null, seconds, hit);
    }
}
