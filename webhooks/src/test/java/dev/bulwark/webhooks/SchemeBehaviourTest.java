package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** For every scheme: valid signatures verify; every one-byte change is rejected with the right reason. */
class SchemeBehaviourTest {

    private static final long NOW = 1_700_000_000L;
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\",\"amount\":4200}\r\n"
            .getBytes(StandardCharsets.UTF_8);

    static List<SchemeCases.Case> cases() {
        return SchemeCases.all();
    }

    private static WebhookVerifier verifier(SchemeCases.Case c, TestClock clock, String... secrets) {
        WebhookVerifier.Builder b = WebhookVerifier.builder(c.scheme()).clock(clock).auditSink(AuditSinks.noop());
        for (String s : secrets) {
            b.secret(Secret.ofUtf8(s));
        }
        return b.build();
    }

    private static WebhookVerifier verifier(SchemeCases.Case c) {
        return verifier(c, new TestClock(Instant.ofEpochSecond(NOW)), c.secret());
    }

    private static void assertReason(ThrowableAssert.ThrowingCallable call, WebhookReason reason) {
        assertThatThrownBy(call).isInstanceOf(WebhookVerificationException.class)
                .satisfies(e -> assertThat(((WebhookVerificationException) e).reason()).isEqualTo(reason));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_correctlySigned_returnsVerifiedWebhookWithRawBody(SchemeCases.Case c) {
        VerifiedWebhook hook = verifier(c).verify(c.sign(c.secret(), BODY, NOW).request());
        assertThat(hook.scheme()).isEqualTo(c.name());
        assertThat(hook.body()).isEqualTo(BODY);
        assertThat(hook.bodyAuthenticated()).isEqualTo(c.signsBody());
        assertThat(hook.timestamp().isPresent()).isEqualTo(c.timestamped());
        if (c.timestamped()) {
            assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(NOW));
        }
        if (c.signedId()) {
            assertThat(hook.eventId()).contains("msg_1");
            assertThat(hook.eventIdSigned()).isTrue();
        }
        assertThat(hook.toString()).doesNotContain("charge.succeeded");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_everyOneByteBodyChange_noMatchingSignature(SchemeCases.Case c) {
        // Mercado Pago signs ids and the timestamp only; covered by the id and timestamp tests
        assumeTrue(c.signsBody(), "scheme does not sign the body");
        WebhookVerifier v = verifier(c);
        SchemeCases.Sent sent = c.sign(c.secret(), BODY, NOW);
        for (int i = 0; i < BODY.length; i++) {
            byte[] changed = BODY.clone();
            changed[i] ^= 0x01;
            SchemeCases.Sent tampered = sent.withBody(changed);
            assertReason(() -> v.verify(tampered.request()), WebhookReason.NO_MATCHING_SIGNATURE);
        }
        byte[] longer = java.util.Arrays.copyOf(BODY, BODY.length + 1);
        assertReason(() -> v.verify(sent.withBody(longer).request()), WebhookReason.NO_MATCHING_SIGNATURE);
        byte[] shorter = java.util.Arrays.copyOf(BODY, BODY.length - 1); // a dropped \n: line endings matter
        assertReason(() -> v.verify(sent.withBody(shorter).request()), WebhookReason.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_everyChangeOfTheSignatureHeader_rejected(SchemeCases.Case c) {
        WebhookVerifier v = verifier(c);
        SchemeCases.Sent sent = c.sign(c.secret(), BODY, NOW);
        String sig = sent.headers().get(sent.signatureHeader());
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < sig.length(); i++) {
            char[] chars = sig.toCharArray();
            chars[i] = chars[i] == 'a' ? 'b' : 'a';
            SchemeCases.Sent tampered = sent.withHeader(sent.signatureHeader(), new String(chars));
            try {
                v.verify(tampered.request());
                accepted.add(new String(chars));
            } catch (WebhookVerificationException expected) {
                // every reason is acceptable for a mangled header; none may verify
            }
        }
        assertThat(accepted).isEmpty();
        // a changed character inside the MAC itself is a mismatch, not a parse error
        int inMac = sig.length() - 5;
        char[] chars = sig.toCharArray();
        chars[inMac] = chars[inMac] == 'a' ? 'b' : 'a';
        assertReason(() -> v.verify(sent.withHeader(sent.signatureHeader(), new String(chars)).request()),
                WebhookReason.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_changedTimestamp_noMatchingSignature(SchemeCases.Case c) {
        assumeTrue(c.timestamped(), "scheme signs no timestamp");
        WebhookVerifier v = verifier(c);
        SchemeCases.Sent sent = c.signer().sign(c.secret(), BODY, NOW, NOW + 1, "msg_1", "msg_1");
        assertReason(() -> v.verify(sent.request()), WebhookReason.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_changedSignedId_noMatchingSignature(SchemeCases.Case c) {
        assumeTrue(c.signedId(), "scheme signs no id");
        WebhookVerifier v = verifier(c);
        SchemeCases.Sent sent = c.signer().sign(c.secret(), BODY, NOW, NOW, "msg_1", "msg_2");
        assertReason(() -> v.verify(sent.request()), WebhookReason.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_staleOrFutureTimestamp_outsideTolerance_boundaryAccepted(SchemeCases.Case c) {
        assumeTrue(c.timestamped(), "scheme signs no timestamp");
        long tol = c.scheme().defaultTolerance().orElseThrow().toSeconds();
        TestClock clock = new TestClock(Instant.ofEpochSecond(NOW));
        WebhookVerifier v = verifier(c, clock, c.secret());
        WebhookRequest request = c.sign(c.secret(), BODY, NOW).request();
        clock.set(Instant.ofEpochSecond(NOW + tol));
        assertThat(v.verify(request).scheme()).isEqualTo(c.name());
        clock.set(Instant.ofEpochSecond(NOW - tol));
        assertThat(v.verify(request).scheme()).isEqualTo(c.name());
        clock.set(Instant.ofEpochSecond(NOW + tol + 1));
        assertReason(() -> v.verify(request), WebhookReason.TIMESTAMP_OUTSIDE_TOLERANCE);
        clock.set(Instant.ofEpochSecond(NOW - tol - 1));
        assertReason(() -> v.verify(request), WebhookReason.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_configuredTolerance_applies(SchemeCases.Case c) {
        if (!c.timestamped()) {
            assertThatThrownBy(() -> WebhookVerifier.builder(c.scheme()).secret(Secret.ofUtf8(c.secret()))
                    .tolerance(Duration.ofMinutes(1)).build()).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("signs no timestamp");
            return;
        }
        TestClock clock = new TestClock(Instant.ofEpochSecond(NOW + 30));
        WebhookVerifier v = WebhookVerifier.builder(c.scheme()).secret(Secret.ofUtf8(c.secret())).clock(clock)
                .tolerance(Duration.ofSeconds(20)).auditSink(AuditSinks.noop()).build();
        assertReason(() -> v.verify(c.sign(c.secret(), BODY, NOW).request()), WebhookReason.TIMESTAMP_OUTSIDE_TOLERANCE);
        clock.set(Instant.ofEpochSecond(NOW + 20));
        assertThat(v.verify(c.sign(c.secret(), BODY, NOW).request()).scheme()).isEqualTo(c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_missingSignatureHeader_missingHeader(SchemeCases.Case c) {
        SchemeCases.Sent sent = c.sign(c.secret(), BODY, NOW);
        assertReason(() -> verifier(c).verify(sent.without(sent.signatureHeader()).request()),
                WebhookReason.MISSING_HEADER);
        assertReason(() -> verifier(c).verify(sent.withHeader(sent.signatureHeader(), "  ").request()),
                WebhookReason.MISSING_HEADER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_secretRotation_oldAndNewBothVerify_othersDoNot(SchemeCases.Case c) {
        TestClock clock = new TestClock(Instant.ofEpochSecond(NOW));
        WebhookVerifier both = verifier(c, clock, c.otherSecret(), c.secret());
        assertThat(both.verify(c.sign(c.secret(), BODY, NOW).request()).scheme()).isEqualTo(c.name());
        assertThat(both.verify(c.sign(c.otherSecret(), BODY, NOW).request()).scheme()).isEqualTo(c.name());
        WebhookVerifier onlyNew = verifier(c, clock, c.otherSecret());
        assertReason(() -> onlyNew.verify(c.sign(c.secret(), BODY, NOW).request()), WebhookReason.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void build_emptyOrMissingSecret_refused(SchemeCases.Case c) {
        assertThatThrownBy(() -> WebhookVerifier.builder(c.scheme()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least one secret");
        assertThatThrownBy(() -> WebhookVerifier.builder(c.scheme()).secret(Secret.ofUtf8("")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> WebhookVerifier.builder(c.scheme()).hmacKey(Secret.ofBytes(new byte[0])).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_rejectionMessage_neverContainsSecretOrSignature(SchemeCases.Case c) {
        SchemeCases.Sent sent = c.sign(c.secret(), BODY, NOW);
        String sig = sent.headers().get(sent.signatureHeader());
        SchemeCases.Sent tampered = sent.withBody("other".getBytes(StandardCharsets.UTF_8));
        if (!c.signsBody()) {
            tampered = c.signer().sign(c.secret(), BODY, NOW, NOW, "msg_1", "msg_9");
        }
        SchemeCases.Sent bad = tampered;
        assertThatThrownBy(() -> verifier(c).verify(bad.request())).isInstanceOf(WebhookVerificationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(c.secret()).doesNotContain(sig)
                        .doesNotContain("other"));
    }
}
