package dev.bulwark.redis;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void redis_dependsOnlyOnTheModulesItStoresFor_noForeignInternals_noSystemClock() {
        ArchitectureRules.checkModule(new String[] {"dev.bulwark.redis"},
                "dev.bulwark.redis", "dev.bulwark.core", "dev.bulwark.tokens", "dev.bulwark.ratelimit",
                "dev.bulwark.webhooks", "io.lettuce");
    }
}
