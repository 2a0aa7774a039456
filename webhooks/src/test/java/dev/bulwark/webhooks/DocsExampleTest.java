package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The examples of {@code docs/webhooks.md}, compiled and run against the real API. */
class DocsExampleTest {

    @Test
    void readmeStripeExample_andSignerExample_work() {
        Clock clock = new TestClock(Instant.ofEpochSecond(1_700_000_000L));
        String current = "whsec_current";
        String old = "whsec_old";
        WebhookVerifier stripe = WebhookVerifier.builder(WebhookSchemes.stripe())
                .secret(Secret.ofUtf8(current))
                .secret(Secret.ofUtf8(old))
                .replayGuard(InMemoryReplayGuard.create(clock))
                .eventIdExtractor(EventIdExtractor.jsonField("id"))
                .auditSink(new InMemoryAuditSink())
                .clock(clock)
                .build();
        byte[] raw = "{\"id\":\"evt_1\",\"object\":\"event\"}\n".getBytes(StandardCharsets.UTF_8);
        VerifiedWebhook hook = stripe.verify(WebhookRequest.builder()
                .header("Stripe-Signature", ProviderSigning.stripe(old, 1_700_000_000L, raw))
                .body(raw)
                .build());
        assertThat(hook.eventId()).contains("evt_1");
        assertThat(hook.body()).isEqualTo(raw);

        Secret secret = WebhookSigner.generateSecret();
        WebhookSigner signer = WebhookSigner.builder().secret(secret).clock(clock).build();
        WebhookSigner.SignedWebhook signed = signer.sign(WebhookSigner.newMessageId(), raw);
        WebhookRequest.Builder outbound = WebhookRequest.builder().body(raw);
        signed.headers().forEach(outbound::header);
        assertThat(WebhookVerifier.builder(WebhookSchemes.standard()).secret(secret).clock(clock).build()
                .verify(outbound.build()).eventId()).contains(signed.id());
    }
}
