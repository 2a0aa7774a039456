package dev.bulwark.webhooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String[] OWN = {"dev.bulwark.webhooks"};

    @Test
    void webhooks_dependsOnlyOnCore_usesNoForeignInternals_readsNoSystemClock() {
        ArchitectureRules.checkModule(OWN, "dev.bulwark.webhooks", "dev.bulwark.core");
    }

    @Test
    void internalImplementations_areFinalOrInterfaces() {
        classes().that().resideInAPackage("dev.bulwark.webhooks.internal").and().areNotInterfaces()
                .and().areNotEnums().and().areNotRecords().and().areTopLevelClasses()
                .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .check(ArchitectureRules.mainClasses(OWN));
    }
}
