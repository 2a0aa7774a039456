package dev.bulwark.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.pii.PiiDetector;
import dev.bulwark.pii.PiiSpan;
import dev.bulwark.pii.PiiType;
import dev.bulwark.testkit.AuditAssertions;
import dev.bulwark.testkit.MutableClock;
import dev.bulwark.testkit.PiiArbitraries;
import dev.bulwark.testkit.TestKeys;
import dev.bulwark.testkit.TestTokens;
import dev.bulwark.testkit.WebhookFixtures;
import dev.bulwark.testkit.contracts.SessionStoreContract;
import dev.bulwark.tokens.AccessTokenClaims;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.spi.SessionStore;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookVerificationException;
import dev.bulwark.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The examples of docs/testing.md, compiled and run (keep the two in step). */
class TestingDocsExampleTest {

    // --- docs: MutableClock, TestKeys, TestTokens
    @Test
    void tokens() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        AccessTokens verifier = AccessTokens.builder().signingKeys(SigningKeys.of(TestKeys.hmac()))
                .issuer("https://id.example.com").audience("api.example.com").clock(clock)
                .withoutSessionCheck().build();
        TestTokens tokens = TestTokens.of(TestKeys.hmac(), "https://id.example.com", "api.example.com", clock);
        AccessTokenClaims alice = new AccessTokenClaims("alice", "org-1", "sid-1", Set.of("member"), Set.of());

        String token = tokens.valid(alice);
        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
        assertThatThrownBy(() -> verifier.verify(tokens.wrongAudience(alice)))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.tokenReason()).isEqualTo(TokenReason.WRONG_AUDIENCE));

        clock.advance(Duration.ofHours(2)); // no sleeping: the token is now past its lifetime
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.tokenReason()).isEqualTo(TokenReason.EXPIRED));
    }

    // --- docs: WebhookFixtures and AuditAssertions
    @Test
    void webhooks() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        InMemoryAuditSink audit = new InMemoryAuditSink();
        WebhookVerifier stripe = WebhookVerifier.builder(WebhookSchemes.stripe())
                .secret(Secret.ofUtf8("whsec_test_secret")).clock(clock).auditSink(audit).build();

        WebhookFixtures.Fixture f = WebhookFixtures.stripe("whsec_test_secret",
                "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8), clock);

        assertThat(stripe.verify(f.valid()).bodyUtf8()).contains("invoice.paid");
        for (WebhookFixtures.Tampered t : f.tampered()) {
            assertThatThrownBy(() -> stripe.verify(t.request()))
                    .isInstanceOfSatisfying(WebhookVerificationException.class,
                            e -> assertThat(e.reason()).as(t.description()).isEqualTo(t.expectedReason()));
        }
        AuditAssertions.assertThat(audit)
                .hasEvent("verify", AuditOutcome.FAILURE)
                .hasReason("TIMESTAMP_OUTSIDE_TOLERANCE")
                .containsNoText("whsec_test_secret");
    }

    // --- docs: PiiArbitraries
    @Property(tries = 200)
    void detectorFindsEveryCard(@ForAll("cardsInText") PiiArbitraries.Embedded e) {
        assertThat(PiiDetector.ofDefaults().detect(e.text()))
                .extracting(PiiSpan::type, PiiSpan::start, PiiSpan::end)
                .contains(org.assertj.core.groups.Tuple.tuple(PiiType.CREDIT_CARD, e.start(), e.end()));
    }

    @Provide
    Arbitrary<PiiArbitraries.Embedded> cardsInText() {
        return PiiArbitraries.inText(PiiArbitraries.creditCardsFormatted());
    }

    // --- docs: contract suites
    @Nested
    class MySessionStoreTest extends SessionStoreContract {
        private final SessionStore store = SessionStore.inMemory(10_000); // your implementation here

        @Override
        protected SessionStore store() {
            return store;
        }
    }
}
