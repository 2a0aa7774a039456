package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The providers' published examples ({@code vectors/webhook_vectors.json}) verify, byte for byte. */
class ProviderVectorsTest {

    private static JsonNode vectors;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ProviderVectorsTest.class.getResourceAsStream("/vectors/webhook_vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
    }

    private static WebhookVerifier verifier(WebhookScheme scheme, String secret, long nowSeconds) {
        return WebhookVerifier.builder(scheme).secret(Secret.ofUtf8(secret))
                .clock(new TestClock(Instant.ofEpochSecond(nowSeconds))).auditSink(AuditSinks.noop()).build();
    }

    @Test
    void standardWebhooks_referenceLibraryVectors_verify() {
        int checked = 0;
        for (JsonNode v : vectors.get("standard_webhooks")) {
            if (!v.has("expected")) {
                continue;
            }
            long ts = v.get("timestamp").asLong();
            WebhookRequest request = WebhookRequest.builder()
                    .header("webhook-id", v.get("msgId").asText())
                    .header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", v.get("expected").asText())
                    .body(v.get("payload").asText()).build();
            VerifiedWebhook hook = verifier(WebhookSchemes.standard(), v.get("secret").asText(), ts).verify(request);
            assertThat(hook.eventId()).contains(v.get("msgId").asText());
            assertThat(hook.eventIdSigned()).isTrue();
            assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(ts));
            assertThat(hook.bodyUtf8()).isEqualTo(v.get("payload").asText());
            checked++;
        }
        assertThat(checked).isEqualTo(2);
    }

    @Test
    void standardWebhooks_signerReproducesReferenceVectors() {
        for (JsonNode v : vectors.get("standard_webhooks")) {
            if (!v.has("expected")) {
                continue;
            }
            WebhookSigner signer = WebhookSigner.builder().secret(Secret.ofUtf8(v.get("secret").asText()))
                    .clock(new TestClock(Instant.ofEpochSecond(v.get("timestamp").asLong()))).build();
            assertThat(signer.sign(v.get("msgId").asText(), v.get("payload").asText().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).signature()).isEqualTo(v.get("expected").asText());
        }
    }

    @Test
    void standardWebhooks_referenceNegativeVectors_rejected() {
        JsonNode good = vectors.get("standard_webhooks").get(0);
        long ts = good.get("timestamp").asLong();
        WebhookVerifier verifier = verifier(WebhookSchemes.standard(), good.get("secret").asText(), ts);
        JsonNode negatives = vectors.get("standard_webhooks").get(2).get("invalidSignatures");
        assertThat(negatives).hasSize(3);
        for (JsonNode bad : negatives) {
            WebhookRequest request = WebhookRequest.builder()
                    .header("webhook-id", good.get("msgId").asText())
                    .header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", bad.asText())
                    .body(good.get("payload").asText()).build();
            assertThatThrownBy(() -> verifier.verify(request)).isInstanceOf(WebhookVerificationException.class)
                    .extracting(e -> ((WebhookVerificationException) e).reason())
                    .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
        }
        // the reference tests' "multi sig" case: any v1 entry of a space-separated list may match
        WebhookRequest multi = WebhookRequest.builder()
                .header("webhook-id", good.get("msgId").asText())
                .header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", negatives.get(0).asText() + " v2,abc " + good.get("expected").asText()
                        + " " + negatives.get(2).asText())
                .body(good.get("payload").asText()).build();
        assertThat(verifier.verify(multi).eventId()).contains(good.get("msgId").asText());
    }

    @Test
    void stripe_generatedByStripeNode_verifies() {
        JsonNode v = vectors.get("stripe").get(0);
        WebhookRequest request = WebhookRequest.builder()
                .header("Stripe-Signature", v.get("expectedHeader").asText())
                .body(v.get("payload").asText()).build();
        VerifiedWebhook hook = verifier(WebhookSchemes.stripe(), v.get("secret").asText(),
                v.get("timestamp").asLong() + 299).verify(request);
        assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(v.get("timestamp").asLong()));
        assertThat(v.get("defaultTolerance").asInt()).isEqualTo(300);
        assertThat(WebhookSchemes.stripe().defaultTolerance()).hasValue(java.time.Duration.ofSeconds(300));
    }

    @Test
    void github_docsAndOctokitExamples_verify() {
        JsonNode docs = vectors.get("github").get(0);
        String header = docs.get("expectedHeader").asText();
        WebhookRequest request = WebhookRequest.builder()
                .header("X-Hub-Signature-256", header.substring(header.indexOf(':') + 1).strip())
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .body(docs.get("payload").asText()).build();
        VerifiedWebhook hook = verifier(WebhookSchemes.github(), docs.get("secret").asText(), 0).verify(request);
        assertThat(hook.eventId()).contains("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(hook.eventIdSigned()).isFalse();
        assertThat(hook.timestamp()).isEmpty();

        JsonNode octokit = vectors.get("github").get(1);
        WebhookRequest r2 = WebhookRequest.builder().header("x-hub-signature-256", octokit.get("expected").asText())
                .body(octokit.get("payload").asText()).build();
        assertThat(verifier(WebhookSchemes.github(), octokit.get("secret").asText(), 0).verify(r2).bodyUtf8())
                .isEqualTo("{\"foo\":\"bar\"}");
        // Meta uses the same header and algorithm with the app secret
        assertThat(verifier(WebhookSchemes.meta(), octokit.get("secret").asText(), 0).verify(r2).scheme())
                .isEqualTo("meta");
    }

    @Test
    void slack_docsWorkedExample_verifies() {
        JsonNode v = vectors.get("slack").get(0);
        String header = v.get("expectedHeader").asText();
        WebhookRequest request = WebhookRequest.builder()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", v.get("timestamp").asText())
                .header("X-Slack-Signature", header.substring(header.indexOf(':') + 1).strip())
                .body(v.get("body").asText()).build();
        VerifiedWebhook hook = verifier(WebhookSchemes.slack(), v.get("signingSecret").asText(),
                v.get("timestamp").asLong()).verify(request);
        assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(1531420618));
    }

    @Test
    void twilio_docsAndSdkExamples_verify() {
        for (int i = 0; i < 2; i++) {
            JsonNode v = vectors.get("twilio").get(i);
            WebhookRequest.Builder b = WebhookRequest.builder().url(v.get("url").asText())
                    .header("X-Twilio-Signature", v.get("expected").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = v.get("params").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                b.formParam(p.getKey(), p.getValue().asText());
            }
            assertThat(verifier(WebhookSchemes.twilio(), v.get("authToken").asText(), 0).verify(b.build()).scheme())
                    .isEqualTo("twilio");
        }
    }

    @Test
    void twilio_formBody_parsedFromRawBytes_verifies() {
        JsonNode v = vectors.get("twilio").get(1);
        StringBuilder form = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.get("params").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(java.net.URLEncoder.encode(p.getKey(), java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(p.getValue().asText(), java.nio.charset.StandardCharsets.UTF_8));
        }
        WebhookRequest request = WebhookRequest.builder().url(v.get("url").asText())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", v.get("expected").asText()).body(form.toString()).build();
        assertThat(request.formParams()).containsKey("Caller");
        assertThat(verifier(WebhookSchemes.twilio(), "12345", 0).verify(request).scheme()).isEqualTo("twilio");
    }

    @Test
    void twilio_jsonBodySha256Variant_verifies_andTamperedBodyRejected() {
        JsonNode v = vectors.get("twilio").get(2);
        assertThat(ProviderSigning.sha256Hex(v.get("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(v.get("bodySHA256").asText());
        WebhookVerifier verifier = verifier(WebhookSchemes.twilio(), v.get("authToken").asText(), 0);
        WebhookRequest.Builder b = WebhookRequest.builder().url(v.get("url").asText())
                .header("Content-Type", "application/json")
                .header("X-Twilio-Signature", v.get("expected").asText());
        assertThat(verifier.verify(b.body(v.get("body").asText()).build()).bodyUtf8()).contains("property");
        assertThatThrownBy(() -> verifier.verify(b.body(v.get("body").asText().replace("true", "false")).build()))
                .isInstanceOf(WebhookVerificationException.class)
                .extracting(e -> ((WebhookVerificationException) e).reason())
                .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
    }
}
