package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regressions found by {@link IndependentCorpusTest}: a value followed by a comma and the next field of a CSV
 * row was dropped (the comma was read as a thousands or decimal separator), and a 00-prefixed 4-4-4-4 digit
 * layout was reported as a phone number, and an SSN or card glued to its label by {@code #}
 * ({@code SSN#123-45-6789}) was not reported; a prefix of a too-long "IBAN" with letters where its country's
 * BBAN has none passed; the context word of an XML closing tag ({@code </ssn>}) raised the next field; User-Agent product versions
 * ({@code Chrome/120.0.0.0}), {@code OID 2.5.4.3} and {@code §4.1.2.3} were IPv4 addresses, and
 * {@code verified 10.0.0.1} was not (read as the version word {@code ver}); a context word raised the bare
 * digits of the next, differently labelled field ({@code SSN: 419296712, routing 078616378}); a too-long
 * printed IBAN of a country whose length ends on a full group passed on a prefix; digits after the bank code
 * of an IBAN-like run ({@code GB39 IQJQ 4277 …}) were a card; URL credentials ran through brackets into the next
 * CSV field and hid an IPv4 address and an e-mail.
 */
class DetectorBoundaryRegressionTest {

    private final PiiDetector detector = PiiDetector.ofDefaults();

    private String found(String text) {
        return detector.detect(text).stream().map(s -> s.type() + "=" + s.text(text))
                .collect(Collectors.joining("|"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        // a value, a comma, and a further field that starts with a digit
        "7,Jane Doe,4111111111111111,30089348084689; CREDIT_CARD=4111111111111111|CREDIT_CARD=30089348084689",
        "7,Jane Doe,5430-0009-3057-8488,203.0.113.244; CREDIT_CARD=5430-0009-3057-8488|IPV4=203.0.113.244",
        "7,Li Khan,558 37 0647,2A00:1450:4001:76::200E; US_SSN=558 37 0647|IPV6=2A00:1450:4001:76::200E",
        "7,Li Khan,821-10-4560,19.01.2024; US_SSN=821-10-4560",
        "7,Li Khan,+1 685 690 3106,09:10:28; PHONE=+1 685 690 3106",
        "7,Li Khan,+34 699 390 670,3004 565701 1986; PHONE=+34 699 390 670|CREDIT_CARD=3004 565701 1986",
        "7,Li Khan,(292) 636-4525,192.0.2.96; PHONE=(292) 636-4525|IPV4=192.0.2.96",
        "7,Li Khan,030 3477791,20:39:52; PHONE=030 3477791",
        "7,Li Khan,6454-9520-1604-1436,64:ff9b::172.22.171.39; CREDIT_CARD=6454-9520-1604-1436|IPV6=64:ff9b::172.22.171.39",
        "x,ssn=337822392,64:ff9b::198.51.100.163; US_SSN=337822392|IPV6=64:ff9b::198.51.100.163",
        "7,Li Khan,4012-4150-3826-5821,13:09:58; CREDIT_CARD=4012-4150-3826-5821",
        "7,Li Khan,5247599791550570,28/09/2026; CREDIT_CARD=5247599791550570",
        // a comma that continues an amount still ends nothing
        "paid USD 4155552671,00 today; ''",
        "total 4,155,552,671.00 due; ''",
        "total 415-555-2671,123,456 due; ''",
        "total 4111111111111111,25 EUR; ''",
        // 00 + 14 digits in four groups of four: a card or account layout, not a phone number
        "| List::of | 0041 4455 0387 1260 |; ''",
        "call 0041 44 668 18 00 now; PHONE=0041 44 668 18 00",
        "call 0044 20 7946 0958 now; PHONE=0044 20 7946 0958",
        // a label glued to the value by '#'
        "SSN#123-45-6780 on file; US_SSN=123-45-6780",
        "ssn#123456780 on file; US_SSN=123456780",
        "paid with card#4111111111111111 today; CREDIT_CARD=4111111111111111",
        "ref #4111111111111111 and issue #123-45-6780; ''",
        "acct#4111111111111112 (Luhn fails); ''",
        // a letter in the BBAN of a country whose registry format is digits only: not an IBAN of it, even when
        // a prefix at a group boundary happens to pass mod-97
        "ref XK96 MOFK 6942 7054 7437 73 old; ''",
        "ref DE9037040044053201AB00 old; ''",
        "IBAN DE89 3704 0044 0532 0130 00 ok; IBAN=DE89 3704 0044 0532 0130 00",
        "IBAN GB29 NWBK 6016 1331 9268 19 ok; IBAN=GB29 NWBK 6016 1331 9268 19",
        // the context word of a closing tag belongs to the value before it
        "<ssn>829-78-3139</ssn><trace>routing 056482704</trace>; US_SSN=829-78-3139",
        "<note>ssn 056482704</note>; US_SSN=056482704",
        // product versions, OIDs and section numbers are not addresses; words that merely start like a version
        // word do not hide one
        "Mozilla/5.0 (X11 Linux x86_64) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0; ''",
        "(Chrome/120.0.0.0); ''",
        "GET /api/hosts/10.0.0.1/status; IPV4=10.0.0.1",
        "http://10.0.0.1/ and //10.0.0.2; IPV4=10.0.0.1|IPV4=10.0.0.2",
        "OID 2.5.4.3 (commonName); ''",
        "see §4.1.2.3; ''",
        "verified 10.0.0.1; IPV4=10.0.0.1",
        "verbose 10.0.0.1; IPV4=10.0.0.1",
        "ver 1.2.3.4 and build 10.0.0.1; ''",
        "<oid>2.16.840.1.101</oid><host>172.27.57.191</host>; IPV4=172.27.57.191",
        "build 42 from 10.0.0.1; IPV4=10.0.0.1",
        // a longer grouped run is not an IBAN of a country whose length ends on a full group
        "ref AT45 4883 3773 6194 8112 9 x; ''",
        "ref XK97 0896 9365 2113 3955 7032; ''",
        "IBAN AT61 1904 3002 3457 3201 EUR 100; IBAN=AT61 1904 3002 3457 3201",
        "IBAN AT611904300234573201 9; IBAN=AT611904300234573201",
        // digits after the bank code of an IBAN-like run are not a card
        "ref=\"GB39 IQJQ 4277 4336 5506 5\" pan; ''",
        "PAN:3709 189580 27455,85-F9-AA-80-BD-05; CREDIT_CARD=3709 189580 27455",
        "card 4277 4336 5506 5; CREDIT_CARD=4277 4336 5506 5",
        // brackets end a URL's authority before any '@': no user:password spanning the next CSV field
        "9,https://10.150.129.226,[mail](mailto:m.silva@example.com); IPV4=10.150.129.226|EMAIL=m.silva@example.com",
        "db postgres://app:s3cret@db.example.com:5432/app; URL_CREDENTIALS=app:s3cret",
        "db http://u:pw@[2001:db8::1]:8080/; URL_CREDENTIALS=u:pw|IPV6=2001:db8::1",
        // a context word labels its own value, not the next labelled one
        "SS#: 419296712, routing 078616378; US_SSN=419296712",
        "ssn 419296712 and ssn 078616378; US_SSN=419296712|US_SSN=078616378",
        "phone: 4155552671, 6505550123; PHONE=4155552671|PHONE=6505550123",
    })
    void boundaries(String text, String expected) {
        assertThat(found(text)).isEqualTo(expected);
    }
}
