package dev.bulwark.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-place canonical base64 decoder accepts exactly what the JDK decoder accepts and re-encodes to the
 * same text (the previous implementation), and decodes it to the same bytes.
 */
class CodecsBase64Test {

    /** The previous definition: decode with the JDK, keep it only when re-encoding gives the same text. */
    private static byte[] reference(String s) {
        try {
            byte[] b = Base64.getDecoder().decode(s);
            return Base64.getEncoder().encodeToString(b).equals(s) ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> nearBase64() {
        // mostly alphabet and padding, with the characters other base64 flavours and sloppy senders use
        return Arbitraries.strings().withChars("AQgw+/=").withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                .withChars("-_ \n\té").ofMinLength(0).ofMaxLength(16);
    }

    @Property(tries = 5000)
    void anyText_sameVerdictAndBytesAsDecodeThenReencode(@ForAll("nearBase64") String s) {
        assertThat(Codecs.base64OrNull(s)).isEqualTo(reference(s));
    }

    @Property(tries = 2000)
    void encodedBytes_decodeBack_alsoInsideALargerString(@ForAll byte[] bytes) {
        String enc = Base64.getEncoder().encodeToString(bytes);
        assertThat(Codecs.base64OrNull(enc)).isEqualTo(bytes);
        String framed = "v1," + enc + " v2,xyz";
        assertThat(Codecs.base64OrNull(framed, 3, 3 + enc.length())).isEqualTo(bytes);
    }

    @Example
    void nonCanonicalPaddingBitsOrLength_rejected_emptyIsEmpty() {
        assertThat(Codecs.base64OrNull("QR==")).isNull(); // stray bits below the last byte
        assertThat(Codecs.base64OrNull("QUJ=")).isNull();
        assertThat(Codecs.base64OrNull("QQ")).isNull(); // no padding
        assertThat(Codecs.base64OrNull("Q===")).isNull();
        assertThat(Codecs.base64OrNull("====")).isNull();
        assertThat(Codecs.base64OrNull("QQ==QQ==")).isNull(); // padding in the middle
        assertThat(Codecs.base64OrNull("QUI=")).containsExactly('A', 'B');
        assertThat(Codecs.base64OrNull("")).isEmpty();
    }
}
