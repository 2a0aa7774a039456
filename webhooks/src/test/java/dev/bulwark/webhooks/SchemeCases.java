package dev.bulwark.webhooks;

import static dev.bulwark.webhooks.ProviderSigning.utf8;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One correctly signed request per scheme, made by {@link ProviderSigning}, with knobs for tampering. */
final class SchemeCases {

    private SchemeCases() {
    }

    /** A request as sent: headers, body, URL. */
    record Sent(Map<String, String> headers, byte[] body, String url, String signatureHeader) {
        WebhookRequest request() {
            WebhookRequest.Builder b = WebhookRequest.builder().body(body);
            if (url != null) {
                b.url(url);
            }
            headers.forEach(b::header);
            return b.build();
        }

        Sent withBody(byte[] newBody) {
            return new Sent(headers, newBody, url, signatureHeader);
        }

        Sent withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Sent(h, body, url, signatureHeader);
        }

        Sent without(String name) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.remove(name);
            return new Sent(h, body, url, signatureHeader);
        }
    }

    /** How one scheme signs. */
    interface Signer {
        Sent sign(String secret, byte[] body, long signedTs, long sentTs, String signedId, String sentId);
    }

    /**
     * @param name scheme name
     * @param scheme the scheme
     * @param secret a secret in the provider's format
     * @param otherSecret a second secret in the provider's format
     * @param signer how to sign
     * @param timestamped whether a timestamp is signed
     * @param signedId whether an id is signed
     * @param signsBody whether the body is signed
     */
    record Case(String name, WebhookScheme scheme, String secret, String otherSecret, Signer signer,
            boolean timestamped, boolean signedId, boolean signsBody) {
        Sent sign(String withSecret, byte[] body, long ts) {
            return signer.sign(withSecret, body, ts, ts, "msg_1", "msg_1");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String TWILIO_URL = "https://example.com/hooks/twilio?foo=1&bar=2";
    static final String MP_URL = "https://example.com/hooks/mp?data.id=123456&type=payment";

    static List<Case> all() {
        return List.of(
                new Case("standard", WebhookSchemes.standard(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("webhook-id", id,
                                "webhook-timestamp", Long.toString(ts),
                                "webhook-signature", ProviderSigning.standard(s, sid, sts, body)), body, null,
                                "webhook-signature"),
                        true, true, true),
                new Case("stripe", WebhookSchemes.stripe(), "whsec_test_secret", "whsec_rotated_secret",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("Stripe-Signature",
                                ProviderSigning.stripe(s, sts, body).replace("t=" + sts, "t=" + ts)), body, null,
                                "Stripe-Signature"),
                        true, false, true),
                new Case("github", WebhookSchemes.github(), "It's a Secret to Everybody", "new secret",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("X-Hub-Signature-256",
                                ProviderSigning.hub(s, body), "X-GitHub-Delivery", id), body, null,
                                "X-Hub-Signature-256"),
                        false, false, true),
                new Case("slack", WebhookSchemes.slack(), "8f742231b10e8888abcd99yyyzzz85a5", "another signing secret",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("X-Slack-Request-Timestamp", Long.toString(ts),
                                "X-Slack-Signature", ProviderSigning.slack(s, sts, body)), body, null,
                                "X-Slack-Signature"),
                        true, false, true),
                new Case("shopify", WebhookSchemes.shopify(), "shpss_client_secret", "shpss_rotated",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("X-Shopify-Hmac-Sha256",
                                ProviderSigning.shopify(s, body), "X-Shopify-Webhook-Id", id), body, null,
                                "X-Shopify-Hmac-Sha256"),
                        false, false, true),
                new Case("twilio", WebhookSchemes.twilio(), "12345", "67890",
                        (s, body, sts, ts, sid, id) -> {
                            String url = TWILIO_URL + "&bodySHA256=" + ProviderSigning.sha256Hex(body);
                            return new Sent(Map.of("Content-Type", "application/json",
                                    "X-Twilio-Signature", ProviderSigning.twilio(s, url, Map.of())), body, url,
                                    "X-Twilio-Signature");
                        },
                        false, false, true),
                new Case("meta", WebhookSchemes.meta(), "app-secret-0123456789abcdef", "app-secret-rotated",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("X-Hub-Signature-256",
                                ProviderSigning.hub(s, body)), body, null, "X-Hub-Signature-256"),
                        false, false, true),
                new Case("paddle", WebhookSchemes.paddle(), "pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI",
                        "pdl_ntfset_rotated",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("Paddle-Signature",
                                ProviderSigning.paddle(s, sts, body).replace("ts=" + sts, "ts=" + ts)), body, null,
                                "Paddle-Signature"),
                        true, false, true),
                new Case("mercadopago", WebhookSchemes.mercadoPago(), "mp-secret-abcdef0123456789", "mp-secret-rotated",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("x-request-id", id, "x-signature",
                                ProviderSigning.mercadoPago(s, "123456", sid, Long.toString(sts))
                                        .replace("ts=" + sts, "ts=" + ts)), body, MP_URL, "x-signature"),
                        true, true, false),
                new Case("generic", GenericHmac.builder().header("X-Acme-Signature").prefix("sha512=")
                                .algorithm(GenericHmac.Algorithm.SHA512).timestampHeader("X-Acme-Timestamp", ".").build(),
                        "acme-secret", "acme-secret-2",
                        (s, body, sts, ts, sid, id) -> new Sent(Map.of("X-Acme-Timestamp", Long.toString(ts),
                                "X-Acme-Signature", "sha512=" + ProviderSigning.hex(ProviderSigning.hmac("HmacSHA512",
                                        utf8(s), ProviderSigning.concat(utf8(sts + "."), body)))), body, null,
                                "X-Acme-Signature"),
                        true, false, true));
    }
}
