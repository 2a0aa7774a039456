package dev.bulwark.authz;

import static dev.bulwark.core.testing.LinearTime.assertLinear;
import static dev.bulwark.core.testing.LinearTime.repeat;

import dev.bulwark.core.BulwarkException;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear-time guarantee (issue 11, item 4) for the authz parsers: {@link Permission#parse(String)} and
 * {@link Policy#fromJson(String)} get adversarial inputs of 16 KiB, 128 KiB and 1 MiB; the CPU time of size 8n
 * must stay below 32 times that of size n (quadratic work would give 64). Rejections count as work done:
 * a typed {@link BulwarkException} is expected for most of these inputs.
 */
class AuthzLinearTimeGrowthTest {


    static Stream<Arguments> permissions() {
        return Stream.of(
                Arguments.of("dot run", (IntFunction<String>) n -> repeat(".", n)),
                Arguments.of("a. segments", (IntFunction<String>) n -> repeat("a.", n)),
                Arguments.of("long resource", (IntFunction<String>) n -> repeat("a", n - 5) + ".read"),
                Arguments.of("wildcards", (IntFunction<String>) n -> repeat("*.", n)),
                Arguments.of("colon run", (IntFunction<String>) n -> "a.b" + repeat(":", n - 3)),
                Arguments.of("own scope repeated", (IntFunction<String>) n -> "a.b" + repeat(":own", n - 3)));
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("nested arrays", (IntFunction<String>) n -> repeat("[", n)),
                Arguments.of("nested objects", (IntFunction<String>) n -> repeat("{\"a\":", n)),
                Arguments.of("equals run", (IntFunction<String>) n -> repeat("=", n)),
                Arguments.of("long string", (IntFunction<String>) n -> "{\"roles\":[{\"name\":\""
                        + repeat("a", n) + "\"}]}"),
                Arguments.of("many grants", (IntFunction<String>) n -> "{\"roles\":[{\"name\":\"r\",\"level\":1,"
                        + "\"grants\":[" + list(n, i -> "\"p" + i + ".read\"") + "]}]}"),
                Arguments.of("many roles", (IntFunction<String>) n -> "{\"roles\":["
                        + list(n, i -> "{\"name\":\"r" + i + "\",\"level\":1,\"grants\":[\"a.read\"]}") + "]}"),
                Arguments.of("inheritance chain", (IntFunction<String>) n -> "{\"roles\":[{\"name\":\"r0\",\"level\":1,"
                        + "\"grants\":[\"a.read\"]}," + list(n, i -> "{\"name\":\"r" + (i + 1) + "\",\"level\":1,"
                        + "\"inherits\":[\"r" + i + "\"]}") + "]}"),
                Arguments.of("many memberships", (IntFunction<String>) n -> "{\"roles\":[{\"name\":\"r\",\"level\":1}],"
                        + "\"memberships\":[" + list(n, i -> "{\"user\":\"u" + i + "\",\"org\":\"o\",\"role\":\"r\"}")
                        + "]}"));
    }

    @ParameterizedTest(name = "Permission.parse: {0}")
    @MethodSource("permissions")
    void permissionParseIsLinear(String name, IntFunction<String> input) {
        assertLinear("Permission.parse " + name, input, s -> {
            try {
                Permission.parse(s);
            } catch (BulwarkException expected) {
                // rejection is the expected outcome; its cost is what is measured
            }
        });
    }

    @ParameterizedTest(name = "Policy.fromJson: {0}")
    @MethodSource("policies")
    void policyFromJsonIsLinear(String name, IntFunction<String> input) {
        assertLinear("Policy.fromJson " + name, input, s -> {
            try {
                Policy.fromJson(s);
            } catch (BulwarkException expected) {
                // rejection is the expected outcome; its cost is what is measured
            }
        });
    }

    /** A JSON list of elements, about {@code length} characters long. */
    private static String list(int length, IntFunction<String> element) {
        StringBuilder sb = new StringBuilder(length + 64);
        for (int i = 0; sb.length() < length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(element.apply(i));
        }
        return sb.toString();
    }

}
