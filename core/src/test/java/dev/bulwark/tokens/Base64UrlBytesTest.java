package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.tokens.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The byte-level base64url check and decoder used on the verification path agree with the character-level
 * check and with the JDK, and {@link SigningKey#isValidKid} (no longer a regex) with the documented pattern.
 */
class Base64UrlBytesTest {

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Provide
    Arbitrary<String> nearlyBase64() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                .withChars("=+/. \u00e9\u0100").ofMaxLength(60)
                .edgeCases(c -> c.add("")).injectDuplicates(0.05);
    }

    @Property(tries = 2000)
    void byteCheck_agreesWithStringCheck_andDecodeWithTheJdk(@ForAll("nearlyBase64") String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        boolean ok = Hashes.isBase64Url(s, 0, s.length());
        assertThat(Hashes.isBase64Url(bytes, 0, bytes.length)).isEqualTo(ok);
        if (ok) {
            byte[] decoded = Hashes.decodeBase64Url(bytes, 0, bytes.length);
            assertThat(decoded).isEqualTo(Base64.getUrlDecoder().decode(s));
            assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(decoded)).isEqualTo(s);
        } else {
            assertThatThrownBy(() -> Hashes.decodeBase64Url(bytes, 0, bytes.length))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 500)
    void rangesInsideLargerArrays_decodeTheirOwnBytes(@ForAll byte[] data) {
        String enc = "xx." + Base64.getUrlEncoder().withoutPadding().encodeToString(data) + ".yy";
        byte[] bytes = enc.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Hashes.isBase64Url(bytes, 3, bytes.length - 3)).isTrue();
        assertThat(Hashes.decodeBase64Url(bytes, 3, bytes.length - 3)).isEqualTo(data);
    }

    @Provide
    Arbitrary<String> longNearlyBase64() {
        Arbitrary<String> valid = Arbitraries.bytes().array(byte[].class).ofMaxSize(700)
                .map(d -> Base64.getUrlEncoder().encodeToString(d));
        return Arbitraries.oneOf(valid, valid.map(v -> v.replace("=", "")),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                        .withChars("=+/\r\n\u00ff").ofMinLength(60).ofMaxLength(900));
    }

    /**
     * The decoder of ranges (the JDK's, after refusing padding and non-canonical last bits) against the String
     * check, inside larger arrays, for long inputs the JDK decodes in blocks and for padded ones it would accept.
     */
    @Property(tries = 1000)
    void rangeDecode_agreesWithStringCheck(@ForAll("longNearlyBase64") String s, @ForAll("nearlyBase64") String shortOne) {
        for (String x : new String[] {s, shortOne, "QQ==", "QUE=", "QQ=", "=", "==", "QQ==QQ", "QUFB=", "QUFBQQ==", "Q===",
            "QUFB", "QQ=A", s + "=", s.replace("=", "") + "=="}) {
            boolean ok = Hashes.isBase64Url(x, 0, x.length());
            byte[] bytes = ("x." + x + ".y").getBytes(StandardCharsets.ISO_8859_1);
            if (ok) {
                assertThat(Hashes.decodeBase64Url(bytes, 2, bytes.length - 2)).isEqualTo(Base64.getUrlDecoder().decode(x));
            } else {
                assertThatThrownBy(() -> Hashes.decodeBase64Url(bytes, 2, bytes.length - 2)).as(x)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void nonCanonicalTrailingBits_areRefused() {
        // "QQ" is 'A'; "QR" carries a set unused bit: same byte, not the canonical encoding.
        assertThat(Hashes.decodeBase64Url("QQ".getBytes(StandardCharsets.US_ASCII), 0, 2)).containsExactly('A');
        assertThat(Hashes.isBase64Url("QR".getBytes(StandardCharsets.US_ASCII), 0, 2)).isFalse();
        assertThatThrownBy(() -> Hashes.decodeBase64Url("QR".getBytes(StandardCharsets.US_ASCII), 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Hashes.isBase64Url("QUI".getBytes(StandardCharsets.US_ASCII), 0, 3)).isTrue();
        assertThat(Hashes.isBase64Url("QUJ".getBytes(StandardCharsets.US_ASCII), 0, 3)).isFalse();
        assertThatThrownBy(() -> Hashes.decodeBase64Url("Q".getBytes(StandardCharsets.US_ASCII), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hashes.decodeBase64Url(new byte[] {'Q', 'Q', (byte) 0xC1, 'A'}, 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> kids() {
        return Arbitraries.strings().withChars("Aaz09._-").withChars("/ \u00e9+").ofMinLength(0).ofMaxLength(70);
    }

    @Property(tries = 1000)
    void kidCheck_matchesThePattern(@ForAll("kids") String kid) {
        assertThat(SigningKey.isValidKid(kid)).isEqualTo(KID.matcher(kid).matches());
    }

    @Test
    void kidBoundaries() {
        assertThat(SigningKey.isValidKid(null)).isFalse();
        assertThat(SigningKey.isValidKid("")).isFalse();
        assertThat(SigningKey.isValidKid("a".repeat(64))).isTrue();
        assertThat(SigningKey.isValidKid("a".repeat(65))).isFalse();
        assertThat(SigningKey.isValidKid("k\n")).isFalse();
        assertThat(SigningKey.isValidKid("\uff21")).isFalse();
    }
}
