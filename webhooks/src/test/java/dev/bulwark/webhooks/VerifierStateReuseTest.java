package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The per-thread state a verification reuses (each key's MAC and output buffer, the buffer the signed
 * {@code id.timestamp.} head is laid out in) carries nothing from one verification into the next: not after a
 * rejection, not from a longer or non-ASCII head, not from another scheme on the same thread, not across
 * threads.
 */
class VerifierStateReuseTest {

    private static final long NOW = 1_700_000_000L;
    private static final String STD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String STRIPE_OLD = "whsec_old_0123456789abcdef";
    private static final String STRIPE_NEW = "whsec_new_fedcba9876543210";
    private final TestClock clock = new TestClock(Instant.ofEpochSecond(NOW));

    private WebhookVerifier standard() {
        return WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(STD)).clock(clock)
                .auditSink(AuditSinks.noop()).build();
    }

    private WebhookVerifier stripeRotating() {
        return WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8(STRIPE_NEW))
                .secret(Secret.ofUtf8(STRIPE_OLD)).clock(clock).auditSink(AuditSinks.noop()).build();
    }

    private static WebhookRequest standardRequest(String id, byte[] signedBody, byte[] sentBody) {
        return WebhookRequest.builder().header("webhook-id", id).header("webhook-timestamp", Long.toString(NOW))
                .header("webhook-signature", ProviderSigning.standard(STD, id, NOW, signedBody)).body(sentBody).build();
    }

    private static WebhookRequest stripeRequest(String secret, byte[] signedBody, byte[] sentBody) {
        return WebhookRequest.builder().header("Stripe-Signature", ProviderSigning.stripe(secret, NOW, signedBody))
                .body(sentBody).build();
    }

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static WebhookReason reason(Throwable e) {
        return ((WebhookVerificationException) e).reason();
    }

    /** Ids from far longer than any retained buffer to one character, ASCII and not, in a mixed order. */
    private static final List<String> IDS = List.of("x".repeat(5000), "m", "msg_é€😀_ünïcode", "y".repeat(900),
            "msg_p5jXN8AQM9LWM0D4loKWxJek", "z".repeat(1500) + "é", "a");

    @Test
    void sameThread_rejectionThenAcceptance_headsOfEveryLength_noStateCarriedOver() {
        WebhookVerifier v = standard();
        for (String id : IDS) {
            byte[] signed = body("{\"id\":\"" + id.length() + "\"}");
            assertThatThrownBy(() -> v.verify(standardRequest(id, signed, body("{\"forged\":1}"))))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE));
            assertThat(v.verify(standardRequest(id, signed, signed)).eventId()).contains(id);
        }
        // and the same ids in reverse: a short head after a long one MACs only its own bytes
        for (int i = IDS.size() - 1; i >= 0; i--) {
            String id = IDS.get(i);
            assertThat(v.verify(standardRequest(id, body("{}"), body("{}"))).eventId()).contains(id);
        }
    }

    @Test
    void sameThread_schemesInterleaved_rotatedSecrets_eachVerifiesOnlyItsOwnContent() {
        WebhookVerifier std = standard();
        WebhookVerifier stripe = stripeRotating();
        byte[] payload = body("{\"object\":\"event\"}");
        for (String id : IDS) {
            // a long Standard head, then Stripe's short t. head, with either secret of the rotation
            assertThat(std.verify(standardRequest(id, payload, payload)).eventId()).contains(id);
            assertThat(stripe.verify(stripeRequest(STRIPE_OLD, payload, payload)).scheme()).isEqualTo("stripe");
            assertThat(stripe.verify(stripeRequest(STRIPE_NEW, payload, payload)).scheme()).isEqualTo("stripe");
            assertThatThrownBy(() -> stripe.verify(stripeRequest("whsec_retired", payload, payload)))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE));
        }
    }

    @Test
    void stripe_severalV1Signatures_anyOfThemFromEitherSecret_accepted() {
        WebhookVerifier stripe = stripeRotating();
        byte[] payload = body("{}");
        String forged = ProviderSigning.stripe("whsec_forger", NOW, payload);
        String old = ProviderSigning.stripe(STRIPE_OLD, NOW, payload);
        String header = forged + "," + old.substring(old.indexOf("v1="));
        assertThat(stripe.verify(WebhookRequest.builder().header("stripe-signature", header).body(payload).build())
                .scheme()).isEqualTo("stripe");
    }

    @Test
    void rejection_auditedWithTheClaimedId_ofTheHeaderFamilyPresent() {
        InMemoryAuditSink audit = new InMemoryAuditSink();
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(STD)).clock(clock)
                .auditSink(audit).build();
        assertThatThrownBy(() -> v.verify(standardRequest("msg_webhook", body("{}"), body("{\"x\":1}"))))
                .isInstanceOf(WebhookVerificationException.class);
        WebhookRequest svix = WebhookRequest.builder().header("svix-id", "msg_svix")
                .header("svix-timestamp", Long.toString(NOW)).header("svix-signature", "v1,AAAA").body("{}").build();
        assertThatThrownBy(() -> v.verify(svix)).isInstanceOf(WebhookVerificationException.class);
        assertThat(audit.events()).hasSize(2);
        assertThat(audit.events().get(0).attributes()).containsEntry("event_id", "msg_webhook");
        assertThat(audit.events().get(1).attributes()).containsEntry("event_id", "msg_svix");
    }

    @Test
    void sharedVerifiers_manyThreads_mixedHeadsAndSecrets_sameAnswersAsOneThread() throws Exception {
        WebhookVerifier std = standard();
        WebhookVerifier stripe = stripeRotating();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                int n = i;
                tasks.add(() -> {
                    boolean forged = n % 5 == 0;
                    byte[] signed = body("{\"n\":" + n + "}");
                    byte[] sent = forged ? body("{\"n\":-" + n + "}") : signed;
                    String expected = forged ? "NO_MATCHING_SIGNATURE" : "OK";
                    try {
                        if (n % 2 == 0) {
                            String id = IDS.get(n % IDS.size()) + n;
                            VerifiedWebhook w = std.verify(standardRequest(id, signed, sent));
                            return expected + "|" + (w.eventId().orElseThrow().equals(id) ? "OK" : "WRONG_ID");
                        }
                        stripe.verify(stripeRequest(n % 3 == 0 ? STRIPE_OLD : STRIPE_NEW, signed, sent));
                        return expected + "|OK";
                    } catch (WebhookVerificationException e) {
                        return expected + "|" + e.reason().name();
                    }
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            assertThat(results).hasSize(600).allSatisfy(r -> {
                String[] parts = r.split("\\|");
                assertThat(parts[1]).isEqualTo(parts[0]);
            });
            assertThat(results).filteredOn(r -> r.startsWith("NO_MATCHING")).hasSize(120);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
