package dev.bulwark.examples;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.bulwark.core.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses("dev.bulwark.examples");

    @Test
    void examples_useOnlyPublicApis() {
        // The demo is the reference composition: public API only, never another module's internals.
        ArchitectureRules.noForeignInternals("dev.bulwark.examples").check(CLASSES);
    }
}
