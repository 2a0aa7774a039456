package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MaskerTest {

    private static final Secret KEY = Secret.ofUtf8("0123456789abcdef-test-key");
    private static final String SAMPLE = "Mail john.doe@example.com, call +1 (415) 555-2671, card 4242 4242 4242 4242,"
            + " ssn 123-45-6780, ip 10.20.30.40 / 2001:db8::7, iban DE89 3704 0044 0532 0130 00,"
            + " db postgres://app:s3cr3t@db:5432/x, key ak_live_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,"
            + " Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x";

    private static Masker with(MaskingOperator op) {
        return Masker.builder().operator(op).build();
    }

    @Test
    void redact_replacesEachValueWithItsType() {
        assertThat(Masker.ofDefaults().mask("mail john@example.com now")).isEqualTo("mail [EMAIL] now");
        String masked = Masker.ofDefaults().mask(SAMPLE);
        assertThat(masked).contains("[EMAIL]", "[PHONE]", "[CREDIT_CARD]", "[US_SSN]", "[IPV4]", "[IPV6]", "[IBAN]",
                "postgres://[URL_CREDENTIALS]@db", "[API_KEY]", "Bearer [JWT]");
    }

    @Test
    void partial_showsTheDocumentedShapes() {
        Masker m = with(MaskingOperators.partial());
        assertThat(m.mask("mail john@example.com")).isEqualTo("mail j***@example.com");
        assertThat(m.mask("card 4242 4242 4242 4242")).isEqualTo("card **** **** **** 4242");
        assertThat(m.mask("card 4242424242424242")).isEqualTo("card ************4242");
        assertThat(m.mask("ssn 123-45-6780")).isEqualTo("ssn ***-**-6780");
        assertThat(m.mask("call 415-555-2671")).isEqualTo("call ***-***-**71");
        assertThat(m.mask("ip 10.20.30.40")).isEqualTo("ip 10.*.*.*");
        assertThat(m.mask("ip 2001:db8::7")).isEqualTo("ip 2001:****");
        assertThat(m.mask("iban DE89 3704 0044 0532 0130 00")).isEqualTo("iban DE** **** **** **** **30 00");
        assertThat(m.mask("db postgres://app:s3cr3t@db/x")).isEqualTo("db postgres://app:***@db/x");
        assertThat(m.mask("t ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789")).isEqualTo("t ghp_aBcD***");
    }

    @Test
    void keepFirst8_masksTokensAfterEightCharacters() {
        Masker m = with(MaskingOperators.keepFirst(8));
        assertThat(m.mask("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x"))
                .isEqualTo("Bearer eyJhbGci***");
        assertThat(m.mask("k ak_live_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
                .isEqualTo("k ak_live_***");
        assertThat(m.mask("card 4242 4242 4242 4242")).as("cards never keep their first digits")
                .isEqualTo("card **** **** **** 4242");
        assertThat(m.mask("ip 1.2.3.4")).as("never more than half the value").isEqualTo("ip 1.2***");
    }

    @Test
    void lastFour_andTruncate() {
        assertThat(with(MaskingOperators.lastFour()).mask("mail john@example.com")).isEqualTo("mail ****@******e.com");
        assertThat(with(MaskingOperators.truncate(4)).mask("mail john@example.com")).isEqualTo("mail john\u2026");
    }

    @Test
    void keyedHash_isDeterministicPerKey_joinableAcrossFormats() {
        Masker m = with(MaskingOperators.keyedHash(KEY));
        String a = m.mask("card 4242 4242 4242 4242");
        String b = m.mask("card 4242-4242-4242-4242");
        assertThat(a).isEqualTo(b).matches("card \\[CREDIT_CARD_[0-9a-f]{16}]");
        assertThat(m.mask("JOHN@example.com")).isEqualTo(m.mask("john@EXAMPLE.com"));
        Masker other = with(MaskingOperators.keyedHash(Secret.ofUtf8("another-key-of-16-bytes")));
        assertThat(other.mask("card 4242 4242 4242 4242")).isNotEqualTo(a);
        assertThat(MaskingOperators.keyedHash(KEY).toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void keyedHash_rejectsShortOrMissingKey() {
        assertThatThrownBy(() -> MaskingOperators.keyedHash(Secret.ofUtf8("short")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> MaskingOperators.keyedHash(null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> MaskingOperators.keepFirst(0)).isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @EnumSource(MaskOperator.class)
    void everyOperator_isIdempotent_andRemovesEveryDetectedValue(MaskOperator op) {
        Masker m = with(MaskingOperators.of(op, KEY));
        List<PiiSpan> spans = m.detector().detect(SAMPLE);
        assertThat(spans).hasSize(10);
        String once = m.mask(SAMPLE);
        for (PiiSpan s : spans) {
            assertThat(once).doesNotContain(s.text(SAMPLE));
        }
        assertThat(m.mask(once)).isEqualTo(once);
        assertThat(m.detector().detect(once)).isEmpty();
    }

    @Test
    void perTypeOperators_apply() {
        Masker m = Masker.builder().operator(MaskingOperators.redact())
                .operator(PiiType.EMAIL, MaskingOperators.partial()).build();
        assertThat(m.mask("a john@example.com 10.0.0.1")).isEqualTo("a j***@example.com [IPV4]");
    }

    @Test
    void leakingCustomOperator_isOverriddenByRedaction() {
        Masker m = with((type, value) -> "<" + value + ">");
        assertThat(m.mask("mail john@example.com")).isEqualTo("mail [EMAIL]");
        Masker digitsLeak = with((type, value) -> value.replace(' ', '_'));
        assertThat(digitsLeak.mask("card 4242 4242 4242 4242")).isEqualTo("card [CREDIT_CARD]");
        Masker throwing = with((type, value) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(throwing.mask("mail john@example.com")).isEqualTo("mail [EMAIL]");
    }

    @Test
    void maskWithSpans_rejectsOverlapOrOutOfBounds() {
        PiiSpan a = new PiiSpan(PiiType.EMAIL, 0, 5, 0.9);
        PiiSpan b = new PiiSpan(PiiType.EMAIL, 3, 8, 0.9);
        assertThatThrownBy(() -> Masker.ofDefaults().mask("0123456789", List.of(a, b)))
                .isInstanceOf(PiiException.class)
                .satisfies(e -> assertThat(((PiiException) e).reason()).isEqualTo(PiiReason.INVALID_SPANS));
        assertThatThrownBy(() -> Masker.ofDefaults().mask("0123", List.of(b))).isInstanceOf(PiiException.class);
        assertThat(Masker.ofDefaults().mask("0123456789", List.of(new PiiSpan(PiiType.PHONE, 6, 8, 0.5),
                new PiiSpan(PiiType.EMAIL, 0, 2, 0.5)))).isEqualTo("[EMAIL]2345[PHONE]89");
    }

    @Test
    void maskDetailed_returnsFindings() {
        Masker.MaskedText mt = Masker.ofDefaults().maskDetailed("x john@example.com");
        assertThat(mt.text()).isEqualTo("x [EMAIL]");
        assertThat(mt.findings()).extracting(PiiSpan::type).containsExactly(PiiType.EMAIL);
    }
}
