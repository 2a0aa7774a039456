package dev.bulwark.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The architecture rules every Bulwark module applies to its own main classes (shipped in
 * {@code bulwark-core}'s test-jar so that each module's {@code ArchitectureTest} is a few lines).
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * @param packages the module's root packages, e.g. {@code "dev.bulwark.crypto"}
     * @return the module's main (non-test) classes
     */
    public static JavaClasses mainClasses(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(packages);
    }

    /**
     * No class of the module uses another module's {@code internal} package.
     *
     * @param ownPackages the module's root packages
     * @return the rule
     */
    public static ArchRule noForeignInternals(String... ownPackages) {
        return noClasses().should().dependOnClassesThat(new DescribedPredicate<JavaClass>(
                "are in another module's internal package") {
            @Override
            public boolean test(JavaClass c) {
                String p = c.getPackageName();
                return p.startsWith("dev.bulwark.") && p.contains(".internal")
                        && Arrays.stream(ownPackages).noneMatch(own -> p.equals(own) || p.startsWith(own + "."));
            }
        }).because("internal packages are implementation details of their own module");
    }

    /**
     * The module depends on no Bulwark package outside {@code allowedPackages} (for core: nothing but itself).
     *
     * @param allowedPackages Bulwark root packages the module may use, its own included
     * @return the rule
     */
    public static ArchRule onlyDependsOnBulwark(String... allowedPackages) {
        return noClasses().should().dependOnClassesThat(new DescribedPredicate<JavaClass>(
                "are Bulwark classes outside " + Arrays.toString(allowedPackages)) {
            @Override
            public boolean test(JavaClass c) {
                String p = c.getPackageName();
                return p.startsWith("dev.bulwark.")
                        && Arrays.stream(allowedPackages).noneMatch(a -> p.equals(a) || p.startsWith(a + "."));
            }
        }).because("module dependencies point one way (DESIGN.md)");
    }

    /**
     * No class reads the system clock directly: time comes from an injected {@link java.time.Clock}
     * ({@code System.nanoTime()} stays allowed for nano-time sources).
     *
     * @return the rule
     */
    public static ArchRule noSystemClock() {
        return noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callConstructor(java.util.Date.class)
                .because("time is injected through java.time.Clock so that tests never sleep");
    }

    /**
     * Applies the three standard rules to a module.
     *
     * @param ownPackages the module's root packages
     * @param allowedBulwarkPackages every Bulwark package the module may depend on (its own included)
     */
    public static void checkModule(String[] ownPackages, String... allowedBulwarkPackages) {
        JavaClasses classes = mainClasses(ownPackages);
        noForeignInternals(ownPackages).check(classes);
        onlyDependsOnBulwark(allowedBulwarkPackages).check(classes);
        noSystemClock().check(classes);
    }
}
