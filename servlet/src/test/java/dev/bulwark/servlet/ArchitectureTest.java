package dev.bulwark.servlet;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void servlet_dependsOnlyOnAdaptedModules_noForeignInternals_noSystemClock() {
        ArchitectureRules.checkModule(new String[] {"dev.bulwark.servlet"},
                "dev.bulwark.servlet", "dev.bulwark.core", "dev.bulwark.tokens", "dev.bulwark.authz",
                "dev.bulwark.webhooks", "dev.bulwark.ratelimit", "dev.bulwark.pii");
    }
}
