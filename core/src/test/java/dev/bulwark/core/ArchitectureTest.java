package dev.bulwark.core;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String[] CORE = {"dev.bulwark.core", "dev.bulwark.tokens", "dev.bulwark.authz"};

    @Test
    void core_dependsOnNoOtherModule_usesNoForeignInternals_readsNoSystemClock() {
        ArchitectureRules.checkModule(CORE, CORE);
    }
}
