package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.CoreReason;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayAndAuditTest {

    private static final long NOW = 1_700_000_000L;
    private static final String STD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private final TestClock clock = new TestClock(Instant.ofEpochSecond(NOW));
    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private WebhookRequest standard(String id, String body) {
        return WebhookRequest.builder().header("webhook-id", id).header("webhook-timestamp", Long.toString(NOW))
                .header("webhook-signature", ProviderSigning.standard(STD, id, NOW, body.getBytes(StandardCharsets.UTF_8)))
                .body(body).build();
    }

    private WebhookVerifier.Builder standardVerifier() {
        return WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(STD)).clock(clock)
                .auditSink(audit);
    }

    private static WebhookReason reason(Throwable e) {
        return ((WebhookVerificationException) e).reason();
    }

    @Test
    void verify_sameSignedIdTwice_replayed_auditedWithId() {
        WebhookVerifier v = standardVerifier().replayGuard(InMemoryReplayGuard.create(clock)).build();
        assertThat(v.verify(standard("msg_a", "{}")).eventId()).contains("msg_a");
        assertThatThrownBy(() -> v.verify(standard("msg_a", "{}"))).satisfies(
                e -> assertThat(reason(e)).isEqualTo(WebhookReason.REPLAYED));
        assertThat(v.verify(standard("msg_b", "{}")).eventId()).contains("msg_b");
        AuditEvent event = audit.events().get(0);
        assertThat(audit.events()).hasSize(1);
        assertThat(event.category()).isEqualTo("webhook");
        assertThat(event.action()).isEqualTo("verify");
        assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
        assertThat(event.actor()).isEqualTo("standard");
        assertThat(event.reason()).isEqualTo("REPLAYED");
        assertThat(event.attributes()).containsEntry("event_id", "msg_a");
    }

    @Test
    void verify_replayAfterTtl_acceptedAgain() {
        WebhookVerifier v = standardVerifier().replayGuard(InMemoryReplayGuard.create(clock))
                .tolerance(Duration.ofHours(1)).replayTtl(Duration.ofMinutes(10)).build();
        v.verify(standard("msg_a", "{}"));
        clock.advance(Duration.ofMinutes(10));
        assertThat(v.verify(standard("msg_a", "{}")).eventId()).contains("msg_a");
    }

    @Test
    void verify_stripeWithExtractor_retryOfSameEventWithNewTimestamp_replayed() {
        String secret = "whsec_test_secret";
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8(secret)).clock(clock)
                .auditSink(audit).replayGuard(InMemoryReplayGuard.create(clock))
                .eventIdExtractor(EventIdExtractor.jsonField("id")).build();
        byte[] body = "{\"object\":{\"id\":\"ch_1\"},\"id\":\"evt_42\",\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        VerifiedWebhook first = v.verify(WebhookRequest.builder()
                .header("Stripe-Signature", ProviderSigning.stripe(secret, NOW, body)).body(body).build());
        assertThat(first.eventId()).contains("evt_42");
        assertThat(first.eventIdSigned()).isTrue();
        clock.advance(Duration.ofSeconds(60));
        WebhookRequest retry = WebhookRequest.builder()
                .header("Stripe-Signature", ProviderSigning.stripe(secret, NOW + 60, body)).body(body).build();
        assertThatThrownBy(() -> v.verify(retry)).satisfies(e -> assertThat(reason(e)).isEqualTo(WebhookReason.REPLAYED));
    }

    @Test
    void verify_extractorFailsOnVerifiedBody_malformedRequest_failClosed() {
        String secret = "whsec_test_secret";
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8(secret)).clock(clock)
                .auditSink(audit).replayGuard(InMemoryReplayGuard.create(clock))
                .eventIdExtractor(EventIdExtractor.jsonField("id")).build();
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> v.verify(WebhookRequest.builder()
                .header("Stripe-Signature", ProviderSigning.stripe(secret, NOW, body)).body(body).build()))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(WebhookReason.MALFORMED_REQUEST));
    }

    @Test
    void verify_githubWithGuard_unsignedDeliveryIdChanged_stillReplayed() {
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.github()).secret(Secret.ofUtf8("s3cret"))
                .clock(clock).auditSink(audit).replayGuard(InMemoryReplayGuard.create(clock)).build();
        byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
        String sig = ProviderSigning.hub("s3cret", body);
        v.verify(WebhookRequest.builder().header("X-Hub-Signature-256", sig).header("X-GitHub-Delivery", "d-1").body(body).build());
        assertThatThrownBy(() -> v.verify(WebhookRequest.builder().header("X-Hub-Signature-256", sig)
                .header("X-GitHub-Delivery", "d-2-forged").body(body).build()))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(WebhookReason.REPLAYED));
    }

    @Test
    void verify_replayStoreDown_failsClosed_andAudits() {
        ReplayGuard down = (key, ttl) -> {
            throw new dev.bulwark.core.InvalidInputException(CoreReason.STORE_UNAVAILABLE, "redis unreachable");
        };
        WebhookVerifier v = standardVerifier().replayGuard(down).build();
        assertThatThrownBy(() -> v.verify(standard("msg_a", "{}"))).isInstanceOf(BulwarkException.class)
                .satisfies(e -> assertThat(((BulwarkException) e).reason()).isEqualTo(CoreReason.STORE_UNAVAILABLE));
        assertThat(audit.events()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("STORE_UNAVAILABLE"));
    }

    @Test
    void verify_rejection_auditEventCarriesNoSecretSignatureOrBody() {
        WebhookVerifier v = standardVerifier().build();
        WebhookRequest good = standard("msg_x", "{\"card\":\"4242\"}");
        WebhookRequest tampered = WebhookRequest.builder().headers(good.headers()).body("{\"card\":\"4243\"}").build();
        assertThatThrownBy(() -> v.verify(tampered)).isInstanceOf(WebhookVerificationException.class);
        AuditEvent e = audit.events().get(0);
        String rendered = e.toString() + dev.bulwark.core.AuditSinks.format(e);
        assertThat(rendered).contains("NO_MATCHING_SIGNATURE").contains("msg_x")
                .doesNotContain(STD).doesNotContain(STD.substring(6))
                .doesNotContain(good.header("webhook-signature").substring(3)).doesNotContain("4243");
    }

    @Test
    void verify_attackerIdShapedLikeCredential_rejectionStillAudited_withoutId() {
        WebhookVerifier v = standardVerifier().build();
        WebhookRequest r = WebhookRequest.builder().header("webhook-id", "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .header("webhook-timestamp", Long.toString(NOW)).header("webhook-signature", "v1,AAAA").body("{}").build();
        // the scheme fails before it knows the id; a verified-then-replayed one carries it: force that path
        WebhookVerifier guarded = standardVerifier().replayGuard((k, t) -> false).build();
        String id = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThatThrownBy(() -> guarded.verify(standard(id, "{}")))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(WebhookReason.REPLAYED));
        assertThatThrownBy(() -> v.verify(r)).isInstanceOf(WebhookVerificationException.class);
        assertThat(audit.events()).hasSize(2).allSatisfy(e -> assertThat(e.attributes()).doesNotContainKey("event_id"));
    }

    @Test
    void verify_failingAuditSink_doesNotChangeDecision() {
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(STD)).clock(clock)
                .auditSink(e -> {
                    throw new IllegalStateException("sink down");
                }).build();
        assertThatThrownBy(() -> v.verify(WebhookRequest.builder().header("webhook-id", "m")
                .header("webhook-timestamp", "1").header("webhook-signature", "v1,AAAA").body("{}").build()))
                .isInstanceOf(WebhookVerificationException.class);
        assertThat(v.verify(standard("msg_ok", "{}")).eventId()).contains("msg_ok");
    }

    @Test
    void verify_successIsNotAudited_rejectionsAre() {
        WebhookVerifier v = standardVerifier().build();
        v.verify(standard("msg_ok", "{}"));
        assertThat(audit.events()).isEmpty();
    }
}
