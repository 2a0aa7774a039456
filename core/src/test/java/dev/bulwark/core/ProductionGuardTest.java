package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    static Stream<Arguments> weakSecrets() {
        return Stream.of(
                Arguments.of(null, CoreReason.MISSING_SECRET),
                Arguments.of("", CoreReason.MISSING_SECRET),
                Arguments.of("   ", CoreReason.MISSING_SECRET),
                Arguments.of("changeme", CoreReason.PLACEHOLDER_SECRET),
                Arguments.of("secret", CoreReason.PLACEHOLDER_SECRET),
                Arguments.of("your-secret-key", CoreReason.PLACEHOLDER_SECRET),
                Arguments.of("CHANGEME-CHANGEME-CHANGEME-CHANGEME-CHANGEME", CoreReason.PLACEHOLDER_SECRET),
                Arguments.of("my-super-secret-jwt-signing-key-for-production-2024", CoreReason.PLACEHOLDER_SECRET),
                Arguments.of("Kq8#zR2!", CoreReason.SECRET_TOO_SHORT),
                Arguments.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", CoreReason.LOW_ENTROPY_SECRET),
                Arguments.of("k9Xq2k9Xq2k9Xq2k9Xq2k9Xq2k9Xq2k9Xq2k9Xq2", CoreReason.LOW_ENTROPY_SECRET),
                Arguments.of("bcdefghijklmnopqrstuvwxyzBCDEFGHIJKLM", CoreReason.LOW_ENTROPY_SECRET),
                Arguments.of("abababababababababcdcdcdcdcdcdcdcdcdcd", CoreReason.LOW_ENTROPY_SECRET));
    }

    @ParameterizedTest
    @MethodSource("weakSecrets")
    void check_production_weakSecret_refusesNamingSettingNotValue(String value, CoreReason reason) {
        ProductionGuard guard = ProductionGuard.forEnvironment("production").requireSecret("JWT_SIGNING_KEY", value);
        assertThatThrownBy(guard::check)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains("JWT_SIGNING_KEY");
                    if (value != null && !value.isBlank()) {
                        assertThat(e.getMessage()).doesNotContain(value);
                        assertThat(e.toString()).doesNotContain(value);
                    }
                });
    }

    @Test
    void check_production_allSameByteSecret_refused() {
        ProductionGuard guard = ProductionGuard.forEnvironment("prod")
                .requireSecret("KEK", Secret.ofBytes(new byte[32]));
        assertThatThrownBy(guard::check).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KEK").hasMessageContaining("one byte repeated");
    }

    @Test
    void check_production_randomSecrets_pass() {
        assertThatCode(() -> ProductionGuard.forEnvironment("PRODUCTION")
                .requireSecret("A", Secret.ofBytes(RandomTokens.bytes(32)))
                .requireSecret("B", RandomTokens.token())
                .requireSecret("C", RandomTokens.hex(32))
                .check()).doesNotThrowAnyException();
    }

    @Test
    void check_production_failedRequirement_refused() {
        ProductionGuard guard = ProductionGuard.forEnvironment("live")
                .require("ARGON2_MEMORY_KIB", false, "Argon2id memory must be at least 19 MiB");
        assertThatThrownBy(guard::check).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.reason()).isEqualTo(CoreReason.PRODUCTION_REQUIREMENT))
                .hasMessageContaining("ARGON2_MEMORY_KIB: Argon2id memory must be at least 19 MiB");
    }

    @Test
    void check_production_severalViolations_namesEach() {
        ProductionGuard guard = ProductionGuard.forEnvironment("production")
                .requireSecret("ONE", "changeme").requireSecret("TWO", (String) null);
        assertThat(guard.violations()).extracting(ProductionGuard.Violation::setting).containsExactly("ONE", "TWO");
        assertThatThrownBy(guard::check).hasMessageContaining("ONE").hasMessageContaining("TWO");
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "dev", "test", "staging", ""})
    void check_notProduction_warnsOnly(String env) {
        ProductionGuard guard = ProductionGuard.forEnvironment(env).requireSecret("JWT", "changeme");
        assertThat(guard.production()).isFalse();
        assertThat(guard.violations()).hasSize(1);
        assertThatCode(guard::check).doesNotThrowAnyException();
        assertThat(ProductionGuard.isProduction(null)).isFalse();
    }
}
