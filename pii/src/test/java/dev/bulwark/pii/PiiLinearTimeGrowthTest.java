package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear-time guarantee (issue 11, item 4): the PII scanner, the masker and the log masker are fed adversarial
 * inputs of growing size (16 KiB, 128 KiB, 1 MiB) and the CPU time of size 8n must stay below 32 times that
 * of size n (a quadratic scan would give 64). Time is CPU time of this thread (ThreadMXBean), the minimum of
 * several runs, and only the ratio is asserted, never an absolute time.
 */
class PiiLinearTimeGrowthTest {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {16 * 1024, 128 * 1024, 1024 * 1024};
    private static final double MAX_RATIO = 8 * 4;

    static Stream<Arguments> adversarialInputs() {
        return Stream.of(
                Arguments.of("digit run", (IntFunction<String>) n -> repeat("1", n)),
                Arguments.of("digits with separators", (IntFunction<String>) n -> repeat("4 1-", n)),
                Arguments.of("at-sign run", (IntFunction<String>) n -> repeat("@", n)),
                Arguments.of("a@ pairs", (IntFunction<String>) n -> repeat("a@", n)),
                Arguments.of("dot run", (IntFunction<String>) n -> repeat(".", n)),
                Arguments.of("dotted labels", (IntFunction<String>) n -> repeat("a.", n)),
                Arguments.of("local part without domain", (IntFunction<String>) n -> repeat("a", n - 1) + "@"),
                Arguments.of("equals run", (IntFunction<String>) n -> repeat("=", n)),
                Arguments.of("jwt-like segments", (IntFunction<String>) n -> repeat("eyJa.", n)),
                Arguments.of("base64url run", (IntFunction<String>) n -> repeat("Ab9_-", n)),
                Arguments.of("iban-like", (IntFunction<String>) n -> repeat("DE89 ", n)),
                Arguments.of("phone-like", (IntFunction<String>) n -> repeat("+1 (", n)),
                Arguments.of("url credentials", (IntFunction<String>) n -> repeat("https://a:", n)),
                Arguments.of("pem header", (IntFunction<String>) n -> repeat("-----BEGIN ", n)),
                Arguments.of("bearer", (IntFunction<String>) n -> repeat("Bearer ", n)),
                Arguments.of("context words", (IntFunction<String>) n -> repeat("ssn card iban 123 ", n)),
                Arguments.of("valid emails", (IntFunction<String>) n -> repeat("a.b@example.com ", n)),
                Arguments.of("valid cards", (IntFunction<String>) n -> repeat("4111 1111 1111 1111 ", n)));
    }

    @ParameterizedTest(name = "PiiDetector.detect: {0}")
    @MethodSource("adversarialInputs")
    void detectorIsLinear(String name, IntFunction<String> input) {
        PiiDetector detector = PiiDetector.ofDefaults();
        assertLinear("detect " + name, input, s -> detector.detect(s));
    }

    @ParameterizedTest(name = "Masker.mask: {0}")
    @MethodSource("adversarialInputs")
    void maskerIsLinear(String name, IntFunction<String> input) {
        Masker masker = Masker.ofDefaults();
        assertLinear("mask " + name, input, s -> masker.mask(s));
    }

    @ParameterizedTest(name = "LogMasking.mask: {0}")
    @MethodSource("adversarialInputs")
    void logMaskingIsLinear(String name, IntFunction<String> input) {
        assertLinear("log mask " + name, input, s -> LogMasking.mask(s));
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
