package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InvalidInputException;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private final TestClock clock = new TestClock(Instant.ofEpochSecond(1_700_000_000L));

    @Test
    void sign_thenVerify_roundTrips_withHeadersInOrder() {
        Secret secret = WebhookSigner.generateSecret();
        WebhookSigner signer = WebhookSigner.builder().secret(secret).clock(clock).build();
        byte[] body = "{\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8);
        WebhookSigner.SignedWebhook signed = signer.sign("msg_1", body);
        assertThat(signed.headers()).containsExactly(java.util.Map.entry("webhook-id", "msg_1"),
                java.util.Map.entry("webhook-timestamp", "1700000000"),
                java.util.Map.entry("webhook-signature", signed.signature()));
        assertThat(signed.signature()).matches("v1,[A-Za-z0-9+/]{43}=");
        WebhookRequest.Builder r = WebhookRequest.builder().body(body);
        signed.headers().forEach(r::header);
        VerifiedWebhook hook = WebhookVerifier.builder(WebhookSchemes.standard()).secret(secret).clock(clock)
                .auditSink(AuditSinks.noop()).build().verify(r.build());
        assertThat(hook.eventId()).contains("msg_1");
        assertThat(signed.toString()).doesNotContain(signed.signature());
    }

    @Test
    void sign_rotation_oneSignaturePerSecret_eachVerifiesAlone() {
        Secret newer = WebhookSigner.generateSecret();
        Secret older = WebhookSigner.generateSecret(24);
        WebhookSigner signer = WebhookSigner.builder().secret(newer).secret(older).clock(clock).build();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookSigner.SignedWebhook signed = signer.sign("msg_rot", body);
        assertThat(signed.signature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        for (Secret s : new Secret[] {newer, older}) {
            WebhookRequest.Builder r = WebhookRequest.builder().body(body);
            signed.headers().forEach(r::header);
            assertThat(WebhookVerifier.builder(WebhookSchemes.standard()).secret(s).clock(clock)
                    .auditSink(AuditSinks.noop()).build().verify(r.build()).scheme()).isEqualTo("standard");
        }
    }

    @Test
    void generateSecret_whsecPlusBase64OfRequestedSize_bounds() {
        for (int n : new int[] {24, 32, 64}) {
            String s = WebhookSigner.generateSecret(n).utf8();
            assertThat(s).startsWith("whsec_");
            assertThat(Base64.getDecoder().decode(s.substring(6))).hasSize(n);
        }
        assertThat(WebhookSigner.generateSecret().utf8()).isNotEqualTo(WebhookSigner.generateSecret().utf8());
        assertThat(WebhookSigner.generateSecret().toString()).isEqualTo("Secret[***]");
        assertThatThrownBy(() -> WebhookSigner.generateSecret(23)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookSigner.generateSecret(65)).isInstanceOf(ConfigurationException.class);
        assertThat(WebhookSigner.newMessageId()).matches("msg_[A-Za-z0-9_-]{22}");
    }

    @Test
    void build_noOrEmptyOrBadSecret_refused_badId_refused() {
        assertThatThrownBy(() -> WebhookSigner.builder().build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookSigner.builder().secret(Secret.ofUtf8("")).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookSigner.builder().secret(Secret.ofUtf8("whsec_")).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookSigner.builder().secret(Secret.ofUtf8("whsec_not base64!")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("not base64!");
        WebhookSigner signer = WebhookSigner.builder().secret(WebhookSigner.generateSecret()).clock(clock).build();
        assertThatThrownBy(() -> signer.sign("", new byte[0])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> signer.sign("a b", new byte[0])).isInstanceOf(InvalidInputException.class);
        assertThat(signer.toString()).doesNotContain("whsec_");
    }
}
