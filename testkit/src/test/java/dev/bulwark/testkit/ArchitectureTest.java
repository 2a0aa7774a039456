package dev.bulwark.testkit;

import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void testkit_usesOnlyPublicApis_readsNoSystemClock() {
        ArchitectureRules.checkModule(new String[] {"dev.bulwark.testkit"},
                "dev.bulwark.testkit", "dev.bulwark.core", "dev.bulwark.tokens", "dev.bulwark.authz",
                "dev.bulwark.crypto", "dev.bulwark.webhooks", "dev.bulwark.ratelimit", "dev.bulwark.pii");
    }
}
