package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.internal.FrameworkParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.ITestResult;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TestNG suite's {@code <parameter>}s are a source of every {@code tripswitch.*} key (below system properties,
 * above {@code tripswitch.properties}), the whole-suite {@code tripswitch.protect} included.
 */
class SuiteParametersTest extends WithTestRegistry {

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
    }

    @Test
    void circuitSettingsAsSuiteParameters_areTheCircuitsSettings() {
        FixtureRun run = FixtureRun.of(suite -> suite.setParameters(Map.of(
                "tripswitch.circuit.suite-param.failureThreshold", "1")), Annotated.class);

        assertThat(registry.find("suite-param").orElseThrow().config().failureThreshold()).isEqualTo(1);
        assertThat(run.outcomes).extracting(FixtureRun.Outcome::status)
                .containsExactly(ITestResult.FAILURE, ITestResult.SKIP);
    }

    @Test
    void tripswitchProtect_asASuiteParameter_putsTestsWithoutAnAnnotationUnderTheCircuit() {
        FixtureRun run = FixtureRun.of(suite -> suite.setParameters(Map.of("tripswitch.protect", "whole-suite",
                "tripswitch.circuit.whole-suite.failureThreshold", "1")), NotAnnotated.class);

        assertThat(registry.find("whole-suite").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        assertThat(run.outcomes).extracting(FixtureRun.Outcome::status)
                .containsExactly(ITestResult.FAILURE, ITestResult.SKIP);
    }

    /** A TestNG fixture: not run by Surefire (JUnit Platform provider only). */
    @CircuitProtected("suite-param")
    public static class Annotated {
        @org.testng.annotations.Test(priority = 1)
        public void first() {
            throw new IllegalStateException("down");
        }

        @org.testng.annotations.Test(priority = 2)
        public void second() {
            throw new IllegalStateException("down");
        }
    }

    /** A TestNG fixture without an annotation. */
    public static class NotAnnotated {
        @org.testng.annotations.Test(priority = 1)
        public void first() {
            throw new IllegalStateException("down");
        }

        @org.testng.annotations.Test(priority = 2)
        public void second() {
            throw new IllegalStateException("down");
        }
    }
}
