package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    private final PiiDetector detector = PiiDetector.ofDefaults();

    private String found(String text) {
        return detector.detect(text).stream().map(s -> s.type() + "=" + s.text(text))
                .collect(Collectors.joining("|"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "mail john.doe@example.com now; EMAIL=john.doe@example.com",
        "<Jane.O-Brien+news@mail.example.co.uk>; EMAIL=Jane.O-Brien+news@mail.example.co.uk",
        "end of sentence a.b@example.org.; EMAIL=a.b@example.org",
        "mailto:x_y@sub.example.io?subject=hi; EMAIL=x_y@sub.example.io",
        "call +1 (415) 555-2671 today; PHONE=+1 (415) 555-2671",
        "call +1-415-555-2671; PHONE=+1-415-555-2671",
        "office (415) 555-2671; PHONE=(415) 555-2671",
        "office 415-555-2671; PHONE=415-555-2671",
        "office 415.555.2671; PHONE=415.555.2671",
        "toll free 1-800-555-0199; PHONE=1-800-555-0199",
        "toll free 1 (800) 555-0199; PHONE=1 (800) 555-0199",
        "jp +81-3-1234-5678; PHONE=+81-3-1234-5678",
        "br +55 11 91234-5678; PHONE=+55 11 91234-5678",
        "ie +353 1 234 5678; PHONE=+353 1 234 5678",
        "ru +7 495 123-45-67; PHONE=+7 495 123-45-67",
        "us (415)555-2671; PHONE=(415)555-2671",
        "us 415 555 2671; PHONE=415 555 2671",
        "fictional 555-123-4567; PHONE=555-123-4567",
        "fictional (555) 123-4567; PHONE=(555) 123-4567",
        "mail john.o'reilly@example.com; EMAIL=john.o'reilly@example.com",
        "quoted 'ann@example.com'; EMAIL=ann@example.com",
        "uk +44 20 7946 0958; PHONE=+44 20 7946 0958",
        "uk +44 (0) 20 7946 0958; PHONE=+44 (0) 20 7946 0958",
        "uk 020 7946 0958; PHONE=020 7946 0958",
        "fr +33 1 23 45 67 89; PHONE=+33 1 23 45 67 89",
        "de +49 30 12345678; PHONE=+49 30 12345678",
        "in +91 98765 43210; PHONE=+91 98765 43210",
        "e164 +14155552671; PHONE=+14155552671",
        "phone: 4155552671; PHONE=4155552671",
        "card 4242 4242 4242 4242 exp 12/27; CREDIT_CARD=4242 4242 4242 4242",
        "card 4242-4242-4242-4242; CREDIT_CARD=4242-4242-4242-4242",
        "amex 3782 822463 10005; CREDIT_CARD=3782 822463 10005",
        "card=5555555555554444,; CREDIT_CARD=5555555555554444",
        "ssn 123-45-6780; US_SSN=123-45-6780",
        "SSN: 078051121; US_SSN=078051121",
        "host 10.0.0.1:8080; IPV4=10.0.0.1",
        "from 192.168.1.254.; IPV4=192.168.1.254",
        "GET http://10.1.2.3:8080/health; IPV4=10.1.2.3",
        "range 10.0.0.0-10.0.0.255 ok; IPV4=10.0.0.0|IPV4=10.0.0.255",
        "addr 2001:db8::1; IPV6=2001:db8::1",
        "addr [2001:0db8:0000:0000:0000:ff00:0042:8329]:443; IPV6=2001:0db8:0000:0000:0000:ff00:0042:8329",
        "loopback ::1 and more; IPV6=::1",
        "mapped ::ffff:192.0.2.128 ok; IPV6=::ffff:192.0.2.128",
        "link fe80::1%eth0; IPV6=fe80::1",
        "iban DE89 3704 0044 0532 0130 00; IBAN=DE89 3704 0044 0532 0130 00",
        "iban GB82WEST12345698765432.; IBAN=GB82WEST12345698765432",
        "db postgres://app:s3cr3t@db.internal:5432/app; URL_CREDENTIALS=app:s3cr3t",
        "redis redis://:pa55word@cache:6379; URL_CREDENTIALS=:pa55word",
        "aws AKIAIOSFODNN7EXAMPLE; API_KEY=AKIAIOSFODNN7EXAMPLE",
        "gh ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789; API_KEY=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
        "stripe sk_live_51HxYzAbCdEfGhIjKlMn; API_KEY=sk_live_51HxYzAbCdEfGhIjKlMn",
        "stripe rk_live_51HxYzAbCdEfGhIjKlMn; API_KEY=rk_live_51HxYzAbCdEfGhIjKlMn",
        "slack xoxb-123456789012-abcdefABCDEF; API_KEY=xoxb-123456789012-abcdefABCDEF",
        "hook whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; API_KEY=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "ours ak_live_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef; API_KEY=ak_live_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "Authorization: Bearer abcdefghijklmnop1234_-.~+/=; BEARER_TOKEN=abcdefghijklmnop1234_-.~+/=",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x.; JWT=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x; JWT=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x",
    })
    void detect_positive_findsExactlyTheValue(String text, String expected) {
        assertThat(found(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "released v10.0.0.1 today", "version 1.2.3.4 is out", "semver 2.14.3", "build 1.2.3.4.5",
        "ip 256.1.1.1", "ip 01.2.3.4", "date 2024-01-15 12:30:45", "at 12:30:45.123Z",
        "amount $1,234.56 and EUR 1.234,56", "order #123456789", "order ORD-2024-000123",
        "uuid 550e8400-e29b-41d4-a716-446655440000", "card 4242 4242 4242 4241", "number 1234567812345678",
        "ssn 666-12-3456", "ssn 000-12-3456", "ssn 900-12-3456", "ssn 123-00-4567", "ssn 123-45-0000",
        "ssn 123-45-6789", "zip 94105-1234", "isbn 978-3-16-148410-0", "icon@2x.png", "user@localhost",
        "mac 00:1a:2b:3c:4d:5e", "std::vector<int>", "C::m", "iban DE89 3704 0044 0532 0130 01",
        "iban XX89 3704 0044 0532 0130 00", "ts 1705312345678", "phone 123-456-7890", "bearer realm=\"api\"",
        "Bearer abcdefgh***", "eyJub3QiOiJqd3QifQ.eyJ4IjoxfQ.sig", "sk_live_***", "AKIAIOSFODNN7EXAMPL",
        "dates 01-02-2024 and 15/01/2024", "ratio 3.14159265358979", "sha 9f86d081884c7d659a2feaa0c55ad015",
        "tracking 1Z999AA10123456784", "npm lib@1.2.3.4", "usps 9400 1000 0000 0000 0000 00", "4242 4242 4242 4242 4242", "temp -40.5 and +5", "addr 10.0.0.255x",
    })
    void detect_negative_findsNothing(String text) {
        assertThat(detector.detect(text).stream().map(s -> s.type() + "=" + s.text(text)).toList()).isEmpty();
    }

    @Test
    void detect_privateKeyBlock_coversWholeBlock() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGe\n"
                + "-----END RSA PRIVATE KEY-----";
        String text = "key: " + key + " done";
        List<PiiSpan> spans = detector.detect(text);
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).type()).isEqualTo(PiiType.PRIVATE_KEY);
        assertThat(spans.get(0).text(text)).isEqualTo(key);
    }

    @Test
    void detect_privateKeyWithoutEnd_coversHeaderAndBody() {
        String text = "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\nAAAAbm9uZQ truncated";
        List<PiiSpan> spans = detector.detect(text);
        assertThat(spans).extracting(PiiSpan::type).containsExactly(PiiType.PRIVATE_KEY);
        assertThat(spans.get(0).text(text)).startsWith("-----BEGIN OPENSSH").contains("AAAAbm9uZQ");
    }

    @Test
    void detect_publicKeyAndCertificate_areNotPrivateKeys() {
        assertThat(detector.detect("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n"
                + "-----END PUBLIC KEY-----")).isEmpty();
    }

    @Test
    void detect_urlCredentials_winOverTheEmailLookingTail() {
        String text = "https://admin:hunter2@example.com/x";
        assertThat(found(text)).isEqualTo("URL_CREDENTIALS=admin:hunter2");
    }

    @Test
    void detect_spansSortedNonOverlappingWithinBounds() {
        String text = "a@b.co +1 415 555 2671, 4111111111111111 10.1.2.3 2001:db8::2 DE89370400440532013000";
        List<PiiSpan> spans = detector.detect(text);
        assertThat(spans).extracting(PiiSpan::type).containsExactly(PiiType.EMAIL, PiiType.PHONE,
                PiiType.CREDIT_CARD, PiiType.IPV4, PiiType.IPV6, PiiType.IBAN);
        for (int k = 1; k < spans.size(); k++) {
            assertThat(spans.get(k).start()).isGreaterThanOrEqualTo(spans.get(k - 1).end());
        }
        assertThat(spans.get(spans.size() - 1).end()).isLessThanOrEqualTo(text.length());
    }

    @Test
    void detect_confidence_isRaisedByContextWords() {
        double without = detector.detect("reach 415-555-2671 soon").get(0).confidence();
        double with = detector.detect("phone: 415-555-2671 soon").get(0).confidence();
        assertThat(with).isGreaterThan(without);
        assertThat(detector.detect("id 4155552671 soon")).isEmpty();
        assertThat(detector.detect("tel 4155552671 soon")).extracting(PiiSpan::type).containsExactly(PiiType.PHONE);
    }

    @Test
    void builder_contextWordsConfigurablePerType() {
        PiiDetector d = PiiDetector.builder().contextWords(PiiType.PHONE, List.of("kontakt")).build();
        assertThat(d.detect("kontakt 4155552671")).hasSize(1);
        assertThat(d.detect("phone 4155552671")).isEmpty();
    }

    @Test
    void builder_typesRestrictDetection() {
        PiiDetector emailsOnly = PiiDetector.builder().types(PiiType.EMAIL).build();
        assertThat(emailsOnly.detect("a@example.com 4111111111111111")).extracting(PiiSpan::type)
                .containsExactly(PiiType.EMAIL);
        assertThat(emailsOnly.types()).containsExactly(PiiType.EMAIL);
    }

    @Test
    void builder_rejectsBadSettings() {
        assertThatThrownBy(() -> PiiDetector.builder().minConfidence(1.5).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("minConfidence");
        assertThatThrownBy(() -> PiiDetector.builder().types(List.of()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("types");
        assertThatThrownBy(() -> PiiDetector.builder().maxInputLength(0).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> PiiDetector.builder().contextWindow(1000).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void detect_tooLargeOrNull_typedError() {
        PiiDetector small = PiiDetector.builder().maxInputLength(10).build();
        assertThatThrownBy(() -> small.detect("x".repeat(11))).isInstanceOf(PiiException.class)
                .satisfies(e -> assertThat(((PiiException) e).reason()).isEqualTo(PiiReason.INPUT_TOO_LARGE))
                .hasMessageNotContaining("xxxx");
        assertThatThrownBy(() -> detector.detect(null)).isInstanceOf(PiiException.class)
                .satisfies(e -> assertThat(((PiiException) e).reason()).isEqualTo(PiiReason.MISSING_INPUT));
    }

    @Test
    void parseTypes_acceptsNamesCaseInsensitive_rejectsUnknown() {
        assertThat(PiiDetector.parseTypes("email, Phone,credit-card")).containsExactlyInAnyOrder(PiiType.EMAIL,
                PiiType.PHONE, PiiType.CREDIT_CARD);
        assertThatThrownBy(() -> PiiDetector.parseTypes("email,passport")).isInstanceOf(PiiException.class)
                .hasMessageContaining("passport")
                .satisfies(e -> assertThat(((PiiException) e).reason()).isEqualTo(PiiReason.UNKNOWN_TYPE));
    }

    @Test
    void span_toStringShowsNoText() {
        String text = "mail john@example.com";
        PiiSpan s = detector.detect(text).get(0);
        assertThat(s.toString()).doesNotContain("john");
        assertThat(s.length()).isEqualTo(16);
    }
}
