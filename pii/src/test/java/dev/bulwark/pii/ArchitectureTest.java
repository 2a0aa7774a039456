package dev.bulwark.pii;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String[] PII = {"dev.bulwark.pii"};

    @Test
    void pii_dependsOnlyOnCore_usesNoForeignInternals_readsNoSystemClock() {
        ArchitectureRules.checkModule(PII, "dev.bulwark.pii", "dev.bulwark.core");
    }
}
