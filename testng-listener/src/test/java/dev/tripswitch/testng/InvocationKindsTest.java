package dev.tripswitch.testng;


import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.IRetryAnalyzer;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Listeners;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way TestNG multiplies a test asks the circuit once per invocation: data-provider rows,
 * invocationCount, retried attempts; groups filter what asks; classes share a circuit by name; and a listener
 * registered several times counts once.
 */
class InvocationKindsTest extends WithTestRegistry {

    static final Queue<String> ran = new ConcurrentLinkedQueue<>();
    static final AtomicInteger attempts = new AtomicInteger();


    @BeforeEach
    void clearRecords() {
        ran.clear();
        attempts.set(0);
    }

    private CircuitSnapshot snapshot(String name) {
        return registry.find(name).map(CircuitBreaker::snapshot).orElseThrow();
    }

    // ------------------------------------------------------------------ data provider

    @CircuitProtected(value = "api", failureThreshold = 2)
    public static class DataDriven {
        @DataProvider
        public Object[][] rows() {
            return new Object[][] {{1}, {2}, {3}, {4}, {5}, {6}};
        }

        @org.testng.annotations.Test(dataProvider = "rows")
        public void call(int row) throws IOException {
            ran.add("row " + row);
            throw new IOException("HTTP 503 for row " + row);
        }
    }

    @Test
    void dataProviderRowsAllFailWithThresholdTwo_eachRowAsksAndFourRowsAreSkipped() {
        FixtureRun run = FixtureRun.of(DataDriven.class);

        assertThat(run.statuses()).containsExactly("call FAILURE", "call FAILURE", "call SKIP", "call SKIP",
                "call SKIP", "call SKIP");
        assertThat(ran).containsExactly("row 1", "row 2");
        assertThat(run.where(FixtureRun.Outcome::skipped)).allSatisfy(o ->
                assertThat(o.reason()).startsWith("circuit 'api' is OPEN"));
        assertThat(run.where(FixtureRun.Outcome::skipped)).extracting(o -> o.parameters()[0])
                .containsExactly(3, 4, 5, 6);
        assertThat(snapshot("api").totalRejected()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ invocationCount

    @CircuitProtected(value = "api", failureThreshold = 2)
    public static class Repeated {
        @org.testng.annotations.Test(invocationCount = 5)
        public void poll() throws IOException {
            ran.add("poll");
            throw new IOException("connection refused");
        }
    }

    @Test
    void invocationCountFiveAllFailingWithThresholdTwo_twoFailAndThreeAreSkipped() {
        FixtureRun run = FixtureRun.of(Repeated.class);

        assertThat(run.failed()).isEqualTo(2);
        assertThat(run.skipped()).isEqualTo(3);
        assertThat(ran).hasSize(2);
        assertThat(snapshot("api").totalFailures()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ timeOut (body on another thread)

    @CircuitProtected(value = "api", failureThreshold = 2)
    public static class WithTimeOut {
        @org.testng.annotations.Test(timeOut = 60_000, invocationCount = 4) // a ceiling: the body fails at once
        public void slowCall() throws IOException {
            ran.add("slowCall");
            throw new IOException("read timed out");
        }
    }

    @Test
    void testsWithATimeOutRunTheirBodyOnAnotherThread_outcomesStillCountOncePerInvocation() {
        FixtureRun run = FixtureRun.of(WithTimeOut.class);

        assertThat(run.statuses()).containsExactly("slowCall FAILURE", "slowCall FAILURE", "slowCall SKIP",
                "slowCall SKIP");
        assertThat(ran).hasSize(2);
        assertThat(snapshot("api").totalFailures()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ retry analyzer

    /** Retries a failed test up to three times. */
    public static class RetryThrice implements IRetryAnalyzer {
        private int retries;

        @Override
        public boolean retry(ITestResult result) {
            return retries++ < 3;
        }
    }

    @CircuitProtected(value = "api", failureThreshold = 2)
    public static class RetriedAlwaysFailing {
        @org.testng.annotations.Test(retryAnalyzer = RetryThrice.class)
        public void flaky() throws IOException {
            ran.add("attempt " + attempts.incrementAndGet());
            throw new IOException("connection reset");
        }
    }

    @CircuitProtected(value = "api", failureThreshold = 2)
    public static class RetriedThenPassing {
        @org.testng.annotations.Test(retryAnalyzer = RetryThrice.class)
        public void flaky() throws IOException {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("connection reset");
            }
        }
    }

    @Test
    void retriedTestThatKeepsFailing_eachAttemptIsOneFailureAndTheRetryAfterOpeningIsSkipped() {
        FixtureRun run = FixtureRun.of(RetriedAlwaysFailing.class);

        assertThat(ran).containsExactly("attempt 1", "attempt 2");
        assertThat(run.outcomes).hasSize(3);
        assertThat(run.outcomes.subList(0, 2)).allSatisfy(o -> {
            assertThat(o.skipped()).isTrue();
            assertThat(o.retried()).isTrue();
        });
        FixtureRun.Outcome last = run.outcomes.get(2);
        assertThat(last.skipped()).isTrue();
        assertThat(last.retried()).isFalse();
        assertThat(last.throwable()).isInstanceOf(SkipException.class);
        assertThat(last.reason()).startsWith("circuit 'api' is OPEN");
        CircuitSnapshot s = snapshot("api");
        assertThat(s.totalFailures()).isEqualTo(2);
        assertThat(s.totalRejected()).isEqualTo(1);
    }

    @Test
    void retriedTestThatPassesOnTheSecondAttempt_oneFailureThenOneSuccess() {
        FixtureRun run = FixtureRun.of(RetriedThenPassing.class);

        assertThat(run.statuses()).containsExactly("flaky SKIP", "flaky SUCCESS");
        CircuitSnapshot s = snapshot("api");
        assertThat(s.totalFailures()).isEqualTo(1);
        assertThat(s.totalSuccesses()).isEqualTo(1);
        assertThat(s.failureCount()).isZero();
        assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
    }

    // ------------------------------------------------------------------ groups

    @CircuitProtected(value = "api", failureThreshold = 2)
    public static class Grouped {
        @org.testng.annotations.Test(groups = "smoke", priority = 1)
        public void smoke1() throws IOException {
            ran.add("smoke1");
            throw new IOException("down");
        }

        @org.testng.annotations.Test(groups = "slow", priority = 2)
        public void slow1() throws IOException {
            ran.add("slow1");
            throw new IOException("down");
        }

        @org.testng.annotations.Test(groups = "smoke", priority = 3)
        public void smoke2() throws IOException {
            ran.add("smoke2");
            throw new IOException("down");
        }

        @org.testng.annotations.Test(groups = "smoke", priority = 4)
        public void smoke3() {
            ran.add("smoke3");
        }
    }

    @Test
    void onlyTheSmokeGroupRuns_onlyItsTestsAskAndCount() {
        FixtureRun run = FixtureRun.of(s -> s.getTests().get(0).addIncludedGroup("smoke"), Grouped.class);

        assertThat(run.statuses()).containsExactly("smoke1 FAILURE", "smoke2 FAILURE", "smoke3 SKIP");
        assertThat(ran).containsExactly("smoke1", "smoke2");
        assertThat(snapshot("api").totalFailures()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ one circuit, several classes

    @CircuitProtected(value = "shared-app", failureThreshold = 3)
    public static class CheckoutPages {
        @org.testng.annotations.Test(priority = 1)
        public void cart() throws IOException {
            ran.add("cart");
            throw new IOException("502 Bad Gateway");
        }

        @org.testng.annotations.Test(priority = 2)
        public void payment() throws IOException {
            ran.add("payment");
            throw new IOException("502 Bad Gateway");
        }

        @org.testng.annotations.Test(priority = 3)
        public void receipt() throws IOException {
            ran.add("receipt");
            throw new IOException("502 Bad Gateway");
        }
    }

    @CircuitProtected("shared-app")
    public static class AccountPages {
        @org.testng.annotations.Test(priority = 1)
        public void profile() {
            ran.add("profile");
        }

        @org.testng.annotations.Test(priority = 2)
        public void orders() {
            ran.add("orders");
        }
    }

    @Test
    void twoClassesShareACircuit_theFirstOpensItAndTheSecondIsSkipped() {
        FixtureRun run = FixtureRun.of(CheckoutPages.class, AccountPages.class);

        assertThat(run.statuses()).containsExactly("cart FAILURE", "payment FAILURE", "receipt FAILURE",
                "profile SKIP", "orders SKIP");
        assertThat(ran).containsExactly("cart", "payment", "receipt");
        assertThat(run.summary).containsExactly("Tripswitch: circuit 'shared-app' opened 1 time, skipped 2 tests,"
                + " let 3 through (0 passed, 3 failed, 0 aborted), final state OPEN,"
                + " last failure: java.io.IOException: 502 Bad Gateway");
    }

    // ------------------------------------------------------------------ registered several times

    @Listeners(CircuitBreakerListener.class)
    @CircuitProtected(value = "api", failureThreshold = 3)
    public static class ListenerAlsoDeclared {
        @DataProvider
        public Object[][] rows() {
            return new Object[][] {{1}, {2}, {3}, {4}, {5}, {6}};
        }

        @org.testng.annotations.Test(dataProvider = "rows")
        public void call(int row) throws IOException {
            ran.add("row " + row);
            throw new IOException("HTTP 503");
        }
    }

    /** A second class, so TestNG (which keeps one listener per class) really holds two instances. */
    public static class SecondListenerClass extends CircuitBreakerListener {
    }

    @Test
    void listenerDeclaredByAnnotationAddedByHandAndLoadedByServiceLoader_everyInvocationCountsOnce() {
        FixtureRun run = FixtureRun.run(s -> s.addListener(SecondListenerClass.class.getName()),
                tng -> tng.addListener(new CircuitBreakerListener()), ListenerAlsoDeclared.class);

        assertThat(run.failed()).isEqualTo(3);
        assertThat(run.skipped()).isEqualTo(3);
        assertThat(ran).hasSize(3);
        CircuitSnapshot s = snapshot("api");
        assertThat(s.totalFailures()).isEqualTo(3);
        assertThat(s.totalRejected()).isEqualTo(3);
        assertThat(s.timesOpened()).isEqualTo(1);
        assertThat(run.summary).containsExactly("Tripswitch: circuit 'api' opened 1 time, skipped 3 tests,"
                + " let 3 through (0 passed, 3 failed, 0 aborted), final state OPEN,"
                + " last failure: java.io.IOException: HTTP 503");
        assertThat(run.printed).containsOnlyOnce("Tripswitch: circuit 'api'");
    }
}
