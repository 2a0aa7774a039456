package dev.bulwark.tokens;

import static dev.bulwark.core.testing.LinearTime.assertLinear;
import static dev.bulwark.core.testing.LinearTime.repeat;

import dev.bulwark.core.BulwarkException;
import java.util.Base64;
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

}
