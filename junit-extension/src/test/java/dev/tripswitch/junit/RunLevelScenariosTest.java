package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** What belongs to a whole run: sharing circuits, registration, the end-of-run summary, the missing-extension warning. */
class RunLevelScenariosTest extends Fixtures {

    static final String OPEN_AFTER_GRID_DOWN = ThresholdScenariosTest.OPEN_AFTER_GRID_DOWN;

    @Test
    void oneCircuitSharedByTwoClasses_secondClassSkipped() {
        EngineExecutionResults results = run(FirstClass.class, SecondClass.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(2));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("checkout"), skippedWithReason(OPEN_AFTER_GRID_DOWN)))
                .haveExactly(1, event(test("search"), skippedWithReason(OPEN_AFTER_GRID_DOWN)));
    }

    @Test
    void circuitOpenedElsewhereInTheJvm_skipsJupiterTests() {
        // as the TestNG listener or application code would: the same global registry, the same circuit
        for (int i = 0; i < 5; i++) {
            registry.circuit("browser").recordFailure(new IllegalStateException("opened by another framework"));
        }

        EngineExecutionResults results = run(DefaultsOnly.class);

        results.testEvents().assertStatistics(s -> s.started(0).skipped(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(skippedWithReason(
                "circuit 'browser' is OPEN since 2026-01-01T00:00:00Z after 5 consecutive failures; last failure: "
                        + "java.lang.IllegalStateException: opened by another framework; "
                        + "next probe at 2026-01-01T00:00:30Z")));
    }

    @Test
    void settingsFromProperties_applyWhereTheAnnotationIsSilent() {
        Properties properties = new Properties();
        properties.setProperty("tripswitch.circuit.browser.failureThreshold", "1");
        properties.setProperty("tripswitch.circuit.browser.halfOpenAfter", "10s");
        registry = CircuitBreakerRegistry.builder().clock(clock).withProperties("test properties", properties).build();

        EngineExecutionResults results = runWithRegistry(NameOnly.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1).skipped(2));
        results.testEvents().assertThatEvents().haveExactly(2, event(skippedWithReason(
                "circuit 'browser' is OPEN since 2026-01-01T00:00:00Z after 1 consecutive failure; last failure: "
                        + "java.lang.IllegalStateException: grid down; next probe at 2026-01-01T00:00:10Z")));
    }

    @Test
    void badPropertyValue_failsTheTestsNamingKeyAndValue() {
        Properties properties = new Properties();
        properties.setProperty("tripswitch.circuit.browser.halfOpenAfter", "soon");
        registry = CircuitBreakerRegistry.builder().clock(clock).withProperties("test properties", properties).build();

        EngineExecutionResults results = runWithRegistry(NameOnly.class);

        results.testEvents().assertStatistics(s -> s.started(3).failed(3));
        results.testEvents().assertThatEvents().haveExactly(3, event(finishedWithFailure(
                instanceOf(CircuitConfigurationException.class),
                message(m -> m.contains("tripswitch.circuit.browser.halfOpenAfter") && m.contains("'soon'")))));
    }

    @Test
    void autoDetection_registersTheExtensionWithoutExtendWith() {
        EngineExecutionResults results = run(Map.of("junit.jupiter.extensions.autodetection.enabled", "true"),
                NoExtendWith.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(2));
        assertEquals(CircuitState.OPEN, circuit("browser").state());
    }

    @Test
    void autoDetectionAndExtendWith_registerTheExtensionOnce() {
        EngineExecutionResults results = run(Map.of("junit.jupiter.extensions.autodetection.enabled", "true"),
                FirstClass.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        assertEquals(2, circuit("browser").snapshot().totalFailures(), "one failure per test, not two");
    }

    @Test
    void anOpeningIsToldWhenItHappens_andTheEndOfRunPrintsOneSummaryLinePerCircuitOnce() {
        String out = capturingStdout(() -> run(FirstClass.class, SecondClass.class, OtherCircuit.class));

        assertThat(out.lines().filter(l -> l.startsWith("Tripswitch:"))).containsExactly(
                "Tripswitch: circuit 'browser' OPENED (2 consecutive failures, last: java.lang.IllegalStateException:"
                        + " grid down); its tests are skipped with the reason until the probe at 2026-01-01T00:00:30Z",
                "Tripswitch: WARNING: circuit 'browser' opened 1 time, skipped 2 tests, let 2 through (0 passed, "
                        + "2 failed, 0 aborted), final state OPEN, last failure: java.lang.IllegalStateException: grid down"
                        + "; the run ended with the circuit OPEN, so its skipped tests never ran",
                "Tripswitch: circuit 'search-api' opened 0 times, skipped 0 tests, let 1 through (1 passed, 0 failed, "
                        + "0 aborted), final state CLOSED");
    }

    @Test
    void annotationWithoutTheExtension_warnsLoudlyOncePerClass() {
        String warnings = launchWithWarningListener(NoExtendWith.class);

        assertThat(warnings).contains("!!! Tripswitch WARNING: " + NoExtendWith.class.getName()
                + " has tests annotated @CircuitProtected,");
        assertThat(warnings).contains("NO circuit breaker protects them");
        assertThat(warnings.lines().filter(l -> l.contains("Tripswitch WARNING"))).hasSize(1);
    }

    @Test
    void annotationWithTheExtension_noWarning() {
        assertThat(launchWithWarningListener(FirstClass.class)).isEmpty();
    }

    @Test
    void fixtureClassOutsideAScenario_isDisabled() {
        EngineExecutionResults results = org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstClass.class)).execute();

        results.containerEvents().assertThatEvents().haveExactly(1, event(
                skippedWithReason("fixture class: runs only inside EngineTestKit scenarios")));
        results.testEvents().assertStatistics(s -> s.started(0).skipped(0));
    }

    private static EngineExecutionResults runWithRegistry(Class<?> fixture) {
        CircuitBreakerRegistry.GlobalOverride override = CircuitBreakerRegistry.replaceGlobal(registry);
        try {
            return run(fixture);
        } finally {
            override.close();
        }
    }

    private static String launchWithWarningListener(Class<?> fixture) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new UnprotectedTestWarning(out))
                .build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameter(FixtureOnly.ENABLED, "true")
                .configurationParameter("junit.jupiter.testmethod.order.default",
                        "org.junit.jupiter.api.MethodOrderer$MethodName")
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        capturingStdout(() -> {
            launcher.execute(request, summary);
            return null;
        });
        assertEquals(fixture == NoExtendWith.class ? 4 : 2, summary.getSummary().getTestsStartedCount(),
                "the fixture really ran");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String capturingStdout(Supplier<?> action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ fixtures

    @FixtureOnly
    @Order(1)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "browser", failureThreshold = 2)
    static class FirstClass {
        @Test void login() { throw new IllegalStateException("grid down"); }
        @Test void logout() { throw new IllegalStateException("grid down"); }
    }

    @FixtureOnly
    @Order(2)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("browser")
    static class SecondClass {
        @Test void checkout() { }
        @Test void search() { }
    }

    @FixtureOnly
    @Order(3)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("search-api")
    static class OtherCircuit {
        @Test void query() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("browser")
    static class DefaultsOnly {
        @Test void t1() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("browser")
    static class NameOnly {
        @Test void t1() { throw new IllegalStateException("grid down"); }
        @Test void t2() { }
        @Test void t3() { }
    }

    /** Annotated, but registers nothing: protected only when auto-detection is on. */
    @FixtureOnly
    @CircuitProtected(value = "browser", failureThreshold = 2)
    static class NoExtendWith {
        @Test void t1() { throw new IllegalStateException("grid down"); }
        @Test void t2() { throw new IllegalStateException("grid down"); }
        @Test void t3() { }
        @Test void t4() { }
    }
}
