package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.internal.FrameworkParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Every {@code tripswitch.*} key may be given as a JUnit configuration parameter ({@code junit-platform.properties},
 * Surefire's {@code configurationParameters}, {@code --config}): below system properties, above
 * {@code tripswitch.properties}; and {@code tripswitch.protect} puts tests without an annotation under a circuit.
 */
class ConfigurationParametersScenariosTest extends Fixtures {

    private CircuitBreakerRegistry.GlobalOverride withSources;

    @BeforeEach
    void registryThatReadsEverySource() {
        withSources = CircuitBreakerRegistry.replaceGlobal(registry = CircuitBreakerRegistry.builder().clock(clock)
                .withSystemSources().build());
    }

    @AfterEach
    void putBack() {
        withSources.close();
        FrameworkParameters.clear();
        System.clearProperty("tripswitch.circuit.cfg.failureThreshold");
    }

    @Test
    void circuitSettings_asConfigurationParameters_areTheCircuitsSettings() {
        EngineExecutionResults results = run(Map.of("tripswitch.circuit.cfg.failureThreshold", "1"), Cfg.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1).skipped(1));
        assertThat(circuit("cfg").config().failureThreshold()).isEqualTo(1);
        assertThat(circuit("cfg").state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aSystemProperty_winsOverTheSameConfigurationParameter() {
        System.setProperty("tripswitch.circuit.cfg.failureThreshold", "3");
        EngineExecutionResults results = run(Map.of("tripswitch.circuit.cfg.failureThreshold", "1"), Cfg.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(0));
        assertThat(circuit("cfg").config().failureThreshold()).isEqualTo(3);
    }

    @Test
    void aBadValue_isRefusedNamingTheKeyTheValueAndTheConfigurationParameters() {
        EngineExecutionResults results = run(Map.of("tripswitch.circuit.cfg.failureThreshold", "none"), Cfg.class);

        results.testEvents().assertThatEvents().haveAtLeastOne(event(test("t1"), finishedWithFailure(message(
                "tripswitch.circuit.cfg.failureThreshold=none (JUnit configuration parameter): must be an integer"
                        + " of 1 or more, but was 'none'"))));
    }

    @Test
    void aMisspelledSetting_isRefused_whenTheTripswitchEngineListsTheKeys() {
        EngineExecutionResults results = ReplayScenariosTest.replaying(
                Map.of("tripswitch.circuit.cfg.failureTreshold", "1"), Cfg.class);

        results.testEvents().assertThatEvents().haveAtLeastOne(event(test("t1"), finishedWithFailure(message(m ->
                m.startsWith("tripswitch.circuit.cfg.failureTreshold=1 (JUnit configuration parameter): unknown"
                        + " setting 'failureTreshold'; allowed settings are ")))));
    }

    @Test
    void tripswitchProtect_putsTestsWithoutAnAnnotationUnderACircuit_aPackagesOwnWins_andAnAnnotationWinsOverBoth() {
        EngineExecutionResults results = run(Map.of(
                "tripswitch.protect", "everything",
                "tripswitch.protect.dev.tripswitch", "tripswitch-tests",
                "tripswitch.circuit.tripswitch-tests.failureThreshold", "1"), NotAnnotated.class, Cfg.class);

        results.testEvents().assertStatistics(s -> s.started(3).failed(3).skipped(1));
        assertThat(circuit("tripswitch-tests").state()).isEqualTo(CircuitState.OPEN);
        assertThat(registry.find("everything")).as("the package's own setting wins").isEmpty();
        assertThat(circuit("cfg").config().failureThreshold()).as("the annotation wins").isEqualTo(5);
    }

    // ------------------------------------------------------------------ fixtures

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("cfg")
    static class Cfg {
        @Test void t1() { throw new IllegalStateException("down"); }
        @Test void t2() { throw new IllegalStateException("down"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class NotAnnotated {
        @Test void n1() { throw new IllegalStateException("down"); }
        @Test void n2() { throw new IllegalStateException("down"); }
    }
}
