package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants: sign then verify holds for any body, id and time; any one-bit change of what is signed fails. */
class SignVerifyPropertiesTest {

    private static final Secret SECRET = Secret.ofUtf8("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final Secret OLD = Secret.ofUtf8("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64);
    }

    private static WebhookRequest request(WebhookSigner.SignedWebhook s, byte[] body) {
        WebhookRequest.Builder b = WebhookRequest.builder().body(body);
        s.headers().forEach(b::header);
        return b.build();
    }

    private static WebhookVerifier verifier(TestClock clock, Secret... secrets) {
        return WebhookVerifier.builder(WebhookSchemes.standard()).secrets(List.of(secrets)).clock(clock)
                .auditSink(AuditSinks.noop()).build();
    }

    @Property(tries = 300)
    void signThenVerify_holds(@ForAll @Size(max = 2048) byte[] body, @ForAll("ids") String id,
            @ForAll @LongRange(min = 0, max = 99_999_999_999L) long ts, @ForAll boolean rotated) {
        TestClock clock = new TestClock(Instant.ofEpochSecond(ts));
        WebhookSigner.Builder sb = WebhookSigner.builder().secret(SECRET).clock(clock);
        if (rotated) {
            sb.secret(OLD);
        }
        WebhookSigner.SignedWebhook s = sb.build().sign(id, body);
        VerifiedWebhook hook = verifier(clock, rotated ? OLD : SECRET).verify(request(s, body));
        assertThat(hook.body()).isEqualTo(body);
        assertThat(hook.eventId()).contains(id);
        assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(ts));
    }

    @Property(tries = 300)
    void anyBodyBitFlip_fails(@ForAll @Size(min = 1, max = 512) byte[] body, @ForAll @IntRange(min = 0, max = 4095) int bit) {
        TestClock clock = new TestClock(Instant.ofEpochSecond(1_700_000_000L));
        WebhookSigner.SignedWebhook s = WebhookSigner.builder().secret(SECRET).clock(clock).build().sign("msg_p", body);
        byte[] tampered = body.clone();
        int b = bit % (body.length * 8);
        tampered[b / 8] ^= (byte) (1 << (b % 8));
        assertThatThrownBy(() -> verifier(clock, SECRET).verify(request(s, tampered)))
                .isInstanceOf(WebhookVerificationException.class)
                .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
                        .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE));
    }

    @Property(tries = 300)
    void anyHeaderCharChange_fails(@ForAll @Size(max = 256) byte[] body, @ForAll("ids") String id,
            @ForAll @IntRange(min = 0, max = 2) int header, @ForAll @IntRange(min = 0, max = 200) int pos,
            @ForAll char replacement) {
        TestClock clock = new TestClock(Instant.ofEpochSecond(1_700_000_000L));
        WebhookSigner.SignedWebhook s = WebhookSigner.builder().secret(SECRET).clock(clock).build().sign(id, body);
        String name = List.of("webhook-id", "webhook-timestamp", "webhook-signature").get(header);
        String value = s.headers().get(name);
        int i = pos % value.length();
        Assume.that(value.charAt(i) != replacement);
        String changed = value.substring(0, i) + replacement + value.substring(i + 1);
        WebhookRequest.Builder b = WebhookRequest.builder().body(body);
        s.headers().forEach((k, v) -> b.header(k, k.equals(name) ? changed : v));
        WebhookRequest r = b.build();
        // a change that only adds surrounding white space is the same value once stripped
        Assume.that(!changed.strip().equals(value));
        assertThatThrownBy(() -> verifier(clock, SECRET).verify(r)).isInstanceOf(WebhookVerificationException.class);
    }

    @Property(tries = 200)
    void stripe_signThenVerify_holds_andBodyFlipFails(@ForAll @Size(min = 1, max = 1024) byte[] body,
            @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long ts) {
        TestClock clock = new TestClock(Instant.ofEpochSecond(ts));
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("whsec_x"))
                .clock(clock).auditSink(AuditSinks.noop()).build();
        String header = ProviderSigning.stripe("whsec_x", ts, body);
        assertThat(v.verify(WebhookRequest.builder().header("Stripe-Signature", header).body(body).build()).body())
                .isEqualTo(body);
        byte[] t = body.clone();
        t[t.length - 1] ^= 0x40;
        assertThatThrownBy(() -> v.verify(WebhookRequest.builder().header("Stripe-Signature", header).body(t).build()))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
