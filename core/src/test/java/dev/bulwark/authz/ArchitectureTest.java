package dev.bulwark.authz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String AUTHZ = "dev.bulwark.authz";

    @Test
    void authz_dependsOnlyOnCore_usesNoForeignInternals_readsNoSystemClock() {
        ArchitectureRules.checkModule(new String[] {AUTHZ}, AUTHZ, "dev.bulwark.core");
    }

    @Test
    void authz_doesNotDependOnTokens_andApiDoesNotLeakInternals() {
        JavaClasses classes = ArchitectureRules.mainClasses(AUTHZ);
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.bulwark.tokens..").check(classes);
        noClasses().that().resideInAPackage("dev.bulwark.authz.spi..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.authz.internal..").check(classes);
    }
}
