package dev.tripswitch.testng;

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
import org.junit.jupiter.api.Test;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.DataProvider;
import org.testng.xml.XmlSuite;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code whenOpen = WAIT} through a real TestNG run: a test refused by an OPEN circuit waits, before its
 * {@code @BeforeMethod}, until it may run. TestNG runs on a thread of its own while the scenario moves the
 * controllable clock, once the expected tests are waiting.
 */
class WaitForRecoveryTest extends WithTestRegistry {

    private static final Duration CEILING = FakeShop.CEILING;
    private static final Instant START = dev.tripswitch.MutableClock.START;

    static final AtomicInteger setUps = new AtomicInteger();

    private final ExecutorService testng = Executors.newSingleThreadExecutor();

    @BeforeEach
    void shopDown() {
        FakeShop.reset();
        setUps.set(0);
    }

    @AfterEach
    void stopTestNGThread() {
        testng.shutdownNow();
    }

    @Test
    void openCircuit_nextTestWaitsForTheProbe_thenTheSuiteResumes() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, WaitThenResume.class);
        awaitWaiting("shop", 1);
        assertThat(setUps).as("a waiting test's @BeforeMethod has not run").hasValue(1);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.statuses()).containsExactly("t1_shopDown FAILURE", "t2_waitsThenProbes SUCCESS",
                "t3_afterRecovery SUCCESS");
        assertThat(circuit("shop").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit("shop").waitingCallers()).isZero();
    }

    @Test
    void probeFails_theNextTestWaitsAgainWithinTheBudget_andRunsAfterTheDoubledWait() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, ProbeFailsThenPasses.class);
        awaitWaiting("shop", 1);
        clock.advance(Duration.ofSeconds(10)); // t2 is the probe and fails: open for 20 s
        FakeShop.awaitUntil(() -> circuit("shop").snapshot().timesOpened() == 2, "the probe failed and the circuit re-opened");
        awaitWaiting("shop", 1);
        clock.advance(Duration.ofSeconds(20));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.statuses()).containsExactly("t1_shopDown FAILURE", "t2_probeFails FAILURE",
                "t3_nextProbePasses SUCCESS", "t4_afterRecovery SUCCESS");
    }

    @Test
    void budgetSpent_theWaitingTestAndTheRestOfTheOpeningAreSkippedWithTheWaitingReason() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, BudgetSpent.class);
        awaitWaiting("tight", 1);
        clock.advance(Duration.ofSeconds(5));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.statuses()).containsExactly("t1_shopDown FAILURE", "t2_waitsUntilTheBudgetIsSpent SKIP",
                "t3_skippedAtOnce SKIP");
        assertThat(run.where(FixtureRun.Outcome::skipped)).extracting(FixtureRun.Outcome::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("waited 5s for circuit 'tight' (open since " + START + ") and gave up: "
                        + "its waiting budget (maxWait 5s per opening, shared by every waiting test) is spent; "
                        + "circuit 'tight' is OPEN"),
                r -> assertThat(r).startsWith("did not wait for circuit 'tight' (open since " + START + "): its "
                        + "waiting budget (maxWait 5s per opening, shared by every waiting test) is spent"));
        assertThat(setUps).as("skipped tests never set up").hasValue(1);
    }

    @Test
    void healthCheckHealthy_turnsTheCircuitHalfOpenBeforeHalfOpenAfter_andTheWaitingTestProbes() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, WithHealthCheck.class);
        awaitWaiting("checked", 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(circuit("checked").state()).as("asked: still down").isEqualTo(CircuitState.OPEN);
        FakeShop.comesBack();
        clock.advance(Duration.ofSeconds(1));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.statuses()).containsExactly("t1_shopDown FAILURE", "t2_probesOnceTheShopIsBack SUCCESS",
                "t3_afterRecovery SUCCESS");
        CircuitSnapshot.Transition halfOpen = circuit("checked").snapshot().transitions().get(1);
        assertThat(halfOpen.reason()).isEqualTo("health check " + FakeShop.Health.class.getName()
                + " reported the dependency healthy");
        assertThat(halfOpen.at()).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void throwingHealthCheck_isNotHealthy_andItsMessageIsInTheSkipReason() throws Exception {
        FakeShop.healthCheckThrows("shop answers 503");
        Future<FixtureRun> running = inBackground(suite -> { }, ThrowingHealthCheck.class);
        awaitWaiting("checked-503", 1);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
        }

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.statuses()).containsExactly("t1_shopDown FAILURE", "t2_waitsWhileTheCheckThrows SKIP");
        assertThat(run.where(FixtureRun.Outcome::skipped).get(0).reason())
                .startsWith("waited 3s for circuit 'checked-503'")
                .contains("health check " + FakeShop.Health.class.getName() + ": not healthy: "
                        + "java.lang.IllegalStateException: shop answers 503 (asked at " + START.plusSeconds(3) + ")");
    }

    @Test
    void twoHundredFiftyParallelRowsWaitOnOneCircuit_probesNeverAboveTheLimit_everyRowRuns() throws Exception {
        CircuitBreaker crowd = registry.circuit(dev.tripswitch.CircuitDefinition.builder("crowd", "the scenario")
                .failureThreshold(1).halfOpenAfter(Duration.ofSeconds(10)).permittedProbes(3).successThreshold(3)
                .whenOpen(WhenOpen.WAIT).maxWait(Duration.ofMinutes(1)).build());
        crowd.recordFailure(new IOException("shop down"));
        ProbeBodies probes = new ProbeBodies();
        ProtectedTestEvents.global().add(probes);
        FixtureRun run;
        try {
            Future<FixtureRun> running = inBackground(suite -> {
                suite.setParallel(XmlSuite.ParallelMode.METHODS);
                suite.setThreadCount(4);
                suite.setDataProviderThreadCount(Crowd.ROWS + 10);
            }, Crowd.class);
            awaitWaiting("crowd", Crowd.ROWS);
            clock.advance(Duration.ofSeconds(10));
            run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        } finally {
            ProtectedTestEvents.global().remove(probes);
        }
        assertThat(run.passed()).isEqualTo(Crowd.ROWS);
        assertThat(run.outcomes).hasSize(Crowd.ROWS);
        assertThat(probes.mostAtOnce()).isBetween(1, 3);
        assertThat(probes.probes()).isGreaterThanOrEqualTo(3);
        assertThat(crowd.waitingCallers()).as("no thread left waiting").isZero();
        assertThat(crowd.snapshot().totalSuccesses()).isEqualTo(Crowd.ROWS);
        assertThat(crowd.snapshot().totalRejected()).isZero();
        assertThat(crowd.state()).isEqualTo(CircuitState.CLOSED);
    }

    // ------------------------------------------------------------------ helpers

    private Future<FixtureRun> inBackground(java.util.function.Consumer<XmlSuite> customize, Class<?> fixture) {
        return testng.submit(() -> FixtureRun.of(customize, fixture));
    }

    private CircuitBreaker circuit(String name) {
        return registry.find(name).orElseThrow(() -> new AssertionError("no circuit '" + name + "' was created"));
    }

    private void awaitWaiting(String circuit, int callers) {
        FakeShop.awaitWaiting(registry, circuit, callers);
    }

    // ------------------------------------------------------------------ fixtures

    @CircuitProtected(value = "shop", failureThreshold = 1, halfOpenAfter = "10s", recoveryTimeout = "40s",
            whenOpen = WhenOpen.WAIT, maxWait = "1m")
    public static class WaitThenResume {
        @BeforeMethod public void setUp() { setUps.incrementAndGet(); }
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @org.testng.annotations.Test(priority = 2) public void t2_waitsThenProbes() { }
        @org.testng.annotations.Test(priority = 3) public void t3_afterRecovery() { }
    }

    @CircuitProtected(value = "shop", failureThreshold = 1, halfOpenAfter = "10s", recoveryTimeout = "40s",
            whenOpen = WhenOpen.WAIT, maxWait = "1m")
    public static class ProbeFailsThenPasses {
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @org.testng.annotations.Test(priority = 2) public void t2_probeFails() { throw new IllegalStateException("still down"); }
        @org.testng.annotations.Test(priority = 3) public void t3_nextProbePasses() { }
        @org.testng.annotations.Test(priority = 4) public void t4_afterRecovery() { }
    }

    @CircuitProtected(value = "tight", failureThreshold = 1, halfOpenAfter = "60s", whenOpen = WhenOpen.WAIT,
            maxWait = "5s")
    public static class BudgetSpent {
        @BeforeMethod public void setUp() { setUps.incrementAndGet(); }
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @org.testng.annotations.Test(priority = 2) public void t2_waitsUntilTheBudgetIsSpent() { }
        @org.testng.annotations.Test(priority = 3) public void t3_skippedAtOnce() { }
    }

    @CircuitProtected(value = "checked", failureThreshold = 1, halfOpenAfter = "60s", recoveryTimeout = "60s",
            whenOpen = WhenOpen.WAIT, healthCheck = FakeShop.Health.class, healthCheckInterval = "1s",
            earlyWarning = "false") // the story starts with a failure: the check is asked once OPEN
    public static class WithHealthCheck {
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @org.testng.annotations.Test(priority = 2) public void t2_probesOnceTheShopIsBack() { }
        @org.testng.annotations.Test(priority = 3) public void t3_afterRecovery() { }
    }

    @CircuitProtected(value = "checked-503", failureThreshold = 1, halfOpenAfter = "60s", recoveryTimeout = "60s",
            whenOpen = WhenOpen.WAIT, maxWait = "3s", healthCheck = FakeShop.Health.class, healthCheckInterval = "1s",
            earlyWarning = "false") // the story starts with a failure: the check is asked once OPEN
    public static class ThrowingHealthCheck {
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { throw new IllegalStateException("shop down"); }
        @org.testng.annotations.Test(priority = 2) public void t2_waitsWhileTheCheckThrows() { }
    }

    @CircuitProtected("crowd")
    public static class Crowd {
        static final int ROWS = 250;

        @DataProvider(parallel = true)
        public Object[][] rows() {
            return IntStream.range(0, ROWS).mapToObj(i -> new Object[] {i}).toArray(Object[][]::new);
        }

        @org.testng.annotations.Test(dataProvider = "rows")
        public void page(int row) {
            ProbeBodies.body();
        }
    }
}
