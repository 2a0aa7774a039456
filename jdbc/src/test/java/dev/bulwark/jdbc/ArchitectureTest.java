package dev.bulwark.jdbc;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void jdbc_dependsOnlyOnCore_noForeignInternals_noSystemClock() {
        ArchitectureRules.checkModule(new String[] {"dev.bulwark.jdbc"},
                "dev.bulwark.jdbc", "dev.bulwark.core", "dev.bulwark.tokens", "dev.bulwark.authz");
    }
}
