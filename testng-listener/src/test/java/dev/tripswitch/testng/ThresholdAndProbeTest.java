package dev.tripswitch.testng;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.SkipException;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** The circuit opening on a threshold, refusing with its reason, and probing after halfOpenAfter. */
class ThresholdAndProbeTest extends WithTestRegistry {

    static final Queue<String> ran = new ConcurrentLinkedQueue<>();


    @BeforeEach
    void clearRecords() {
        ran.clear();
    }

    @CircuitProtected(value = "backend", failureThreshold = 3, halfOpenAfter = "30s", recoveryTimeout = "2m")
    public static class BackendDown {
        @org.testng.annotations.Test(priority = 1)
        public void t1() throws IOException {
            down("t1");
        }

        @org.testng.annotations.Test(priority = 2)
        public void t2() throws IOException {
            down("t2");
        }

        @org.testng.annotations.Test(priority = 3)
        public void t3() throws IOException {
            down("t3");
        }

        @org.testng.annotations.Test(priority = 4)
        public void t4() throws IOException {
            down("t4");
        }

        @org.testng.annotations.Test(priority = 5)
        public void t5() throws IOException {
            down("t5");
        }

        @org.testng.annotations.Test(priority = 6)
        public void t6() throws IOException {
            down("t6");
        }

        private static void down(String name) throws IOException {
            ran.add(name);
            throw new IOException("backend down");
        }
    }

    @CircuitProtected(value = "backend", failureThreshold = 3, halfOpenAfter = "30s", recoveryTimeout = "2m")
    public static class BackendUp {
        @BeforeMethod
        public void setUp() {
            ran.add("setUp");
        }

        @AfterMethod
        public void tearDown() {
            ran.add("tearDown");
        }

        @org.testng.annotations.Test(priority = 1)
        public void u1() {
            ran.add("u1");
        }

        @org.testng.annotations.Test(priority = 2)
        public void u2() {
            ran.add("u2");
        }

        @org.testng.annotations.Test(priority = 3)
        public void u3() {
            ran.add("u3");
        }
    }

    @CircuitProtected(value = "backend", failureThreshold = 3, halfOpenAfter = "30s", recoveryTimeout = "2m")
    public static class AssertionsFail {
        @org.testng.annotations.Test(priority = 1)
        public void a1() {
            wrong("a1");
        }

        @org.testng.annotations.Test(priority = 2)
        public void a2() {
            wrong("a2");
        }

        @org.testng.annotations.Test(priority = 3)
        public void a3() {
            wrong("a3");
        }

        @org.testng.annotations.Test(priority = 4)
        public void a4() {
            wrong("a4");
        }

        @org.testng.annotations.Test(priority = 5)
        public void a5() {
            wrong("a5");
        }

        private static void wrong(String name) {
            ran.add(name);
            throw new AssertionError("expected 42 but was 41");
        }
    }

    @CircuitProtected(value = "backend", failureThreshold = 3, halfOpenAfter = "30s", recoveryTimeout = "2m")
    public static class FirstSkipsItself {
        @org.testng.annotations.Test(priority = 1)
        public void s1() {
            ran.add("s1");
            throw new SkipException("not applicable here");
        }

        @org.testng.annotations.Test(priority = 2)
        public void s2() {
            ran.add("s2");
        }
    }

    private CircuitBreaker backend() {
        return registry.find("backend").orElseThrow();
    }

    /** Opens "backend" as if three infrastructure failures had happened elsewhere (e.g. in JUnit tests). */
    private CircuitBreaker openedElsewhere() {
        CircuitBreaker circuit = registry.circuit(dev.tripswitch.CircuitDefinition
                .of(BackendDown.class.getAnnotation(CircuitProtected.class), "a JUnit test"));
        for (int i = 0; i < 3; i++) {
            circuit.recordFailure(new IOException("backend down"));
        }
        assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
        return circuit;
    }

    @Test
    void sixInfrastructureFailuresWithThresholdThree_firstThreeFailAndTheRestAreSkippedWithTheReason() {
        FixtureRun run = FixtureRun.of(BackendDown.class);

        assertThat(run.statuses()).containsExactly("t1 FAILURE", "t2 FAILURE", "t3 FAILURE",
                "t4 SKIP", "t5 SKIP", "t6 SKIP");
        assertThat(ran).containsExactly("t1", "t2", "t3");
        String reason = "circuit 'backend' is OPEN since 2026-01-01T00:00:00Z after 3 consecutive failures;"
                + " last failure: java.io.IOException: backend down; next probe at 2026-01-01T00:00:30Z";
        assertThat(run.where(FixtureRun.Outcome::skipped)).allSatisfy(o -> {
            assertThat(o.throwable()).isInstanceOf(SkipException.class);
            assertThat(o.reason()).isEqualTo(reason);
        });
        CircuitSnapshot s = backend().snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        assertThat(s.totalFailures()).isEqualTo(3);
        assertThat(s.totalRejected()).isEqualTo(3);
        assertThat(run.summary).containsExactly("Tripswitch: WARNING: circuit 'backend' opened 1 time, skipped 3 tests,"
                + " let 3 through (0 passed, 3 failed, 0 aborted), final state OPEN,"
                + " last failure: java.io.IOException: backend down; the run ended with the circuit OPEN, so its skipped tests never ran");
        assertThat(run.printed).containsOnlyOnce("Tripswitch: WARNING: circuit 'backend' opened 1 time");
    }

    @Test
    void assertionFailures_areReportedAsFailuresAndDoNotTrip() {
        FixtureRun run = FixtureRun.of(AssertionsFail.class);

        assertThat(run.failed()).isEqualTo(5);
        assertThat(run.skipped()).isZero();
        assertThat(ran).hasSize(5);
        CircuitSnapshot s = backend().snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(s.totalFailures()).isZero();
        assertThat(s.totalIgnored()).isEqualTo(5);
    }

    @Test
    void circuitOpenedElsewhere_setUpBodyAndTearDownDoNotRun() {
        openedElsewhere();

        FixtureRun run = FixtureRun.of(BackendUp.class);

        assertThat(run.statuses()).containsExactly("u1 SKIP", "u2 SKIP", "u3 SKIP");
        assertThat(ran).isEmpty();
        assertThat(run.where(FixtureRun.Outcome::skipped)).allSatisfy(o -> assertThat(o.reason())
                .startsWith("circuit 'backend' is OPEN since 2026-01-01T00:00:00Z after 3 consecutive failures"));
        // left out, reported as passed (Surefire would count a skipped configuration as a skipped test)
        assertThat(run.configs).extracting(FixtureRun.Config::method).containsExactly("setUp", "tearDown",
                "setUp", "tearDown", "setUp", "tearDown");
        assertThat(run.configs).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(org.testng.ITestResult.SUCCESS);
            assertThat(c.leftOut()).asString().startsWith("not run: the circuit refused the test: circuit 'backend'"
                    + " is OPEN since 2026-01-01T00:00:00Z");
        });
        assertThat(run.summary).containsExactly("Tripswitch: WARNING: circuit 'backend' opened 0 times, skipped 3 tests,"
                + " let 0 through (0 passed, 0 failed, 0 aborted), final state OPEN,"
                + " last failure: java.io.IOException: backend down; the run ended with the circuit OPEN, so its skipped tests never ran");
    }

    @Test
    void probeAfterHalfOpenAfterPasses_circuitClosesAndTheSuiteGoesOn() {
        openedElsewhere();
        clock.advance(Duration.ofSeconds(30));

        FixtureRun run = FixtureRun.of(BackendUp.class);

        assertThat(run.statuses()).containsExactly("u1 SUCCESS", "u2 SUCCESS", "u3 SUCCESS");
        assertThat(ran).containsExactly("setUp", "u1", "tearDown", "setUp", "u2", "tearDown",
                "setUp", "u3", "tearDown");
        assertThat(backend().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void probeFails_circuitStaysOpenWithTheWaitDoubled() {
        openedElsewhere();
        clock.advance(Duration.ofSeconds(30));

        FixtureRun first = FixtureRun.of(BackendDown.class);

        assertThat(first.statuses()).containsExactly("t1 FAILURE", "t2 SKIP", "t3 SKIP", "t4 SKIP", "t5 SKIP",
                "t6 SKIP");
        CircuitSnapshot s = backend().snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        assertThat(s.currentWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.nextProbeAt()).isEqualTo(MutableClock.START.plusSeconds(90));
        assertThat(first.where(FixtureRun.Outcome::skipped)).allSatisfy(o ->
                assertThat(o.reason()).endsWith("; next probe at 2026-01-01T00:01:30Z"));

        clock.advance(Duration.ofSeconds(59));
        ran.clear();
        FixtureRun tooEarly = FixtureRun.of(BackendDown.class);
        assertThat(tooEarly.skipped()).isEqualTo(6);
        assertThat(ran).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        FixtureRun second = FixtureRun.of(BackendDown.class);
        assertThat(second.failed()).isEqualTo(1);
        assertThat(backend().snapshot().currentWait()).isEqualTo(Duration.ofMinutes(2)); // capped at recoveryTimeout
    }

    @Test
    void probeThatSkipsItself_returnsItsSlotAndTheNextTestProbes() {
        openedElsewhere();
        clock.advance(Duration.ofSeconds(30));

        FixtureRun run = FixtureRun.of(FirstSkipsItself.class);

        assertThat(run.statuses()).containsExactly("s1 SKIP", "s2 SUCCESS");
        assertThat(run.outcomes.get(0).reason()).isEqualTo("not applicable here");
        assertThat(backend().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(run.summary).singleElement().asString().contains("let 2 through (1 passed, 0 failed, 1 aborted)");
    }

    @Test
    void unprotectedTests_touchNoCircuit() {
        FixtureRun run = FixtureRun.of(Unprotected.class);

        assertThat(run.failed()).isEqualTo(2);
        assertThat(registry.all()).isEmpty();
        assertThat(run.summary).isEqualTo(List.of());
    }

    public static class Unprotected {
        @org.testng.annotations.Test
        public void x1() throws IOException {
            throw new IOException("no circuit here");
        }

        @org.testng.annotations.Test
        public void x2() throws IOException {
            throw new IOException("no circuit here");
        }
    }
}
