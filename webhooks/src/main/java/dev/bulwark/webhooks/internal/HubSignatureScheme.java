package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * GitHub and Meta (WhatsApp, Messenger, Instagram): {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 of
 * the body with the webhook secret (GitHub) or the app secret (Meta). The legacy SHA-1
 * {@code X-Hub-Signature} is never trusted. No signed timestamp.
 */
public final class HubSignatureScheme implements SchemeImpl {

    /** GitHub; the delivery id is {@code X-GitHub-Delivery} (not signed). */
    public static final HubSignatureScheme GITHUB = new HubSignatureScheme("github", "X-GitHub-Delivery");
    /** Meta; no delivery id header. */
    public static final HubSignatureScheme META = new HubSignatureScheme("meta", null);

    static final String HEADER = "X-Hub-Signature-256";

    private final String name;
    private final String idHeader;

    private HubSignatureScheme(String name, String idHeader) {
        this.name = name;
        this.idHeader = idHeader;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA256;
    }

    @Override
    public String claimedEventId(WebhookRequest request) {
        return idHeader == null ? null : Schemes.optional(request, idHeader);
    }

    @Override
    public Duration defaultTolerance() {
        return null;
    }

    /**
     * @param value the header value
     * @return the decoded signature, or {@code null} when the hex is invalid
     */
    public static byte[] parse(String value) {
        return Schemes.labelledHex(value, HEADER, "sha256", "algorithm is not sha256");
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        if (request.header(HEADER) == null && request.header("X-Hub-Signature") != null) {
            throw Schemes.unsupported(HEADER, "only the SHA-1 X-Hub-Signature is present, which is not trusted");
        }
        byte[] candidate = parse(Schemes.required(request, HEADER));
        byte[] hit = SignatureMatcher.match(name, keys, Collections.singletonList(candidate), body);
        return new SchemeResult(idHeader == null ? null : Schemes.optional(request, idHeader), false,
                SchemeResult.NO_TIMESTAMP, hit);
    }
}
