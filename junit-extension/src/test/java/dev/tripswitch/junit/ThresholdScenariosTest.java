package dev.tripswitch.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Opening the circuit: what counts, what is skipped, and with which reason. */
class ThresholdScenariosTest extends Fixtures {

    static final String OPEN_AFTER_GRID_DOWN = "circuit 'browser' is OPEN since 2026-01-01T00:00:00Z after 2 "
            + "consecutive failures; last failure: java.lang.IllegalStateException: grid down; "
            + "next probe at 2026-01-01T00:00:30Z";

    /** The fixtures' counters are static and other test classes run the same fixtures: count from zero here. */
    @BeforeEach
    void resetFixtureCounters() {
        TwoFailuresThenTwoMore.bodiesRunAfterOpening.set(0);
        SetUpFails.setUps.set(0);
    }

    @Test
    void thresholdReached_restSkippedWithExactReason() {
        EngineExecutionResults results = run(TwoFailuresThenTwoMore.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).succeeded(0).skipped(2));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("t1_gridDown"), finishedWithFailure(message("grid down"))))
                .haveExactly(1, event(test("t3_wouldPass"), skippedWithReason(OPEN_AFTER_GRID_DOWN)))
                .haveExactly(1, event(test("t4_wouldPass"), skippedWithReason(OPEN_AFTER_GRID_DOWN)));
        CircuitSnapshot s = circuit("browser").snapshot();
        assertEquals(CircuitState.OPEN, s.state());
        assertEquals(2, s.totalFailures());
        assertEquals(2, s.totalRejected());
        assertEquals(0, TwoFailuresThenTwoMore.bodiesRunAfterOpening.get());
    }

    @Test
    void assertionFailures_doNotTripTheCircuit() {
        EngineExecutionResults results = run(FiveAssertionFailures.class);

        results.testEvents().assertStatistics(s -> s.started(5).failed(5).skipped(0));
        CircuitSnapshot s = circuit("browser").snapshot();
        assertEquals(CircuitState.CLOSED, s.state());
        assertEquals(0, s.totalFailures());
        assertEquals(5, s.totalIgnored());
    }

    @Test
    void assertionFailuresWithEmptyIgnoreOn_tripTheCircuit() {
        EngineExecutionResults results = run(AssertionFailuresCounted.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(1));
        assertEquals(CircuitState.OPEN, circuit("strict").state());
    }

    @Test
    void recordOnNarrowed_otherFailuresDoNotCount() {
        EngineExecutionResults results = run(OnlyIoFailuresCount.class);

        results.testEvents().assertStatistics(s -> s.started(4).failed(3).succeeded(1).skipped(0));
        CircuitSnapshot s = circuit("api").snapshot();
        assertEquals(CircuitState.CLOSED, s.state(), "an IOException, then a pass resets the count");
        assertEquals(2, s.totalFailures());
        assertEquals(1, s.totalIgnored());
    }

    @Test
    void beforeEachFailures_countAndSkippedTestsDoNotSetUp() {
        EngineExecutionResults results = run(SetUpFails.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(3));
        results.testEvents().assertThatEvents()
                .haveExactly(2, event(finishedWithFailure(instanceOf(IllegalStateException.class),
                        message("grid down"))))
                .haveExactly(3, event(skippedWithReason(OPEN_AFTER_GRID_DOWN)));
        assertEquals(2, SetUpFails.setUps.get(), "no @BeforeEach runs for a skipped test");
    }

    @Test
    void passBetweenFailures_resetsTheCount() {
        EngineExecutionResults results = run(FailPassFail.class);

        results.testEvents().assertStatistics(s -> s.started(3).failed(2).succeeded(1).skipped(0));
        assertEquals(1, circuit("browser").snapshot().failureCount());
    }

    @Test
    void abortedTests_recordNothing() {
        EngineExecutionResults results = run(AbortedTests.class);

        results.testEvents().assertStatistics(s -> s.started(3).aborted(3).skipped(0));
        CircuitSnapshot s = circuit("browser").snapshot();
        assertEquals(CircuitState.CLOSED, s.state());
        assertEquals(0, s.totalFailures() + s.totalSuccesses() + s.totalIgnored());
    }

    @Test
    void methodAnnotation_winsOverClassAnnotation() {
        EngineExecutionResults results = run(MethodOverridesClass.class);

        results.testEvents().assertStatistics(s -> s.started(3).failed(3).skipped(0));
        assertThat(circuit("class-circuit").snapshot().totalFailures()).isEqualTo(1);
        assertThat(circuit("method-circuit").snapshot().totalFailures()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ fixtures

    /** Also the fixture for the Surefire report demonstration (see README), hence its own method order. */
    @FixtureOnly
    @TestMethodOrder(MethodOrderer.MethodName.class)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "browser", failureThreshold = 2)
    static class TwoFailuresThenTwoMore {
        static final AtomicInteger bodiesRunAfterOpening = new AtomicInteger();

        @Test
        void t1_gridDown() {
            throw new IllegalStateException("grid down");
        }

        @Test
        void t2_gridDown() {
            throw new IllegalStateException("grid down");
        }

        @Test
        void t3_wouldPass() {
            bodiesRunAfterOpening.incrementAndGet();
        }

        @Test
        void t4_wouldPass() {
            bodiesRunAfterOpening.incrementAndGet();
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "browser", failureThreshold = 2)
    static class FiveAssertionFailures {
        @Test void t1() { fail("wrong title"); }
        @Test void t2() { fail("wrong title"); }
        @Test void t3() { assertEquals(1, 2); }
        @Test void t4() { fail("wrong title"); }
        @Test void t5() { fail("wrong title"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "strict", failureThreshold = 2, ignoreOn = {})
    static class AssertionFailuresCounted {
        @Test void t1() { fail("wrong title"); }
        @Test void t2() { fail("wrong title"); }
        @Test void t3() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "api", failureThreshold = 2, recordOn = IOException.class)
    static class OnlyIoFailuresCount {
        @Test void t1() throws IOException { throw new IOException("connection refused"); }
        @Test void t2() { throw new IllegalArgumentException("a bug, not an outage"); }
        @Test void t3() { }
        @Test void t4() throws IOException { throw new IOException("connection refused"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "browser", failureThreshold = 2)
    static class SetUpFails {
        static final AtomicInteger setUps = new AtomicInteger();

        @BeforeEach
        void startBrowser() {
            setUps.incrementAndGet();
            throw new IllegalStateException("grid down");
        }

        @Test void t1() { }
        @Test void t2() { }
        @Test void t3() { }
        @Test void t4() { }
        @Test void t5() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "browser", failureThreshold = 2)
    static class FailPassFail {
        @Test void t1() { throw new IllegalStateException("grid down"); }
        @Test void t2() { }
        @Test void t3() { throw new IllegalStateException("grid down"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "browser", failureThreshold = 1)
    static class AbortedTests {
        @Test void t1() { Assumptions.abort("no browser on this agent"); }
        @Test void t2() { Assumptions.assumeTrue(false, "feature flag off"); }
        @Test void t3() { Assumptions.abort("no browser on this agent"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "class-circuit", failureThreshold = 5)
    static class MethodOverridesClass {
        @Test void t1() { throw new IllegalStateException("down"); }

        @Test
        @CircuitProtected(value = "method-circuit", failureThreshold = 5)
        void t2() { throw new IllegalStateException("down"); }

        @Test
        @CircuitProtected(value = "method-circuit", failureThreshold = 5)
        void t3() { throw new IllegalStateException("down"); }
    }
}
