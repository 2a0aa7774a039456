package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookVerificationException;
import dev.bulwark.webhooks.WebhookVerifier;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** For any body, secret and time, each scheme's fixture verifies and each tampered variant is rejected. */
class WebhookFixturesPropertiesTest {

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of(WebhookSchemes.NAMES);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
    }

    @Property(tries = 300)
    void anyBodySecretAndTime_validVerifies_everyVariantRejected(@ForAll("schemes") String scheme,
            @ForAll("secrets") String rawSecret, @ForAll @Size(max = 300) byte[] body,
            @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long epochSecond) {
        String secret = scheme.equals("standard")
                ? "whsec_" + Base64.getEncoder().encodeToString(rawSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : rawSecret;
        MutableClock clock = MutableClock.at(Instant.ofEpochSecond(epochSecond));
        WebhookFixtures.Fixture f = WebhookFixtures.forScheme(scheme, secret, body, clock);
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.byName(scheme)).secret(Secret.ofUtf8(secret))
                .clock(clock).auditSink(AuditSinks.noop()).build();
        assertThat(v.verify(f.valid()).body()).isEqualTo(body);
        for (WebhookFixtures.Tampered t : f.tampered()) {
            assertThatThrownBy(() -> v.verify(t.request())).as(scheme + ": " + t.description())
                    .isInstanceOfSatisfying(WebhookVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(t.expectedReason()));
        }
    }

    @Property(tries = 200)
    void twilioForm_anyParameters(@ForAll("secrets") String token,
            @ForAll @Size(min = 1, max = 5) Map<@net.jqwik.api.constraints.AlphaChars @net.jqwik.api.constraints.NotEmpty String, String> params) {
        WebhookFixtures.Fixture f = WebhookFixtures.twilioForm(token, "https://example.com/voice?step=1", params);
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.twilio()).secret(Secret.ofUtf8(token))
                .auditSink(AuditSinks.noop()).build();
        assertThat(v.verify(f.valid()).scheme()).isEqualTo("twilio");
        for (WebhookFixtures.Tampered t : f.tampered()) {
            assertThatThrownBy(() -> v.verify(t.request())).as(t.description())
                    .isInstanceOfSatisfying(WebhookVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(t.expectedReason()));
        }
    }
}
