package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Webhook;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Signatures produced by the providers' official Java SDKs verify here, and ours verify there:
 * {@code com.stripe:stripe-java} ({@code Webhook.Signature}) and {@code com.svix:svix} ({@code Webhook}).
 */
class OfficialSdkDifferentialTest {

    private static final String SVIX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Property(tries = 200)
    void stripeJavaSignature_verifiesHere(@ForAll String payload,
            @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long ts) throws Exception {
        String header = com.stripe.net.Webhook.Signature.generateSignatureHeader(payload, "whsec_test_secret", ts);
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("whsec_test_secret"))
                .clock(new TestClock(Instant.ofEpochSecond(ts))).auditSink(AuditSinks.noop()).build();
        VerifiedWebhook hook = v.verify(WebhookRequest.builder().header("Stripe-Signature", header)
                .body(payload.getBytes(StandardCharsets.UTF_8)).build());
        assertThat(hook.bodyUtf8()).isEqualTo(payload);
    }

    @Property(tries = 200)
    void svixSignature_verifiesHere_andOursVerifiesInSvix(@ForAll String payload,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String msgId,
            @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long ts) throws Exception {
        Webhook svix = new Webhook(SVIX_SECRET);
        String svixSig = svix.sign(msgId, ts, payload);
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(SVIX_SECRET))
                .clock(new TestClock(Instant.ofEpochSecond(ts))).auditSink(AuditSinks.noop()).build();
        assertThat(v.verify(WebhookRequest.builder().header("webhook-id", msgId)
                .header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", svixSig)
                .body(payload).build()).eventId()).contains(msgId);

        WebhookSigner signer = WebhookSigner.builder().secret(Secret.ofUtf8(SVIX_SECRET))
                .clock(new TestClock(Instant.ofEpochSecond(ts))).build();
        assertThat(signer.sign(msgId, payload.getBytes(StandardCharsets.UTF_8)).signature()).isEqualTo(svixSig);
    }

    @Property(tries = 50)
    void ourSignerRotation_verifiesInSvixWithEitherSecret(@ForAll String payload) throws Exception {
        String newer = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
        long ts = Instant.now().getEpochSecond(); // svix checks against the system clock
        WebhookSigner.SignedWebhook signed = WebhookSigner.builder().secret(Secret.ofUtf8(newer))
                .secret(Secret.ofUtf8(SVIX_SECRET)).clock(new TestClock(Instant.ofEpochSecond(ts))).build()
                .sign("msg_rot", payload.getBytes(StandardCharsets.UTF_8));
        HttpHeaders headers = HttpHeaders.of(Map.of("webhook-id", List.of(signed.id()),
                "webhook-timestamp", List.of(Long.toString(signed.timestamp())),
                "webhook-signature", List.of(signed.signature())), (a, b) -> true);
        new Webhook(SVIX_SECRET).verify(payload, headers);
        new Webhook(newer).verify(payload, headers);
    }

    @Property(tries = 50)
    void ourStripeVerifier_agreesWithStripeJava_onForgedHeaders(@ForAll String payload,
            @ForAll @StringLength(max = 80) String junk) {
        long ts = 1_700_000_000L;
        String header = "t=" + ts + ",v1=" + junk;
        boolean stripeAccepts;
        try {
            com.stripe.net.Webhook.Signature.verifyHeader(payload, header, "whsec_test_secret", 0);
            stripeAccepts = true;
        } catch (Exception e) {
            stripeAccepts = false;
        }
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("whsec_test_secret"))
                .clock(new TestClock(Instant.ofEpochSecond(ts))).auditSink(AuditSinks.noop()).build();
        assertThat(stripeAccepts).isFalse();
        assertThatThrownBy(() -> v.verify(WebhookRequest.builder().header("Stripe-Signature", header).body(payload)
                .build())).isInstanceOf(WebhookVerificationException.class);
    }
}
