package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any single-character change anywhere in a valid token is rejected, with a reason, never an NPE. */
class TamperPropertiesTest {

    private static final Fixtures F = new Fixtures();
    private static final String TOKEN = F.valid("u1");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

    @Property(tries = 500)
    void anySingleCharacterChange_isRejected(@ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @IntRange(min = 0, max = 68) int replacement) {
        int i = position % TOKEN.length();
        char c = ALPHABET.charAt(replacement);
        if (TOKEN.charAt(i) == c) {
            return;
        }
        String tampered = TOKEN.substring(0, i) + c + TOKEN.substring(i + 1);
        try {
            F.tokens.verify(tampered);
            // A change can only be accepted if it decodes to the same bytes: impossible with canonical base64url.
            throw new AssertionError("tampered token accepted at " + i);
        } catch (TokenException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).doesNotContain(TOKEN.substring(TOKEN.lastIndexOf('.') + 1));
        }
    }
}
