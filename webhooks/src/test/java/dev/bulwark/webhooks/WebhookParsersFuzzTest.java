package dev.bulwark.webhooks;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.time.Instant;
import java.util.List;

/**
 * Jazzer targets for every header parser (through the public verifier, which is what untrusted input
 * reaches): whatever the headers, URL and body, the only exception is {@link WebhookVerificationException}.
 * By default each runs as a regression test over its committed inputs in
 * {@code src/test/resources/dev/bulwark/webhooks/WebhookParsersFuzzTestInputs/}; {@code mvn -Pfuzz verify}
 * fuzzes.
 */
class WebhookParsersFuzzTest {

    private static final TestClock CLOCK = new TestClock(Instant.ofEpochSecond(1_700_000_000L));

    private static WebhookVerifier verifier(WebhookScheme scheme) {
        return WebhookVerifier.builder(scheme).secret(Secret.ofUtf8("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .clock(CLOCK).auditSink(AuditSinks.noop()).replayGuard(InMemoryReplayGuard.create(1000, CLOCK))
                .eventIdExtractor(EventIdExtractor.jsonField("id")).build();
    }

    private static final WebhookVerifier STANDARD = verifier(WebhookSchemes.standard());
    private static final WebhookVerifier STRIPE = verifier(WebhookSchemes.stripe());
    private static final WebhookVerifier GITHUB = verifier(WebhookSchemes.github());
    private static final WebhookVerifier META = verifier(WebhookSchemes.meta());
    private static final WebhookVerifier SLACK = verifier(WebhookSchemes.slack());
    private static final WebhookVerifier SHOPIFY = verifier(WebhookSchemes.shopify());
    private static final WebhookVerifier TWILIO = verifier(WebhookSchemes.twilio());
    private static final WebhookVerifier PADDLE = verifier(WebhookSchemes.paddle());
    private static final WebhookVerifier MERCADOPAGO = verifier(WebhookSchemes.mercadoPago());
    private static final WebhookVerifier GENERIC = verifier(GenericHmac.builder().prefix("sha256=")
            .timestampHeader("X-Timestamp", ".").build());

    private static void run(WebhookVerifier v, FuzzedDataProvider data, List<String> headers, boolean url) {
        try {
            WebhookRequest.Builder b = WebhookRequest.builder();
            for (String h : headers) {
                if (data.consumeBoolean()) {
                    b.header(h, data.consumeString(200));
                }
            }
            if (url) {
                b.url(data.consumeString(200));
            }
            if (data.consumeBoolean()) {
                b.header("Content-Type", "application/x-www-form-urlencoded");
            }
            b.body(data.consumeRemainingAsBytes());
            v.verify(b.build());
        } catch (WebhookVerificationException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest
    void standardHeaders(FuzzedDataProvider data) {
        run(STANDARD, data, List.of("webhook-id", "webhook-timestamp", "webhook-signature", "svix-signature"), false);
    }

    @FuzzTest
    void stripeSignatureHeader(FuzzedDataProvider data) {
        run(STRIPE, data, List.of("Stripe-Signature"), false);
    }

    @FuzzTest
    void hubSignatureHeaders(FuzzedDataProvider data) {
        run(data.consumeBoolean() ? GITHUB : META, data, List.of("X-Hub-Signature-256", "X-Hub-Signature",
                "X-GitHub-Delivery"), false);
    }

    @FuzzTest
    void slackHeaders(FuzzedDataProvider data) {
        run(SLACK, data, List.of("X-Slack-Signature", "X-Slack-Request-Timestamp"), false);
    }

    @FuzzTest
    void shopifyHeader(FuzzedDataProvider data) {
        run(SHOPIFY, data, List.of("X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id"), false);
    }

    @FuzzTest
    void twilioHeaderUrlAndForm(FuzzedDataProvider data) {
        run(TWILIO, data, List.of("X-Twilio-Signature", "I-Twilio-Idempotency-Token"), true);
    }

    @FuzzTest
    void paddleSignatureHeader(FuzzedDataProvider data) {
        run(PADDLE, data, List.of("Paddle-Signature"), false);
    }

    @FuzzTest
    void mercadoPagoHeadersAndUrl(FuzzedDataProvider data) {
        run(MERCADOPAGO, data, List.of("x-signature", "x-request-id"), true);
    }

    @FuzzTest
    void genericHeaders(FuzzedDataProvider data) {
        run(GENERIC, data, List.of("X-Signature", "X-Timestamp"), false);
    }
}
