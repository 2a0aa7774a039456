package dev.bulwark.pii;

import static dev.bulwark.core.testing.LinearTime.assertLinear;
import static dev.bulwark.core.testing.LinearTime.repeat;

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

}
