package dev.bulwark.crypto;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void crypto_dependsOnlyOnCore_usesNoForeignInternals_readsNoSystemClock() {
        ArchitectureRules.checkModule(new String[] {"dev.bulwark.crypto"}, "dev.bulwark.crypto", "dev.bulwark.core");
    }
}
