package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FakeShop;
import dev.tripswitch.ProbeBodies;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.internal.ProtectedTestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@code whenOpen = WAIT} through the real engine: a test refused by an OPEN circuit waits on its own thread,
 * before its set-up, until it may run. The engine runs on a thread of its own while the scenario moves the
 * controllable clock, once the expected tests are waiting.
 */
class WaitScenariosTest extends Fixtures {

    private static final Duration CEILING = FakeShop.CEILING;

    static final AtomicInteger setUps = new AtomicInteger();

    private final ExecutorService engine = Executors.newSingleThreadExecutor();

    @BeforeEach
    void shopDown() {
        FakeShop.reset();
        setUps.set(0);
    }

    @AfterEach
    void stopEngineThread() {
        engine.shutdownNow();
    }

    @Test
    void openCircuit_nextTestWaitsForTheProbe_thenTheSuiteResumes() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), WaitThenResume.class);
        awaitWaiting("shop", 1);
        assertThat(setUps).as("a waiting test's set-up has not run").hasValue(1);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(3).failed(1).succeeded(2).skipped(0));
        assertThat(circuit("shop").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit("shop").waitingCallers()).isZero();
    }

    @Test
    void aHoldIsAnnouncedWhenItBeginsAndEnds_andTheTestThatWaitedNotesHowLong() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        EngineExecutionResults results;
        try {
            Future<EngineExecutionResults> running = inBackground(Map.of(), WaitThenResume.class);
            awaitWaiting("shop", 1);
            clock.advance(Duration.ofSeconds(10));
            results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        } finally {
            System.setOut(original);
        }

        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("holding") || l.contains("holds")))
                .satisfiesExactly(
                        l -> assertThat(l).startsWith("Tripswitch: holding the tests of circuit 'shop' while it is"
                                + " OPEN, up to 1m per opening: circuit 'shop' is OPEN since " + START),
                        l -> assertThat(l).startsWith("Tripswitch: circuit 'shop' no longer holds tests (held them"
                                + " 10s): a test may run now; circuit 'shop' is HALF_OPEN"));
        assertThat(results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow()
                        .getKeyValuePairs().get("tripswitch.waited")))
                .containsExactly("Waited 10s for circuit 'shop'");
    }

    @Test
    void probeFails_theNextTestWaitsAgainWithinTheBudget_andRunsAfterTheDoubledWait() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), ProbeFailsThenPasses.class);
        awaitWaiting("shop", 1);
        clock.advance(Duration.ofSeconds(10)); // t2 is the probe and fails: open for 20 s
        FakeShop.awaitUntil(() -> circuit("shop").snapshot().timesOpened() == 2, "the probe failed and the circuit re-opened");
        awaitWaiting("shop", 1);
        clock.advance(Duration.ofSeconds(20));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(4).failed(2).succeeded(2).skipped(0));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("t2_probeFails"), finishedWithFailure(message("still down"))))
                .haveExactly(1, event(test("t3_nextProbePasses"), finishedSuccessfully()));
        assertThat(circuit("shop").snapshot().timesOpened()).isEqualTo(2);
    }

    @Test
    void budgetSpent_theWaitingTestAndTheRestOfTheOpeningAreSkippedWithTheWaitingReason() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), BudgetSpent.class);
        awaitWaiting("tight", 1);
        clock.advance(Duration.ofSeconds(5));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).skipped(2));
        assertThat(skipReasons(results)).satisfiesExactly(
                r -> assertThat(r).startsWith("waited 5s for circuit 'tight' (open since " + START + ") and gave up: "
                        + "its waiting budget (maxWait 5s per opening, shared by every waiting test) is spent; "
                        + "circuit 'tight' is OPEN"),
                r -> assertThat(r).startsWith("did not wait for circuit 'tight' (open since " + START + "): its "
                        + "waiting budget (maxWait 5s per opening, shared by every waiting test) is spent"));
        assertThat(setUps).as("skipped tests never set up").hasValue(1);
    }

    @Test
    void healthCheckHealthy_turnsTheCircuitHalfOpenBeforeHalfOpenAfter_andTheWaitingTestProbes() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), WithHealthCheck.class);
        awaitWaiting("checked", 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(circuit("checked").state()).as("asked: still down").isEqualTo(CircuitState.OPEN);
        FakeShop.comesBack();
        clock.advance(Duration.ofSeconds(1)); // asked: back

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(3).failed(1).succeeded(2).skipped(0));
        CircuitSnapshot s = circuit("checked").snapshot();
        assertThat(s.transitions()).extracting(CircuitSnapshot.Transition::reason).element(1).isEqualTo(
                "health check " + FakeShop.Health.class.getName() + " reported the dependency healthy");
        assertThat(s.transitions().get(1).at()).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void throwingHealthCheck_isNotHealthy_andItsMessageIsInTheSkipReason() throws Exception {
        FakeShop.healthCheckThrows("shop answers 503");
        Future<EngineExecutionResults> running = inBackground(Map.of(), ThrowingHealthCheck.class);
        awaitWaiting("checked-503", 1);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
        }

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).skipped(1));
        assertThat(skipReasons(results)).singleElement().asString()
                .startsWith("waited 3s for circuit 'checked-503'")
                .contains("health check " + FakeShop.Health.class.getName() + ": not healthy: "
                        + "java.lang.IllegalStateException: shop answers 503 (asked at " + START.plusSeconds(3) + ")");
    }

    @Test
    void twoHundredFiftyParallelTestsWaitOnOneCircuit_probesNeverAboveTheLimit_everyTestRuns() throws Exception {
        run(TripCrowd.class);
        assertThat(circuit("crowd").state()).isEqualTo(CircuitState.OPEN);
        ProbeBodies probes = new ProbeBodies();
        ProtectedTestEvents.global().add(probes);
        try {
            Map<String, String> parallel = new HashMap<>(ParallelScenariosTest.PARALLEL);
            parallel.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "260");
            parallel.put("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "300");
            Future<EngineExecutionResults> running = inBackground(parallel, Crowd.class);
            awaitWaiting("crowd", Crowd.TESTS);
            clock.advance(Duration.ofSeconds(10));

            EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
            results.testEvents().assertStatistics(s -> s.started(Crowd.TESTS).succeeded(Crowd.TESTS).skipped(0));
        } finally {
            ProtectedTestEvents.global().remove(probes);
        }
        assertThat(probes.mostAtOnce()).isBetween(1, 3);
        assertThat(probes.probes()).isGreaterThanOrEqualTo(3);
        CircuitBreaker crowd = circuit("crowd");
        assertThat(crowd.waitingCallers()).as("no thread left waiting").isZero();
        assertThat(crowd.snapshot().totalSuccesses()).isEqualTo(Crowd.TESTS);
        assertThat(crowd.snapshot().totalRejected()).isZero();
        assertThat(crowd.state()).isEqualTo(CircuitState.CLOSED);
    }

    // ------------------------------------------------------------------ helpers

    private Future<EngineExecutionResults> inBackground(Map<String, String> configuration, Class<?> fixture) {
        return engine.submit(() -> run(configuration, fixture));
    }

    private static void awaitWaiting(String circuit, int callers) {
        FakeShop.awaitWaiting(registry, circuit, callers);
    }

    private static java.util.List<String> skipReasons(EngineExecutionResults results) {
        return results.testEvents().skipped().stream()
                .map(e -> e.getPayload(String.class).orElse("(no reason)")).toList();
    }

    // ------------------------------------------------------------------ fixtures

    @Retention(RetentionPolicy.RUNTIME)
    @CircuitProtected(value = "shop", failureThreshold = 1, halfOpenAfter = "10s", recoveryTimeout = "40s",
            whenOpen = WhenOpen.WAIT, maxWait = "1m")
    @interface Shop {
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @Shop
    static class WaitThenResume {
        @org.junit.jupiter.api.BeforeEach void setUp() { setUps.incrementAndGet(); }
        @Test void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @Test void t2_waitsThenProbes() { }
        @Test void t3_afterRecovery() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @Shop
    static class ProbeFailsThenPasses {
        @Test void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @Test void t2_probeFails() { throw new IllegalStateException("still down"); }
        @Test void t3_nextProbePasses() { }
        @Test void t4_afterRecovery() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "tight", failureThreshold = 1, halfOpenAfter = "60s", whenOpen = WhenOpen.WAIT,
            maxWait = "5s")
    static class BudgetSpent {
        @org.junit.jupiter.api.BeforeEach void setUp() { setUps.incrementAndGet(); }
        @Test void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @Test void t2_waitsUntilTheBudgetIsSpent() { }
        @Test void t3_skippedAtOnce() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "checked", failureThreshold = 1, halfOpenAfter = "60s", recoveryTimeout = "60s",
            whenOpen = WhenOpen.WAIT, healthCheck = FakeShop.Health.class, healthCheckInterval = "1s",
            earlyWarning = "false") // the story starts with a failure: the check is asked once OPEN
    static class WithHealthCheck {
        @Test void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @Test void t2_probesOnceTheShopIsBack() { }
        @Test void t3_afterRecovery() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "checked-503", failureThreshold = 1, halfOpenAfter = "60s", recoveryTimeout = "60s",
            whenOpen = WhenOpen.WAIT, maxWait = "3s", healthCheck = FakeShop.Health.class, healthCheckInterval = "1s",
            earlyWarning = "false") // the story starts with a failure: the check is asked once OPEN
    static class ThrowingHealthCheck {
        @Test void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @Test void t2_waitsWhileTheCheckThrows() { }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @CircuitProtected(value = "crowd", failureThreshold = 1, halfOpenAfter = "10s", permittedProbes = 3,
            successThreshold = 3, whenOpen = WhenOpen.WAIT, maxWait = "1m")
    @interface CrowdCircuit {
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CrowdCircuit
    static class TripCrowd {
        @Test void down() { throw new IllegalStateException("shop down"); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @Execution(ExecutionMode.CONCURRENT)
    @CrowdCircuit
    static class Crowd {
        static final int TESTS = 250;

        @RepeatedTest(TESTS)
        void page() {
            ProbeBodies.body();
        }
    }
}
