package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.VerifiedWebhook;
import dev.bulwark.webhooks.WebhookReason;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookVerificationException;
import dev.bulwark.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture verifies with the real verifier; every tampered variant is rejected with its reason. */
class WebhookFixturesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\",\"amount\":4200}\r\n"
            .getBytes(StandardCharsets.UTF_8);

    static final Map<String, String> SECRETS = secrets();

    private static Map<String, String> secrets() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        m.put("stripe", "whsec_test_secret");
        m.put("github", "It's a Secret to Everybody");
        m.put("slack", "8f742231b10e8888abcd99yyyzzz85a5");
        m.put("shopify", "shpss_client_secret");
        m.put("twilio", "12345");
        m.put("meta", "app-secret-0123456789abcdef");
        m.put("paddle", "pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI");
        m.put("mercadopago", "mp-secret-abcdef0123456789");
        m.put("generic", "acme-secret");
        return m;
    }

    static Stream<Arguments> fixtures() {
        MutableClock clock = MutableClock.at(NOW);
        Stream<Arguments> named = WebhookSchemes.NAMES.stream().map(n -> Arguments.of(n,
                WebhookFixtures.forScheme(n, SECRETS.get(n), BODY, clock)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("From", "+15551234567");
        params.put("Body", "hello & welcome=1");
        params.put("CallSid", "CA1");
        return Stream.concat(named, Stream.of(Arguments.of("twilio",
                WebhookFixtures.twilioForm("12345", "https://example.com/sms?x=1", params))));
    }

    private static WebhookVerifier verifier(String scheme, String secret) {
        return WebhookVerifier.builder(WebhookSchemes.byName(scheme)).secret(Secret.ofUtf8(secret))
                .clock(MutableClock.at(NOW)).auditSink(AuditSinks.noop()).build();
    }

    @Test
    void forScheme_coversEveryName() {
        assertThat(fixtures().map(a -> ((WebhookFixtures.Fixture) a.get()[1]).scheme()).distinct().toList())
                .containsExactlyElementsOf(WebhookSchemes.NAMES);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void valid_verifiesWithTheRealVerifier(String scheme, WebhookFixtures.Fixture f) {
        VerifiedWebhook hook = verifier(scheme, SECRETS.get(scheme)).verify(f.valid());
        assertThat(hook.scheme()).isEqualTo(scheme);
        assertThat(hook.body()).isEqualTo(f.valid().body());
        if (hook.timestamp().isPresent()) {
            assertThat(hook.timestamp()).contains(NOW);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void everyTamperedVariant_rejectedWithItsReason(String scheme, WebhookFixtures.Fixture f) {
        WebhookVerifier v = verifier(scheme, SECRETS.get(scheme));
        assertThat(f.tampered()).hasSizeGreaterThanOrEqualTo(3);
        for (WebhookFixtures.Tampered t : f.tampered()) {
            assertThatThrownBy(() -> v.verify(t.request())).as(scheme + ": " + t.description())
                    .isInstanceOf(WebhookVerificationException.class)
                    .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
                            .as(scheme + ": " + t.description()).isEqualTo(t.expectedReason()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void namedVariants_presentWhereTheSchemeSignsThem(String scheme, WebhookFixtures.Fixture f) {
        assertThat(f.signatureChanged()).isNotNull();
        assertThat(f.bodyChanged().isPresent()).isEqualTo(!scheme.equals("mercadopago"));
        boolean timestamped = WebhookSchemes.byName(scheme).defaultTolerance().isPresent();
        assertThat(f.staleTimestamp().isPresent()).isEqualTo(timestamped);
    }

    @Test
    void differentSecret_doesNotVerify() {
        WebhookFixtures.Fixture f = WebhookFixtures.github("one", BODY);
        assertThatThrownBy(() -> verifier("github", "two").verify(f.valid()))
                .isInstanceOf(WebhookVerificationException.class)
                .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
                        .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void staleVariant_verifiesOnceTheClockIsBackAtItsTime() {
        WebhookFixtures.Fixture f = WebhookFixtures.stripe("whsec_x", BODY, MutableClock.at(NOW));
        WebhookVerifier atSigningTime = WebhookVerifier.builder(WebhookSchemes.stripe())
                .secret(Secret.ofUtf8("whsec_x")).clock(MutableClock.at(NOW.minus(WebhookFixtures.STALE_BY)))
                .auditSink(AuditSinks.noop()).build();
        assertThat(atSigningTime.verify(f.staleTimestamp().orElseThrow()).scheme()).isEqualTo("stripe");
    }

    @Test
    void emptyBody_andUnknownScheme() {
        WebhookFixtures.Fixture f = WebhookFixtures.shopify("s", new byte[0]);
        assertThat(verifier("shopify", "s").verify(f.valid()).body()).isEmpty();
        assertThatThrownBy(() -> WebhookFixtures.forScheme("acme", "s", BODY, MutableClock.at(NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookFixtures.standard("not-whsec", BODY, MutableClock.at(NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toString_showsNoSignature() {
        WebhookFixtures.Fixture f = WebhookFixtures.github("s", BODY);
        String sig = f.valid().header("X-Hub-Signature-256");
        assertThat(f.toString()).doesNotContain(sig).contains("github");
        assertThat(List.of(f.tampered().get(0).toString())).allMatch(s -> !s.contains(sig));
    }
}
