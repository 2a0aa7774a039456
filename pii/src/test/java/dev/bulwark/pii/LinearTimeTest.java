package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adversarial 1 MiB inputs aimed at each recogniser (the patterns that make backtracking regexes or naive
 * rescans quadratic). The scanner is hand-written and bounded, so each finishes; a quadratic scan of 1 Mi
 * characters would take around 10^12 steps and never finish within the build. No timing is asserted; the
 * outputs are checked for the span invariants, and masking is run too.
 */
class LinearTimeTest {

    private static final int MIB = 1 << 20;

    static Stream<Arguments> adversarial() {
        return Stream.of(
                "@", "a@", "a.", "a.a@", "@a.", "1", "1 ", "1-", "1.", "+1 ", "(1) ", "(", "+", ":", "::", "a:", "1:",
                "eyJ", "eyJ.", "eyJhbGciOiJub25lIn0.", "eyJ ", "Bearer ", "bearer a", "Bearer aaaaaaaaaaaaaaaa*",
                "xoxb-", "AKIA", "whsec_", "sk_live_", "ghp_", "ak_live_0", "-----BEGIN RSA PRIVATE KEY-----",
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n", "-----END ", "http://", "a://b:c", "a://", "DE89 ", "DE89",
                "4242 ", "4242-", "123-45-", "10.", "255.255.", "fe80::", "1:2:3:4:", "+44 20 ", "0", "00", "a-",
                "x@y.", "-", "--", "eyJhbGciOiJIUzI1NiJ9.e30.", "AIza")
                .map(unit -> Arguments.of(label(unit), repeat(unit)));
    }

    private static String label(String unit) {
        return "repeat(" + unit.replace("\n", "\\n") + ")";
    }

    private static String repeat(String unit) {
        StringBuilder sb = new StringBuilder(MIB + unit.length());
        while (sb.length() < MIB) {
            sb.append(unit);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarial")
    void detect_adversarialMiB_finishesWithValidSpans(String label, String text) {
        List<PiiSpan> spans = PiiDetector.ofDefaults().detect(text);
        int last = 0;
        for (PiiSpan s : spans) {
            assertThat(s.start()).isGreaterThanOrEqualTo(last);
            assertThat(s.end()).isLessThanOrEqualTo(text.length());
            last = s.end();
        }
        String masked = Masker.ofDefaults().mask(text, spans);
        assertThat(masked).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarial")
    void detect_adversarialPrefixedWithPii_stillFindsThePii(String label, String text) {
        String input = "mail john@example.com; " + text.substring(0, 64 * 1024);
        assertThat(PiiDetector.ofDefaults().detect(input)).first()
                .satisfies(s -> assertThat(s.type()).isEqualTo(PiiType.EMAIL));
    }

    @org.junit.jupiter.api.Test
    void detect_randomMiBOfPiiAlphabet_finishes() {
        Random r = new Random(7);
        String alphabet = "0123456789 -.+()@:/abcdefABCDEFeyJxob_=\n";
        char[] c = new char[MIB];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        String text = new String(c);
        List<PiiSpan> spans = PiiDetector.ofDefaults().detect(text);
        for (int k = 1; k < spans.size(); k++) {
            assertThat(spans.get(k).start()).isGreaterThanOrEqualTo(spans.get(k - 1).end());
        }
    }
}
