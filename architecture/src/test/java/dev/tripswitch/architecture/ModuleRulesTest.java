package dev.tripswitch.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.architecture.fixture.a.Left;
import dev.tripswitch.architecture.fixture.a.UsesCoreInternals;
import dev.tripswitch.architecture.fixture.b.NamesAFramework;
import dev.tripswitch.architecture.fixture.b.Right;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house's rules, checked on the classes of every deployed module as this build made them: {@code internal}
 * packages stay in their module, core has no import circle, core names no adapter. Each rule is also run on a
 * fixture that breaks it, so that a rule that can no longer fail is noticed.
 */
class ModuleRulesTest {

    private static JavaClasses all;

    @BeforeAll
    static void importTheModulesClasses() {
        all = new ClassFileImporter().importPackages("dev.tripswitch");
        assertThat(all.stream().map(ModuleRules::moduleOf).filter(m -> !m.contains("/")).collect(Collectors.toSet()))
                .as("every deployed module's classes were found")
                .contains("core", "browser", "junit-extension", "testng-listener", "allure-adapter", "redis-store",
                        "aspectj", "report", "maven-plugin");
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackage() {
        assertThat(ModuleRules.internalUsedOutsideItsModule(deployed())).isEmpty();
    }

    @Test
    void coreHasNoImportCircle() {
        assertThat(ModuleRules.importCircles(module("core"))).isEmpty();
    }

    @Test
    void coreHoldsNoNameOfAnAdapterOrOfTheFrameworks_notEvenAsText() throws Exception {
        Path core = Path.of(CircuitBreaker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(ModuleRules.namesHeld(core, ModuleRules.ADAPTER_NAMES)).isEmpty();
    }

    // ------------------------------------------------------------------ each rule fails when broken

    @Test
    void internalRule_failsOnAClassThatUsesCoreInternals() {
        JavaClasses broken = new ClassFileImporter().importClasses(UsesCoreInternals.class,
                dev.tripswitch.internal.Durations.class);
        assertThat(ModuleRules.internalUsedOutsideItsModule(broken)).singleElement().asString()
                .contains(UsesCoreInternals.class.getName() + " uses dev.tripswitch.internal.Durations"
                        + " (internal to core)");
    }

    @Test
    void circleRule_failsOnTwoPackagesThatImportEachOther() {
        JavaClasses broken = new ClassFileImporter().importClasses(Left.class, Right.class);
        assertThat(ModuleRules.importCircles(broken)).singleElement().asString()
                .contains(Left.class.getName()).contains(Right.class.getName());
    }

    @Test
    void namesRule_failsOnAClassThatHoldsAFrameworksName(@TempDir Path dir) throws Exception {
        String file = NamesAFramework.class.getName().replace('.', '/') + ".class";
        Path copy = dir.resolve(file);
        Files.createDirectories(copy.getParent());
        try (var in = NamesAFramework.class.getClassLoader().getResourceAsStream(file)) {
            Files.copy(in, copy);
        }
        assertThat(ModuleRules.namesHeld(dir, ModuleRules.ADAPTER_NAMES)).containsExactly(file + " holds 'org.junit'");
    }

    // ------------------------------------------------------------------ helpers

    private static JavaClasses deployed() {
        return all.that(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>("of a deployed module") {
            @Override
            public boolean test(JavaClass c) {
                return ModuleRules.isDeployed(c);
            }
        });
    }

    private static JavaClasses module(String name) {
        return all.that(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>("of module " + name) {
            @Override
            public boolean test(JavaClass c) {
                return ModuleRules.moduleOf(c).equals(name);
            }
        });
    }
}
