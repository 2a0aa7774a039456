package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.spi.TotpStateStore;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtpauthUriTest {

    /** 160-bit secret "12345678901234567890" of RFC 6238 appendix B, base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static TokenException rejected(String uri) {
        try {
            OtpauthUri.parse(uri);
        } catch (TokenException e) {
            return e;
        }
        throw new AssertionError("accepted: " + uri);
    }

    @Test
    void parsesEveryParameter_andTheImportedSecretProducesTheRfc6238Codes() {
        OtpauthUri u = OtpauthUri.parse("otpauth://totp/ACME%20Co:alice%40example.com?secret=" + RFC_SECRET
                + "&issuer=ACME%20Co&algorithm=SHA1&digits=8&period=30&image=https%3A%2F%2Fexample.com%2Fx.png");
        assertThat(u.issuer()).isEqualTo("ACME Co");
        assertThat(u.account()).isEqualTo("alice@example.com");
        assertThat(u.algorithm()).isEqualTo(Totp.Algorithm.SHA1);
        assertThat(u.digits()).isEqualTo(8);
        assertThat(u.period()).isEqualTo(Duration.ofSeconds(30));
        // RFC 6238 appendix B, T = 59 s, SHA1: 94287082
        TestClock clock = new TestClock(Instant.ofEpochSecond(59));
        Totp totp = u.applyTo(Totp.builder()).clock(clock).store(TotpStateStore.inMemory(10)).build();
        assertThat(totp.currentCode(u.secret())).isEqualTo("94287082");
    }

    @Test
    void defaults_areSha1SixDigitsThirtySeconds_andIssuerComesFromTheLabel() {
        OtpauthUri u = OtpauthUri.parse("otpauth://totp/Example:bob?secret=" + RFC_SECRET.toLowerCase());
        assertThat(u.issuer()).isEqualTo("Example");
        assertThat(u.account()).isEqualTo("bob");
        assertThat(u.algorithm()).isEqualTo(Totp.Algorithm.SHA1);
        assertThat(u.digits()).isEqualTo(6);
        assertThat(u.period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(OtpauthUri.parse("otpauth://totp/bob?secret=" + RFC_SECRET).issuer()).isNull();
        // labels are percent-encoded UTF-8, supplementary characters included; unencoded UTF-8 is taken as is
        assertThat(OtpauthUri.parse("otpauth://totp/%F0%9F%98%80:b%C3%B6b?secret=" + RFC_SECRET).account()).isEqualTo("böb");
        assertThat(OtpauthUri.parse("otpauth://totp/\uD83D\uDE00:böb?secret=" + RFC_SECRET).issuer()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void paddedBase32Secret_isAccepted() {
        // 20 bytes = 32 base32 characters, no padding needed; 16 bytes = 26 characters + 6 '='
        String padded = com.google.common.io.BaseEncoding.base32().encode(new byte[16]);
        assertThat(padded).endsWith("======");
        assertThat(OtpauthUri.parse("otpauth://totp/a?secret=" + padded).secret().length()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hotp is refused                 | otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=1",
        "wrong scheme                    | https://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "no label                        | otpauth://totp",
        "empty account                   | otpauth://totp/Issuer:?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "empty issuer prefix             | otpauth://totp/:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "missing secret                  | otpauth://totp/a?issuer=x",
        "80-bit secret (below RFC 4226)  | otpauth://totp/a?secret=JBSWY3DPEHPK3PXP",
        "not base32                      | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",
        "padding in the middle           | otpauth://totp/a?secret=GEZDGNBV=GY3TQOJQGEZDGNBVGY3TQOJQ",
        "duplicate secret                | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "duplicate digits (case)         | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=6&DIGITS=8",
        "unknown algorithm               | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=MD5",
        "digits 5                        | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=5",
        "digits 9                        | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=9",
        "digits not a number             | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=six",
        "period 10                       | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=10",
        "period huge                     | otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=99999999999",
        "issuer mismatch                 | otpauth://totp/Good:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Evil",
        "empty issuer parameter          | otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=",
        "truncated escape                | otpauth://totp/bob%4?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "bad escape                      | otpauth://totp/bob%zz?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "escape not UTF-8                | otpauth://totp/bob%C3?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "fragment                        | otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ#x",
    })
    void malformedUris_areRejectedWithMalformed_andTheMessageNeverEchoesTheSecret(String name, String uri) {
        TokenException e = rejected(uri);
        assertThat(e.tokenReason()).as(name).isEqualTo(TokenReason.MALFORMED);
        assertThat(e.getMessage()).as(name).startsWith("otpauth URI: ")
                .doesNotContain("GEZDGNBV").doesNotContain("JBSWY3DP");
    }

    @Test
    void nullEmptyAndOverlongInput_areTypedRejections() {
        assertThat(rejected(null).tokenReason()).isEqualTo(TokenReason.MALFORMED);
        assertThat(rejected("").tokenReason()).isEqualTo(TokenReason.MALFORMED);
        assertThat(rejected("otpauth://totp/a?secret=" + RFC_SECRET + "&image=" + "x".repeat(OtpauthUri.MAX_LENGTH))
                .getMessage()).contains("longer than");
    }

    /** Found by Jazzer: a non-ASCII character before an ASCII one overflowed the percent-decoding buffer. */
    @Test
    void unencodedNonAsciiFollowedByAsciiAndAnEscape_decodes() {
        // six 2-byte characters, then an escape and ASCII: more UTF-8 bytes than the label has characters
        OtpauthUri u = OtpauthUri.parse("otpauth://totp/éééééé%20bob?secret=" + RFC_SECRET);
        assertThat(u.account()).isEqualTo("éééééé bob");
        assertThat(rejected("otpauth://totp/\uFFFDZZ%Ð?secret=" + RFC_SECRET).tokenReason())
                .isEqualTo(TokenReason.MALFORMED);
    }

    @Test
    void toString_neverShowsTheSecret() {
        OtpauthUri u = OtpauthUri.parse("otpauth://totp/ACME:alice?secret=" + RFC_SECRET);
        assertThat(u.toString()).contains("ACME", "alice", "<redacted>").doesNotContain(RFC_SECRET);
    }

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("éß€中").ofMinLength(1).ofMaxLength(30)
                .map(String::strip).filter(s -> !s.isEmpty() && s.indexOf(':') < 0);
    }

    @Property(tries = 300)
    void roundTrip_ofWhatTotpWrites(@ForAll("labels") String issuer, @ForAll("labels") String account,
            @ForAll @IntRange(min = 16, max = 64) int secretBytes, @ForAll @IntRange(min = 6, max = 8) int digits,
            @ForAll @IntRange(min = 15, max = 120) int period, @ForAll Totp.Algorithm algorithm) {
        Totp totp = Totp.builder().issuer(issuer).algorithm(algorithm).digits(digits)
                .period(Duration.ofSeconds(period)).clock(new TestClock(Instant.EPOCH))
                .store(TotpStateStore.inMemory(1)).build();
        Secret secret = Secret.ofBytes(dev.bulwark.core.RandomTokens.bytes(secretBytes));
        String uri = totp.otpauthUri(secret, account);
        OtpauthUri u = OtpauthUri.parse(uri);
        String where = "uri " + uri.replaceAll("secret=[A-Z2-7]+", "secret=...");
        assertThat(u.issuer()).as(where).isEqualTo(issuer);
        assertThat(u.account()).as(where).isEqualTo(account);
        assertThat(u.secret()).isEqualTo(secret);
        assertThat(u.algorithm()).isEqualTo(algorithm);
        assertThat(u.digits()).isEqualTo(digits);
        assertThat(u.period()).isEqualTo(Duration.ofSeconds(period));
    }

    @Property(tries = 500)
    void anyString_isParsedOrRejectedWithMalformed(@ForAll @StringLength(max = 200) String tail) {
        for (String uri : new String[] {tail, "otpauth://totp/" + tail, "otpauth://totp/a?secret=" + RFC_SECRET + "&" + tail}) {
            try {
                OtpauthUri.parse(uri);
            } catch (TokenException e) {
                assertThat(e.tokenReason()).isEqualTo(TokenReason.MALFORMED);
            }
        }
    }
}
