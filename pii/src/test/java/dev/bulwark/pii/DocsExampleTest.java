package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.pii.jackson.PiiJacksonModule;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The usage example of docs/pii.md, kept compiling and true. */
class DocsExampleTest {

    @Test
    void docsExample() throws Exception {
        // detect
        PiiDetector detector = PiiDetector.ofDefaults();
        List<PiiSpan> spans = detector.detect("Contact: john.doe@example.com, card 4242 4242 4242 4242");
        // -> [EMAIL 9..29 0.99, CREDIT_CARD 36..55 0.99]

        // mask: redact by default, partial for e-mails, keyed hash for cards (joinable, not reversible)
        Secret hashKey = Secret.ofBase64("c2l4dGVlbi1ieXRlcy1vZi1rZXktbWF0ZXJpYWwhIQ==");
        Masker masker = Masker.builder()
                .operator(MaskingOperators.redact())
                .operator(PiiType.EMAIL, MaskingOperators.partial())
                .operator(PiiType.CREDIT_CARD, MaskingOperators.keyedHash(hashKey))
                .build();
        String safe = masker.mask("Contact: john.doe@example.com, card 4242 4242 4242 4242");
        // -> "Contact: j***@example.com, card [CREDIT_CARD_1f0c...]"

        // logs (any back end); Logback users configure MaskingPatternLayout instead
        String line = LogMasking.mask("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln");
        // -> "Authorization: Bearer eyJhbGci***"

        // sanitising pipeline: DESIGN.md's gates, office hours only, audit to SLF4J
        SanitizePipeline pipeline = SanitizePipeline.standard(hashKey)
                .replace(SanitizeGates.TIME_WINDOW, SanitizeGates.timeWindow(LocalTime.of(8, 0),
                        LocalTime.of(19, 0), ZoneId.of("Europe/Paris")))
                .clock(Clock.systemUTC())
                .auditSink(AuditSinks.slf4j())
                .build();
        SanitizeResult result = pipeline.process(SanitizeItem.of("slack", "DM with Jane", "my ssn is 123-45-6780")
                .withCapturedAt(java.time.Instant.parse("2026-03-02T10:00:00Z")));
        // result.accepted() -> true, result.item().text() -> "my ssn is [US_SSN]"

        // JSON: @Sensitive fields masked on serialisation
        ObjectMapper mapper = new ObjectMapper().registerModule(PiiJacksonModule.withHashKey(hashKey));

        assertThat(spans).extracting(PiiSpan::type).containsExactly(PiiType.EMAIL, PiiType.CREDIT_CARD);
        assertThat(spans.get(0).start()).isEqualTo(9);
        assertThat(spans.get(1).start()).isEqualTo(36);
        assertThat(safe).startsWith("Contact: j***@example.com, card [CREDIT_CARD_");
        assertThat(line).isEqualTo("Authorization: Bearer eyJhbGci***");
        assertThat(result.accepted()).isTrue();
        assertThat(result.item().text()).isEqualTo("my ssn is [US_SSN]");
        assertThat(mapper.writeValueAsString(new JacksonMaskingTest.Customer())).contains("j***@example.com");
    }
}
