package dev.tripswitch.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;

/** Half-open: the probe after halfOpenAfter, what its outcome does, and that a probe slot is never lost. */
class ProbeScenariosTest extends Fixtures {

    @Test
    void probeAfterHalfOpenAfterPasses_circuitClosesAndTestsResume() {
        EngineExecutionResults results = run(TripWaitProbe.class);

        results.testEvents().assertStatistics(s -> s.started(5).failed(2).succeeded(3).skipped(1));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("t3_whileOpen"), skippedWithReason(ThresholdScenariosTest.OPEN_AFTER_GRID_DOWN)))
                .haveExactly(1, event(test("t5_probe"), finishedSuccessfully()))
                .haveExactly(1, event(test("t6_afterRecovery"), finishedSuccessfully()));
        CircuitSnapshot s = circuit("browser").snapshot();
        assertEquals(CircuitState.CLOSED, s.state());
        assertEquals(List.of(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED),
                s.transitions().stream().map(CircuitSnapshot.Transition::to).toList());
    }

    @Test
    void probeFails_circuitStaysOpenWithDoubledWait() {
        run(Trip.class);
        clock.advance(Duration.ofSeconds(30));

        EngineExecutionResults results = run(ProbeFails.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1).skipped(2));
        results.testEvents().assertThatEvents().haveExactly(2, event(skippedWithReason(
                "circuit 'browser' is OPEN since 2026-01-01T00:00:30Z (the outage began at 2026-01-01T00:00:00Z) after"
                        + " 2 consecutive failures; last failure: java.lang.IllegalStateException: still down; next probe"
                        + " at 2026-01-01T00:01:30Z")));
        CircuitSnapshot s = circuit("browser").snapshot();
        assertEquals(CircuitState.OPEN, s.state());
        assertEquals(Duration.ofSeconds(60), s.currentWait());
        assertEquals(Instant.parse("2026-01-01T00:01:30Z"), s.nextProbeAt());
        assertEquals(2, s.timesOpened());
    }

    @Test
    void secondFailedProbe_waitDoublesAgainUpToRecoveryTimeout() {
        run(Trip.class);
        clock.advance(Duration.ofSeconds(30));
        run(ProbeFails.class); // wait 60s
        clock.advance(Duration.ofSeconds(60));

        run(ProbeFails.class); // 120s, capped at recoveryTimeout = 100s

        CircuitSnapshot s = circuit("browser").snapshot();
        assertEquals(Duration.ofSeconds(100), s.currentWait());
        assertEquals(Instant.parse("2026-01-01T00:03:10Z"), s.nextProbeAt());
    }

    @Test
    void beforeProbeIsDue_everythingStaysSkipped() {
        run(Trip.class);
        clock.advance(Duration.ofSeconds(29));

        run(ProbeFails.class).testEvents().assertStatistics(s -> s.started(0).skipped(3));
    }

    @Test
    void abortedProbe_givesItsSlotBackAndTheNextTestProbes() {
        run(Trip.class);
        clock.advance(Duration.ofSeconds(30));

        EngineExecutionResults results = run(AbortedProbe.class);

        results.testEvents().assertStatistics(s -> s.started(3).aborted(1).succeeded(2).skipped(0));
        assertEquals(CircuitState.CLOSED, circuit("browser").state());
    }

    @Test
    void probeDisabledByALaterCondition_givesItsPermitBack() {
        run(Trip.class);
        clock.advance(Duration.ofSeconds(30));

        EngineExecutionResults results = run(ProbeDisabledLater.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).skipped(1));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("t1_disabledAfterPermission"), skippedWithReason("disabled later")));
        assertEquals(CircuitState.CLOSED, circuit("browser").state());
    }

    @Test
    void successThresholdOfTwo_needsTwoPassingProbes() {
        run(TripNeedsTwoProbes.class);
        clock.advance(Duration.ofSeconds(30));

        EngineExecutionResults results = run(TwoProbes.class);

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        CircuitSnapshot s = circuit("careful").snapshot();
        assertEquals(CircuitState.CLOSED, s.state());
        assertEquals(List.of(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED),
                s.transitions().stream().map(CircuitSnapshot.Transition::to).toList());
    }

    // ------------------------------------------------------------------ fixtures

    /** A composed annotation of the user's own: the circuit as a meta-annotation. */
    @Retention(RetentionPolicy.RUNTIME)
    @CircuitProtected(value = "browser", failureThreshold = 2, halfOpenAfter = "30s", recoveryTimeout = "100s")
    @interface Browser {
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class TripWaitProbe {
        @Test @Browser void t1_gridDown() { throw new IllegalStateException("grid down"); }
        @Test @Browser void t2_gridDown() { throw new IllegalStateException("grid down"); }
        @Test @Browser void t3_whileOpen() { }
        @Test void t4_thirtySecondsPass() { clock.advance(Duration.ofSeconds(30)); }
        @Test @Browser void t5_probe() { }
        @Test @Browser void t6_afterRecovery() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @Browser
    static class Trip {
        @Test void t1() { throw new IllegalStateException("grid down"); }
        @Test void t2() { throw new IllegalStateException("grid down"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @Browser
    static class ProbeFails {
        @Test void t1_probe() { throw new IllegalStateException("still down"); }
        @Test void t2() { }
        @Test void t3() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @Browser
    static class AbortedProbe {
        @Test void t1_probeAborted() { Assumptions.abort("not on this agent"); }
        @Test void t2_nextProbe() { }
        @Test void t3() { }
    }

    /** Disables t1 after the circuit extension granted it the probe permit. */
    static class DisabledLater implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestMethod().filter(m -> m.getName().startsWith("t1")).isPresent()
                    ? ConditionEvaluationResult.disabled("disabled later")
                    : ConditionEvaluationResult.enabled("fine");
        }
    }

    @FixtureOnly
    @ExtendWith({CircuitBreakerExtension.class, DisabledLater.class})
    @Browser
    static class ProbeDisabledLater {
        @Test void t1_disabledAfterPermission() { }
        @Test void t2_probe() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "careful", failureThreshold = 1, successThreshold = 2)
    static class TripNeedsTwoProbes {
        @Test void t1() { throw new IllegalStateException("down"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "careful", failureThreshold = 1, successThreshold = 2)
    static class TwoProbes {
        @Test void t1_firstProbe() { }
        @Test void t2_secondProbe() { }
        @Test void t3_closed() { }
    }
}
