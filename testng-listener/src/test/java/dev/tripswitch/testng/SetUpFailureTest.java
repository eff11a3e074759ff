package dev.tripswitch.testng;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.CircuitEventListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;
import org.testng.xml.XmlSuite;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** Failing set-up methods count against the circuit once; the skips TestNG derives from them count nothing. */
class SetUpFailureTest extends WithTestRegistry {

    static final Queue<String> ran = new ConcurrentLinkedQueue<>();


    @BeforeEach
    void clearRecords() {
        ran.clear();
    }

    @CircuitProtected(value = "browser", failureThreshold = 3)
    public static class BrowserNeverStarts {
        @BeforeMethod
        public void startBrowser() throws IOException {
            ran.add("startBrowser");
            throw new IOException("session not created: chrome not reachable");
        }

        @org.testng.annotations.Test(priority = 1)
        public void b1() {
            ran.add("b1");
        }

        @org.testng.annotations.Test(priority = 2)
        public void b2() {
            ran.add("b2");
        }

        @org.testng.annotations.Test(priority = 3)
        public void b3() {
            ran.add("b3");
        }

        @org.testng.annotations.Test(priority = 4)
        public void b4() {
            ran.add("b4");
        }

        @org.testng.annotations.Test(priority = 5)
        public void b5() {
            ran.add("b5");
        }
    }

    @CircuitProtected(value = "browser", failureThreshold = 3)
    public static class ClassSetUpFails {
        @BeforeClass
        public void startGrid() throws IOException {
            ran.add("startGrid");
            throw new IOException("grid unreachable");
        }

        @org.testng.annotations.Test(priority = 1)
        public void c1() {
            ran.add("c1");
        }

        @org.testng.annotations.Test(priority = 2)
        public void c2() {
            ran.add("c2");
        }

        @org.testng.annotations.Test(priority = 3)
        public void c3() {
            ran.add("c3");
        }

        @org.testng.annotations.Test(priority = 4)
        public void c4() {
            ran.add("c4");
        }
    }

    @CircuitProtected(value = "browser", failureThreshold = 3)
    public static class ClassSetUpWorks {
        @BeforeClass
        public void startGrid() {
            ran.add("startGrid");
        }

        @BeforeMethod
        public void startBrowser() {
            ran.add("startBrowser");
        }

        @org.testng.annotations.Test(priority = 1)
        public void w1() {
            ran.add("w1");
        }

        @org.testng.annotations.Test(priority = 2)
        public void w2() {
            ran.add("w2");
        }
    }

    @CircuitProtected(value = "browser", failureThreshold = 3)
    public static class ClassSetUpRefusedMidRun {
        @BeforeClass
        public void startGrid() {
            ran.add("startGrid");
        }

        @org.testng.annotations.Test(priority = 1)
        public void m1() {
            ran.add("m1");
        }

        @org.testng.annotations.Test(priority = 2)
        public void m2() {
            ran.add("m2");
        }
    }

    @CircuitProtected(value = "browser", failureThreshold = 3)
    public static class SetUpSkipsItself {
        @BeforeMethod
        public void startBrowser() {
            ran.add("startBrowser");
            throw new SkipException("no browser wanted today");
        }

        @org.testng.annotations.Test
        public void k1() {
            ran.add("k1");
        }
    }

    private CircuitBreaker browser() {
        return registry.find("browser").orElseThrow();
    }

    @Test
    void setUpFailsEveryTimeWithContinuePolicy_eachCountsAndAfterTheThresholdTheSetUpNoLongerRuns() {
        FixtureRun run = FixtureRun.of(s -> s.setConfigFailurePolicy(XmlSuite.FailurePolicy.CONTINUE),
                BrowserNeverStarts.class);

        assertThat(run.statuses()).containsExactly("b1 SKIP", "b2 SKIP", "b3 SKIP", "b4 SKIP", "b5 SKIP");
        assertThat(ran).containsExactly("startBrowser", "startBrowser", "startBrowser");
        assertThat(run.outcomes.subList(0, 3)).allSatisfy(o ->
                assertThat(o.reason()).isEqualTo("session not created: chrome not reachable"));
        assertThat(run.outcomes.subList(3, 5)).allSatisfy(o -> {
            assertThat(o.throwable()).isInstanceOf(SkipException.class);
            assertThat(o.reason()).startsWith("circuit 'browser' is OPEN since 2026-01-01T00:00:00Z after 3"
                    + " consecutive failures; last failure: java.io.IOException: session not created");
        });
        CircuitSnapshot s = browser().snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        assertThat(s.totalFailures()).isEqualTo(3);
        assertThat(s.totalRejected()).isEqualTo(2);
        assertThat(run.summary).singleElement().asString()
                .startsWith("Tripswitch: WARNING: circuit 'browser' opened 1 time, skipped 2 tests, let 3 through"
                        + " (0 passed, 3 failed, 0 aborted)");
    }

    @Test
    void setUpFailsWithDefaultPolicy_countsOnceAndTestNGsOwnSkipsCountNothing() {
        FixtureRun run = FixtureRun.of(BrowserNeverStarts.class);

        assertThat(run.skipped()).isEqualTo(5);
        assertThat(ran).containsExactly("startBrowser");
        assertThat(run.outcomes).allSatisfy(o ->
                assertThat(o.reason()).isEqualTo("session not created: chrome not reachable"));
        CircuitSnapshot s = browser().snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(s.failureCount()).isEqualTo(1);
        assertThat(s.totalFailures()).isEqualTo(1);
        assertThat(s.totalRejected()).isZero();
    }

    @Test
    void classSetUpFails_countsOnceForTheWholeClass() {
        FixtureRun run = FixtureRun.of(ClassSetUpFails.class);

        assertThat(run.statuses()).containsExactly("c1 SKIP", "c2 SKIP", "c3 SKIP", "c4 SKIP");
        assertThat(ran).containsExactly("startGrid");
        CircuitSnapshot s = browser().snapshot();
        assertThat(s.totalFailures()).isEqualTo(1);
        assertThat(s.failureCount()).isEqualTo(1);
    }

    @Test
    void classSetUpWhileOpen_isNotRunAndEveryTestOfTheClassIsSkippedWithTheReason() {
        CircuitBreaker circuit = registry.circuit(CircuitDefinition.of(
                ClassSetUpWorks.class.getAnnotation(CircuitProtected.class), "a JUnit test"));
        for (int i = 0; i < 3; i++) {
            circuit.recordFailure(new IOException("grid unreachable"));
        }

        FixtureRun run = FixtureRun.of(ClassSetUpWorks.class);

        assertThat(run.statuses()).containsExactly("w1 SKIP", "w2 SKIP");
        assertThat(ran).isEmpty();
        assertThat(run.outcomes).allSatisfy(o -> {
            assertThat(o.throwable()).isInstanceOf(SkipException.class);
            assertThat(o.reason()).isEqualTo("circuit 'browser' is OPEN since 2026-01-01T00:00:00Z after 3"
                    + " consecutive failures; last failure: java.io.IOException: grid unreachable;"
                    + " next probe at 2026-01-01T00:00:30Z");
        });
        assertThat(run.summary).singleElement().asString().contains("skipped 2 tests, let 0 through");
        assertThat(run.configs).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ITestResult.SUCCESS); // left out, not reported as skipped or failed
            assertThat(c.leftOut()).asString().startsWith("not run: the circuit refused");
        });
        assertThat(run.configs).extracting(FixtureRun.Config::method)
                .containsExactly("startGrid", "startBrowser", "startBrowser");
    }

    @Test
    void classSetUpRefusedAndTheProbeFallsDueRightAfter_theClassStaysSkippedBecauseItWasNeverSetUp() {
        MutableClock moving = new MutableClock();
        CircuitBreakerRegistry advancingOnRejection = CircuitBreakerRegistry.builder().clock(moving)
                .listener(new CircuitEventListener() {
                    @Override
                    public void onRejection(CircuitBreaker circuit) {
                        moving.advance(Duration.ofSeconds(30)); // the probe is due as soon as a refusal happened
                    }
                }).build();
        CircuitBreakerRegistry.GlobalOverride inner = CircuitBreakerRegistry.replaceGlobal(advancingOnRejection);
        try {
            CircuitBreaker circuit = advancingOnRejection.circuit(CircuitDefinition.of(
                    ClassSetUpRefusedMidRun.class.getAnnotation(CircuitProtected.class), "a JUnit test"));
            for (int i = 0; i < 3; i++) {
                circuit.recordFailure(new IOException("grid unreachable"));
            }

            FixtureRun run = FixtureRun.of(ClassSetUpRefusedMidRun.class);

            assertThat(run.statuses()).containsExactly("m1 SKIP", "m2 SKIP");
            // the reason is the class set-up's refusal (core takes its snapshot just after refusing, so with
            // this clock it may already show the probe as due)
            assertThat(run.outcomes).allSatisfy(o -> {
                assertThat(o.throwable()).isInstanceOf(SkipException.class);
                assertThat(o.reason()).startsWith("circuit 'browser' is ");
            });
            assertThat(ran).isEmpty();
            CircuitSnapshot s = circuit.snapshot();
            assertThat(s.totalRejected()).isEqualTo(1); // only the class set-up asked
            assertThat(s.state()).isEqualTo(CircuitState.HALF_OPEN); // the probe slot is still free for others
        } finally {
            inner.close();
        }
    }

    @Test
    void classAndMethodSetUpsWork_testsRunNormally() {
        FixtureRun run = FixtureRun.of(ClassSetUpWorks.class);

        assertThat(run.statuses()).containsExactly("w1 SUCCESS", "w2 SUCCESS");
        assertThat(ran).containsExactly("startGrid", "startBrowser", "w1", "startBrowser", "w2");
        assertThat(browser().snapshot().totalSuccesses()).isEqualTo(2);
    }

    @Test
    void setUpSkipsItself_recordsNothing() {
        FixtureRun run = FixtureRun.of(SetUpSkipsItself.class);

        assertThat(run.statuses()).containsExactly("k1 SKIP");
        CircuitSnapshot s = browser().snapshot();
        assertThat(s.totalFailures()).isZero();
        assertThat(s.totalSuccesses()).isZero();
        assertThat(run.configs).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(ITestResult.SKIP));
    }
}
