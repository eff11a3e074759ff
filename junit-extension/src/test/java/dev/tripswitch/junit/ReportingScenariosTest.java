package dev.tripswitch.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.Switches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the extension tells reporting integrations, and running with the circuit breaker switched off. */
class ReportingScenariosTest extends Fixtures {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final ProtectedTestListener recorder = new ProtectedTestListener() {
        @Override
        public void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
            events.add("admitted " + test.methodName() + " " + atStart.state());
        }

        @Override
        public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
            events.add("refused " + test.methodName() + ": " + reason);
        }

        @Override
        public void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
            events.add("finished " + test.methodName() + " " + outcome + " " + after.state());
        }
    };

    @AfterEach
    void removeRecorder() {
        ProtectedTestEvents.global().remove(recorder);
        System.clearProperty(Switches.ENABLED);
    }

    @Test
    void eachProtectedTest_isReportedAdmittedAndFinished_orRefused() {
        ProtectedTestEvents.global().add(recorder);
        run(ThresholdScenariosTest.TwoFailuresThenTwoMore.class);
        assertThat(events).containsExactly(
                "admitted t1_gridDown CLOSED",
                "finished t1_gridDown FAILED_COUNTED CLOSED",
                "admitted t2_gridDown CLOSED",
                "finished t2_gridDown FAILED_COUNTED OPEN",
                "refused t3_wouldPass: " + ThresholdScenariosTest.OPEN_AFTER_GRID_DOWN,
                "refused t4_wouldPass: " + ThresholdScenariosTest.OPEN_AFTER_GRID_DOWN);
    }

    @Test
    void switchedOff_everyTestRunsAndNoCircuitIsAsked() {
        System.setProperty(Switches.ENABLED, "false");
        EngineExecutionResults results = run(ThresholdScenariosTest.TwoFailuresThenTwoMore.class);
        results.testEvents().assertStatistics(s -> s.started(4).failed(2).succeeded(2).skipped(0));
        assertThat(registry.find("browser")).isEmpty();
    }

    @Test
    void aBadSwitchValue_failsTheProtectedTestsByName() {
        System.setProperty(Switches.ENABLED, "maybe");
        EngineExecutionResults results = run(OnePassing.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage())
                .isEqualTo("tripswitch.enabled=maybe (system property): must be true or false");
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("browser")
    static class OnePassing {
        @Test
        void passes() {
        }
    }
}
