package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Property
    void toString_anyRandomSecret_neverShowsValue(@ForAll @Size(min = 8, max = 64) byte[] bytes) {
        Secret s = Secret.ofBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        String b64 = Base64.getEncoder().encodeToString(bytes);
        assertThat(s.toString()).isEqualTo("Secret[***]");
        assertThat(String.valueOf(s)).doesNotContain(hex).doesNotContain(b64);
        assertThat(String.format("%s", s)).isEqualTo("Secret[***]");
    }

    @Property
    void toString_anyRandomStringSecret_neverShowsValue(@ForAll @StringLength(min = 4, max = 80) String value) {
        Secret s = Secret.ofUtf8(value);
        assertThat(s.toString()).isEqualTo("Secret[***]").doesNotContain(value);
    }

    @Property
    void exceptionMessages_malformedSecretInput_neverEchoInput(@ForAll @StringLength(min = 6, max = 60) String value) {
        String bad = value + "!@#";
        for (Runnable r : new Runnable[] {() -> Secret.ofBase64(bad), () -> Secret.ofHex(bad + "zz"),
                () -> Secret.ofBase32(bad + "1"), () -> Secret.ofWhsec("whsec_" + bad)}) {
            try {
                r.run();
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).doesNotContain(bad);
                assertThat(e.toString()).doesNotContain(bad);
                assertThat(e.reason()).isEqualTo(CoreReason.MALFORMED_ENCODING);
            }
        }
    }

    @Property
    void bytes_returnsDefensiveCopies(@ForAll @Size(min = 1, max = 32) byte[] bytes) {
        byte[] input = bytes.clone();
        Secret s = Secret.ofBytes(input);
        input[0] ^= 1;
        byte[] out = s.bytes();
        assertThat(out).isEqualTo(bytes);
        out[0] ^= 1;
        assertThat(s.bytes()).isEqualTo(bytes);
    }

    @Property
    void equals_sameBytes_equalAndSameHash(@ForAll @Size(max = 48) byte[] bytes) {
        assertThat(Secret.ofBytes(bytes)).isEqualTo(Secret.ofBytes(bytes.clone()))
                .hasSameHashCodeAs(Secret.ofBytes(bytes));
    }

    @Test
    void equals_differentBytesSameLength_notEqual() {
        assertThat(Secret.ofUtf8("abcd")).isNotEqualTo(Secret.ofUtf8("abce"));
        assertThat(Secret.ofUtf8("abcd")).isNotEqualTo(Secret.ofUtf8("abcde"));
        assertThat(Secret.ofUtf8("abcd").matches("abcd".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Secret.ofUtf8("abcd").matches(null)).isFalse();
    }

    @Test
    void factories_decodeEachEncoding() {
        byte[] raw = {1, 2, 3, (byte) 0xff};
        assertThat(Secret.ofHex("010203FF").bytes()).isEqualTo(raw);
        assertThat(Secret.ofBase64("AQID/w==").bytes()).isEqualTo(raw);
        assertThat(Secret.ofBase64("AQID_w").bytes()).isEqualTo(raw);
        assertThat(Secret.ofBase32("AEBAH7Y").bytes()).isEqualTo(raw);
        assertThat(Secret.ofBase32("aeba h7y=").bytes()).isEqualTo(raw);
        assertThat(Secret.ofWhsec("whsec_AQID/w==").bytes()).isEqualTo(raw);
        assertThat(Secret.ofWhsec("AQID/w==").bytes()).isEqualTo(raw);
        assertThat(Secret.ofUtf8("whsec_x").utf8()).isEqualTo("whsec_x");
        assertThat(Secret.ofBytes(raw).base64()).isEqualTo("AQID/w==");
    }

    @Test
    void factories_null_typedError() {
        assertThatThrownBy(() -> Secret.ofBytes(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Secret.ofUtf8(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Secret.ofHex("abc")).isInstanceOf(InvalidInputException.class)
                .hasMessage("secret is not valid hex");
    }

    @Test
    void destroy_zeroesAndRefusesReads() {
        Secret s = Secret.ofUtf8("k3y-material-0123456789");
        s.destroy();
        assertThat(s.isDestroyed()).isTrue();
        assertThatThrownBy(s::bytes).isInstanceOf(IllegalStateException.class);
        assertThat(s).isNotEqualTo(Secret.ofUtf8("k3y-material-0123456789"));
        assertThat(s.toString()).isEqualTo("Secret[***]");
    }
}
