package dev.tripswitch.testng;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad replay settings are refused before any test runs, with a message that names the setting, the value, what is
 * allowed and where it was given; a bad {@code whenOpen} fails the tests of its circuit with core's message.
 */
class ReplaySettingsTest extends WithTestRegistry {

    @BeforeEach
    void nothingRanYet() {
        ReplayTest.ran.clear();
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty("tripswitch.replay.budget");
        System.clearProperty("tripswitch.replay.rounds");
    }

    @Test
    void negativeBudgetAsSuiteParameter_theRunIsRefusedBeforeAnyTestRuns() {
        assertThatThrownBy(() -> FixtureRun.replaying(suite -> suite.setParameters(Map.of("tripswitch.replay.budget", "-5s")),
                ReplayTest.Checkout.class))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.replay.budget must be a duration from 0 to 24h (" + formsOfDurations()
                        + "), but was '-5s' (TestNG suite parameter)");
        assertThat(ReplayTest.ran).isEmpty();
    }

    @Test
    void systemPropertyWinsOverTheSuiteParameter_andABadOneIsRefusedNamingIt() {
        System.setProperty("tripswitch.replay.rounds", "eleven");
        assertThatThrownBy(() -> FixtureRun.of(suite -> suite.setParameters(Map.of("tripswitch.replay.rounds", "2")),
                ReplayTest.Checkout.class))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.replay.rounds must be a whole number from 0 to 10, but was 'eleven'"
                        + " (system property)");
    }

    @Test
    void unknownWhenOpen_failsTheTestsOfItsCircuitNamingTheSettingTheValueAndWhatIsAllowed() {
        java.util.Properties file = new java.util.Properties();
        file.setProperty("tripswitch.circuit.replayx.whenOpen", "REPLAYX");
        FixtureRun run;
        try (var withFile = dev.tripswitch.CircuitBreakerRegistry.replaceGlobal(dev.tripswitch.CircuitBreakerRegistry
                .builder().clock(clock).withProperties("tripswitch.properties", file).build())) {
            run = FixtureRun.replaying(ReplayX.class);
        }

        assertThat(run.finalStatuses()).containsExactly("call FAILURE");
        assertThat(run.outcomes.get(0).reason()).isEqualTo("tripswitch.circuit.replayx.whenOpen=REPLAYX"
                + " (tripswitch.properties): must be one of SKIP, WAIT, REPLAY, but was 'REPLAYX'");
    }

    private static String formsOfDurations() {
        return dev.tripswitch.internal.Durations.FORMS; // the readable forms, as core lists them
    }

    @CircuitProtected("replayx")
    public static class ReplayX {
        @org.testng.annotations.Test
        public void call() {
        }
    }
}
