package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.pii.PiiDetector;
import dev.bulwark.pii.PiiSpan;
import dev.bulwark.pii.PiiType;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Every generated value is found by the real PiiDetector, with the right type, exactly where it was put. */
class PiiArbitrariesTest {

    private static final PiiDetector DETECTOR = PiiDetector.ofDefaults();

    private static void assertFoundExactly(PiiArbitraries.Embedded e, PiiType type) {
        List<PiiSpan> spans = DETECTOR.detect(e.text());
        assertThat(spans).as("in \"%s\"", e.text())
                .contains(new PiiSpan(type, e.start(), e.end(), spans.stream()
                        .filter(s -> s.start() == e.start() && s.end() == e.end()).map(PiiSpan::confidence)
                        .findFirst().orElse(-1.0)));
        assertThat(spans).as("only the value in \"%s\"", e.text()).hasSize(1);
    }

    @Provide
    Arbitrary<PiiArbitraries.Embedded> cards() {
        return PiiArbitraries.inText(PiiArbitraries.creditCardsFormatted());
    }

    @Provide
    Arbitrary<PiiArbitraries.Embedded> ssns() {
        return PiiArbitraries.inText(PiiArbitraries.usSsns());
    }

    @Provide
    Arbitrary<PiiArbitraries.Embedded> ibans() {
        return PiiArbitraries.inText(PiiArbitraries.ibansFormatted());
    }

    @Provide
    Arbitrary<PiiArbitraries.Embedded> emails() {
        return PiiArbitraries.inText(PiiArbitraries.emails());
    }

    @Provide
    Arbitrary<PiiArbitraries.Embedded> phones() {
        return PiiArbitraries.inText(PiiArbitraries.phones());
    }

    @Property(tries = 500)
    void creditCards_foundAsCreditCard(@ForAll("cards") PiiArbitraries.Embedded e) {
        assertFoundExactly(e, PiiType.CREDIT_CARD);
    }

    @Property(tries = 500)
    void usSsns_foundAsUsSsn(@ForAll("ssns") PiiArbitraries.Embedded e) {
        assertFoundExactly(e, PiiType.US_SSN);
    }

    @Property(tries = 500)
    void ibans_foundAsIban(@ForAll("ibans") PiiArbitraries.Embedded e) {
        assertFoundExactly(e, PiiType.IBAN);
    }

    @Property(tries = 500)
    void emails_foundAsEmail(@ForAll("emails") PiiArbitraries.Embedded e) {
        assertFoundExactly(e, PiiType.EMAIL);
    }

    @Property(tries = 500)
    void phones_foundAsPhone(@ForAll("phones") PiiArbitraries.Embedded e) {
        assertFoundExactly(e, PiiType.PHONE);
    }

    @Property(tries = 300)
    void creditCards_luhnValid_issuerLength(@ForAll("rawCards") String card) {
        assertThat(card).matches("[0-9]{13,19}");
        int sum = 0;
        for (int i = 0; i < card.length(); i++) {
            int d = card.charAt(card.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        assertThat(sum % 10).isZero();
        if (card.startsWith("34") || card.startsWith("37")) {
            assertThat(card).hasSize(15);
        }
    }

    @Provide
    Arbitrary<String> rawCards() {
        return PiiArbitraries.creditCards();
    }

    @Property(tries = 300)
    void ibans_mod97IsOne(@ForAll("rawIbans") String iban) {
        assertThat(PiiArbitraries.mod97(iban.substring(4) + iban.substring(0, 4))).isEqualTo(1);
    }

    @Provide
    Arbitrary<String> rawIbans() {
        return PiiArbitraries.ibans();
    }

    @Property(tries = 300)
    void ssns_neverReserved(@ForAll("rawSsns") String ssn) {
        int area = Integer.parseInt(ssn.substring(0, 3));
        assertThat(area).isBetween(1, 899).isNotEqualTo(666);
        assertThat(ssn.substring(4, 6)).isNotEqualTo("00");
        assertThat(ssn.substring(7)).isNotEqualTo("0000");
    }

    @Provide
    Arbitrary<String> rawSsns() {
        return PiiArbitraries.usSsns();
    }

    @Property(tries = 50)
    void luhnCheckDigit_oneChangedDigitBreaksIt(@ForAll("rawCards") String card, @ForAll @IntRange(max = 12) int i) {
        char[] c = card.toCharArray();
        c[i] = (char) ('0' + (c[i] - '0' + 1) % 10);
        String changed = new String(c);
        assertThat(PiiArbitraries.luhnCheckDigit(changed.substring(0, changed.length() - 1)))
                .isNotEqualTo(changed.charAt(changed.length() - 1) - '0');
    }

    @Test
    void knownVectors() {
        assertThat(PiiArbitraries.luhnCheckDigit("411111111111111")).isEqualTo(1); // 4111 1111 1111 1111
        assertThat(PiiArbitraries.mod97("370400440532013000DE89")).isEqualTo(1); // DE89 3704 0044 0532 0130 00
        assertThatThrownBy(() -> PiiArbitraries.luhnCheckDigit("12a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PiiArbitraries.Embedded("abc", 0, 2, "bc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
