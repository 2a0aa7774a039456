package dev.bulwark.ratelimit;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void ratelimit_dependsOnlyOnCore_usesNoForeignInternals_readsNoSystemClock() {
        ArchitectureRules.checkModule(new String[] {"dev.bulwark.ratelimit"}, "dev.bulwark.ratelimit", "dev.bulwark.core");
    }
}
