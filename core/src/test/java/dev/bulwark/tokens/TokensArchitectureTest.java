package dev.bulwark.tokens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class TokensArchitectureTest {

    private static final JavaClasses ALL = ArchitectureRules.mainClasses("dev.bulwark");

    @Test
    void tokens_standardRules() {
        ArchitectureRules.checkModule(new String[] {"dev.bulwark.tokens"}, "dev.bulwark.core", "dev.bulwark.tokens");
    }

    @Test
    void internal_isNotUsedOutsideTokens() {
        noClasses().that().resideOutsideOfPackages("dev.bulwark.tokens..").should().dependOnClassesThat()
                .resideInAPackage("dev.bulwark.tokens.internal..").check(ALL);
    }
}
