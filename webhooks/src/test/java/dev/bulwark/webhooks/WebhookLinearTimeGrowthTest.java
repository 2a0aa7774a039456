package dev.bulwark.webhooks;

import static dev.bulwark.core.testing.LinearTime.assertLinear;
import static dev.bulwark.core.testing.LinearTime.repeat;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear-time guarantee (issue 11, item 4) for every webhook scheme's verify: each signature/timestamp header
 * gets adversarial values of 16 KiB, 128 KiB and 1 MiB (runs of ',', '=', digits, repeated {@code v1,} and
 * {@code t=} items, spaces); the CPU time of size 8n must stay below 32 times that of size n. Every request is
 * rejected with a {@link WebhookVerificationException}.
 */
class WebhookLinearTimeGrowthTest {

    private static final TestClock CLOCK = new TestClock(Instant.ofEpochSecond(1_700_000_000L));

    private static WebhookVerifier verifier(WebhookScheme scheme) {
        return WebhookVerifier.builder(scheme).secret(Secret.ofUtf8("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .clock(CLOCK).auditSink(AuditSinks.noop()).replayGuard(InMemoryReplayGuard.create(1000, CLOCK))
                .eventIdExtractor(EventIdExtractor.jsonField("id")).build();
    }

    private static final List<String> VALUES = List.of(",", "=", "1", " ", "v1,", "t=1,", "v1=", "sha256=", "ts=1,",
            "v1,AAAA ", "h1=", ";");

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        add(all, "standard", verifier(WebhookSchemes.standard()), "webhook-signature", "webhook-timestamp",
                "webhook-id");
        add(all, "stripe", verifier(WebhookSchemes.stripe()), "Stripe-Signature");
        add(all, "github", verifier(WebhookSchemes.github()), "X-Hub-Signature-256", "X-GitHub-Delivery");
        add(all, "meta", verifier(WebhookSchemes.meta()), "X-Hub-Signature-256");
        add(all, "slack", verifier(WebhookSchemes.slack()), "X-Slack-Signature", "X-Slack-Request-Timestamp");
        add(all, "shopify", verifier(WebhookSchemes.shopify()), "X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id");
        add(all, "twilio", verifier(WebhookSchemes.twilio()), "X-Twilio-Signature");
        add(all, "paddle", verifier(WebhookSchemes.paddle()), "Paddle-Signature");
        add(all, "mercadopago", verifier(WebhookSchemes.mercadoPago()), "x-signature", "x-request-id");
        add(all, "generic", verifier(GenericHmac.builder().prefix("sha256=").timestampHeader("X-Timestamp", ".")
                .build()), "X-Signature", "X-Timestamp");
        return all.stream();
    }

    private static void add(List<Arguments> all, String name, WebhookVerifier v, String... headers) {
        for (String h : headers) {
            for (String unit : List.of(VALUES.get(0), VALUES.get(1), VALUES.get(2), VALUES.get(4), VALUES.get(5),
                    VALUES.get(7), VALUES.get(9), VALUES.get(10), VALUES.get(11))) {
                all.add(Arguments.of(name + " " + h + " = '" + unit + "'*", v, h, unit));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifyIsLinearInHeaderLength(String name, WebhookVerifier v, String header, String unit) {
        String url = "https://example.com/hooks?data.id=1";
        assertLinear(name, n -> repeat(unit, n), value -> {
            WebhookRequest.Builder b = WebhookRequest.builder().url(url).body("{\"id\":\"evt_1\"}");
            for (String h : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "Stripe-Signature",
                    "X-Hub-Signature-256", "X-GitHub-Delivery", "X-Slack-Signature", "X-Slack-Request-Timestamp",
                    "X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id", "X-Twilio-Signature", "Paddle-Signature",
                    "x-signature", "x-request-id", "X-Signature", "X-Timestamp")) {
                if (!h.equalsIgnoreCase(header)) {
                    b.header(h, h.toLowerCase().contains("timestamp") ? "1700000000" : "v1,AAAA");
                }
            }
            try {
                b.header(header, value);
                v.verify(b.build());
                throw new AssertionError("accepted a forged request: " + name);
            } catch (WebhookVerificationException expected) {
                // rejection is the expected outcome; its cost is what is measured
            }
        });
    }

}
