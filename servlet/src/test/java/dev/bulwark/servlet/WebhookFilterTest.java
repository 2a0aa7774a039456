package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.webhooks.InMemoryReplayGuard;
import dev.bulwark.webhooks.VerifiedWebhook;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookSigner;
import dev.bulwark.webhooks.WebhookVerifier;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookFilterTest {

    private static final Secret WHSEC = Secret.ofUtf8("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String BODY = "{\"type\":\"invoice.paid\",\"id\":\"evt_1\"}";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();

    private HttpServlet app() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                calls.incrementAndGet();
                VerifiedWebhook hook = (VerifiedWebhook) req.getAttribute(WebhookFilter.VERIFIED_ATTRIBUTE);
                byte[] body = req.getInputStream().readAllBytes();
                resp.setStatus(200);
                resp.getWriter().print(hook.scheme() + "|" + new String(body, StandardCharsets.UTF_8));
            }
        };
    }

    private WebhookFilter standardFilter() {
        return WebhookFilter.builder().maxBodyBytes(4096).verifier(WebhookVerifier.builder(WebhookSchemes.standard())
                .secret(WHSEC).clock(clock).replayGuard(InMemoryReplayGuard.create(clock))
                .auditSink(new InMemoryAuditSink()).build()).build();
    }

    private String[] signedHeaders(String body) {
        WebhookSigner signer = WebhookSigner.builder().secret(WHSEC).clock(clock).build();
        List<String> h = new ArrayList<>();
        for (Map.Entry<String, String> e : signer.sign(WebhookSigner.newMessageId(), body.getBytes(StandardCharsets.UTF_8))
                .headers().entrySet()) {
            h.add(e.getKey());
            h.add(e.getValue());
        }
        h.add("Content-Type");
        h.add("application/json");
        return h.toArray(String[]::new);
    }

    private static HttpRequest.BodyPublisher body(String s) {
        return HttpRequest.BodyPublishers.ofString(s);
    }

    @Test
    void aCorrectlySignedDelivery_reachesTheAppWithTheExactVerifiedBytes() throws Exception {
        try (JettyHarness jetty = new JettyHarness(app(), standardFilter())) {
            HttpResponse<String> r = jetty.send("POST", "/webhooks/standard", body(BODY), signedHeaders(BODY));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("standard|" + BODY);
        }
    }

    @Test
    void aTamperedBody_is401_andTheAppIsNeverCalled() throws Exception {
        try (JettyHarness jetty = new JettyHarness(app(), standardFilter())) {
            String[] headers = signedHeaders(BODY);
            HttpResponse<String> r = jetty.send("POST", "/webhooks/standard",
                    body(BODY.replace("paid", "void")), headers);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(r.body()).contains("\"reason\":\"NO_MATCHING_SIGNATURE\"").doesNotContain("whsec_");
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void missingSignature_is401_malformedHeader_is400() throws Exception {
        try (JettyHarness jetty = new JettyHarness(app(), standardFilter())) {
            assertThat(jetty.send("POST", "/webhooks/standard", body(BODY), "Content-Type", "application/json")
                    .body()).contains("MISSING_HEADER");
            HttpResponse<String> malformed = jetty.send("POST", "/webhooks/standard", body(BODY),
                    "webhook-id", "msg_1", "webhook-timestamp", "not-a-number", "webhook-signature", "v1,AAAA");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("MALFORMED_HEADER");
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void aReplayedDelivery_isRefused() throws Exception {
        try (JettyHarness jetty = new JettyHarness(app(), standardFilter())) {
            String[] headers = signedHeaders(BODY);
            assertThat(jetty.send("POST", "/webhooks/standard", body(BODY), headers).statusCode()).isEqualTo(200);
            HttpResponse<String> again = jetty.send("POST", "/webhooks/standard", body(BODY), headers);
            assertThat(again.statusCode()).isEqualTo(401);
            assertThat(again.body()).contains("\"reason\":\"REPLAYED\"");
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void anOversizedBody_is413_beforeVerification() throws Exception {
        try (JettyHarness jetty = new JettyHarness(app(), standardFilter())) {
            String big = "x".repeat(5000);
            HttpResponse<String> r = jetty.send("POST", "/webhooks/standard", body(big), signedHeaders(big));
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void stripe_signatureOverTimestampAndBody() throws Exception {
        String secret = "whsec_test_secret_for_stripe_0123456789";
        WebhookFilter filter = WebhookFilter.builder().verifier(WebhookVerifier.builder(WebhookSchemes.stripe())
                .secret(Secret.ofUtf8(secret)).clock(clock).auditSink(new InMemoryAuditSink()).build()).build();
        long t = clock.instant().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + BODY).getBytes(StandardCharsets.UTF_8)));
        try (JettyHarness jetty = new JettyHarness(app(), filter)) {
            assertThat(jetty.send("POST", "/webhooks/stripe", body(BODY), "Stripe-Signature", "t=" + t + ",v1=" + v1)
                    .statusCode()).isEqualTo(200);
            clock.advance(java.time.Duration.ofMinutes(6));
            HttpResponse<String> late = jetty.send("POST", "/webhooks/stripe", body(BODY),
                    "Stripe-Signature", "t=" + t + ",v1=" + v1);
            assertThat(late.statusCode()).isEqualTo(401);
            assertThat(late.body()).contains("TIMESTAMP_OUTSIDE_TOLERANCE");
        }
    }

    @Test
    void cannotBeBuiltWithoutAVerifier() {
        assertThatThrownBy(() -> WebhookFilter.builder().build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookFilter.builder().verifier(WebhookVerifier.builder(WebhookSchemes.stripe())
                .secret(Secret.ofUtf8("whsec_x")).build()).maxBodyBytes(0).build())
                .isInstanceOf(ConfigurationException.class);
    }
}
