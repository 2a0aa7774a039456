package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BulwarkException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear-time guarantee (issue 11, item 4) for JWT verification: {@link AccessTokens#verify(String)} and
 * {@link SigningKeys#verify(String)} get huge or pathological tokens of 16 KiB, 128 KiB and 1 MiB; the CPU
 * time of size 8n must stay below 32 times that of size n. Every such token must be rejected with a
 * {@link TokenException}.
 */
class TokensLinearTimeGrowthTest {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {16 * 1024, 128 * 1024, 1024 * 1024};
    private static final double MAX_RATIO = 8 * 4;
    private static final Fixtures F = new Fixtures();

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Stream<Arguments> tokens() {
        String header = b64("{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}");
        return Stream.of(
                Arguments.of("dot run", (IntFunction<String>) n -> repeat(".", n)),
                Arguments.of("equals run", (IntFunction<String>) n -> repeat("=", n)),
                Arguments.of("base64url run", (IntFunction<String>) n -> repeat("A", n)),
                Arguments.of("huge signature", (IntFunction<String>) n -> header + "." + b64("{}") + "."
                        + repeat("A", n)),
                Arguments.of("huge payload", (IntFunction<String>) n -> header + "." + repeat("A", n) + ".AAAA"),
                Arguments.of("huge header", (IntFunction<String>) n -> b64("{\"alg\":\"HS256\",\"x\":\""
                        + repeat("a", n) + "\"}") + "." + b64("{}") + ".AAAA"),
                Arguments.of("nested header", (IntFunction<String>) n -> b64(repeat("{\"a\":", n)) + ".e30.AAAA"),
                Arguments.of("nested payload arrays", (IntFunction<String>) n -> header + "." + b64(repeat("[", n))
                        + ".AAAA"),
                Arguments.of("at-sign run", (IntFunction<String>) n -> repeat("@", n)));
    }

    @ParameterizedTest(name = "AccessTokens.verify: {0}")
    @MethodSource("tokens")
    void accessTokensVerifyIsLinear(String name, IntFunction<String> input) {
        assertLinear("AccessTokens.verify " + name, input, s -> {
            try {
                F.tokens.verify(s);
                throw new AssertionError("accepted a hostile token: " + name);
            } catch (TokenException expected) {
                // rejection is the expected outcome; its cost is what is measured
            }
        });
    }

    @ParameterizedTest(name = "SigningKeys.verify: {0}")
    @MethodSource("tokens")
    void signingKeysVerifyIsLinear(String name, IntFunction<String> input) {
        assertLinear("SigningKeys.verify " + name, input, s -> {
            try {
                F.keys.verify(s);
                throw new AssertionError("accepted a hostile JWS: " + name);
            } catch (BulwarkException expected) {
                // rejection is the expected outcome; its cost is what is measured
            }
        });
    }

    private static String repeat(String unit, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(unit);
        }
        sb.setLength(length);
        return sb.toString();
    }

    /**
     * Measures the CPU time per call at each size (minimum of 5 runs; small inputs repeated up to about 2 MiB
     * or 20 ms of CPU per run) and fails at the first step whose ratio reaches the bound, before trying
     * the next, larger size.
     */
    static void assertLinear(String what, IntFunction<String> input, Consumer<String> op) {
        op.accept(input.apply(SIZES[0])); // warm-up
        double previous = 0;
        for (int i = 0; i < SIZES.length; i++) {
            String s = input.apply(SIZES[i]);
            long first = MX.getCurrentThreadCpuTime();
            op.accept(s);
            long one = Math.max(1, MX.getCurrentThreadCpuTime() - first);
            int iterations = (int) Math.max(1, Math.min(2L * SIZES[SIZES.length - 1] / SIZES[i], 20_000_000L / one));
            double perCall = one;
            for (int run = 0; run < (one > 100_000_000L ? 0 : 5); run++) { // a slow call is measured once
                long start = MX.getCurrentThreadCpuTime();
                for (int k = 0; k < iterations; k++) {
                    op.accept(s);
                }
                perCall = Math.min(perCall, Math.max(1.0, MX.getCurrentThreadCpuTime() - start) / iterations);
            }
            if (i > 0) {
                double ratio = perCall / previous;
                assertThat(ratio).as("%s: CPU time ratio of %d vs %d chars (%.0f ns vs %.0f ns per call)", what,
                        SIZES[i], SIZES[i - 1], perCall, previous).isLessThan(MAX_RATIO);
            }
            previous = perCall;
        }
    }
}
