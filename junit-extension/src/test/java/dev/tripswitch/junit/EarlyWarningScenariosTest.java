package dev.tripswitch.junit;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FakeShop;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.WhenOpen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Circuits that open before the first failure, through the real engine: the health check asked before the
 * circuit's first test (preflight) and while it is CLOSED (early warning). The fixtures move the controllable clock
 * in their bodies, one health-check interval per test; {@code whenOpen = SKIP} keeps each refusal in the run.
 */
class EarlyWarningScenariosTest extends Fixtures {

    private static final String PREFIX = "dev.tripswitch.junit.EarlyWarningScenariosTest$";
    private static final String CHECK = "health check " + FakeShop.Health.class.getName();
    static final AtomicInteger bodies = new AtomicInteger();

    @BeforeEach
    void shopDown() {
        FakeShop.reset();
        bodies.set(0);
    }

    /** One health-check interval passes. */
    static void aSecondPasses() {
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void aSuiteStartedAgainstADeadDependency_costsNoFailure_everyTestSkippedSayingWhy() {
        EngineExecutionResults results = run(SuiteAgainstADeadShop.class);

        results.testEvents().assertStatistics(s -> s.started(0).failed(0).skipped(3));
        results.testEvents().assertThatEvents().haveExactly(3, event(skippedWithReason(reason -> reason.contains(
                "circuit 'preflight' is OPEN since 2026-01-01T00:00:00Z after " + CHECK
                        + " reported the dependency down before any test ran: it answered false"))));
        CircuitSnapshot s = circuit("preflight").snapshot();
        assertThat(s.totalFailures()).isZero();
        assertThat(bodies).hasValue(0);
    }

    @Test
    void aDependencyGoingDownMidRun_opensAfterUnhealthyThresholdAnswers_beforeFailureThresholdFailures() {
        FakeShop.comesBack();
        EngineExecutionResults results = run(ShopGoesDownMidRun.class);

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2).skipped(2));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("t4_refusedAtTheSecondWarning"), skippedWithReason(reason -> reason.contains(
                        "after " + CHECK + " answered not healthy 2 times in a row while CLOSED"
                                + " (unhealthyThreshold 2), last: it answered false"))))
                .haveExactly(1, event(test("t5_refused"), skippedWithReason(reason -> reason.contains("is OPEN"))));
        CircuitSnapshot s = circuit("warned").snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        assertThat(s.totalFailures()).as("fewer than failureThreshold (3)").isEqualTo(2);
        assertThat(s.failureCount()).isEqualTo(2);
    }

    @Test
    void aFlappingCheck_neverOpensOnOneBadAnswer() {
        FakeShop.comesBack();
        EngineExecutionResults results = run(FlappingCheck.class);

        results.testEvents().assertStatistics(s -> s.started(5).succeeded(5).skipped(0));
        CircuitSnapshot s = circuit("flapping").snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(s.timesOpened()).isZero();
        assertThat(s.healthCheck()).contains("healthy");
    }

    @Test
    void aCheckThatThrows_isUnhealthy_andTheSkipReasonSaysWhatItThrew() {
        FakeShop.healthCheckThrows("shop answers 503");
        EngineExecutionResults results = run(ThrowingCheck.class);

        results.testEvents().assertStatistics(s -> s.started(0).skipped(2));
        results.testEvents().assertThatEvents().haveExactly(2, event(skippedWithReason(reason -> reason.contains(
                CHECK + " reported the dependency down before any test ran: java.lang.IllegalStateException: shop"
                        + " answers 503"))));
    }

    @Test
    void aCheckThatDoesNotAnswerInTime_isUnhealthy_andTheSkipReasonSaysSo() {
        EngineExecutionResults results = run(SlowCheck.class);

        results.testEvents().assertStatistics(s -> s.started(0).skipped(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(skippedWithReason(reason -> reason.contains(
                "health check " + SlowHealth.class.getName() + " reported the dependency down before any test ran:"
                        + " it did not answer within healthCheckInterval 100ms (it answered healthy after 150ms)"))));
    }

    @Test
    void withoutEarlyWarning_theFirstTestsFailAsBefore() {
        EngineExecutionResults results = run(EarlyWarningOff.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(1));
        assertThat(circuit("off").snapshot().transitions().get(0).reason()).startsWith("2 consecutive failures");
    }

    @Test
    void badValues_failEveryTestNamingTheAttributeTheValueAndWhatIsAllowed() {
        EngineExecutionResults results = run(BadUnhealthyThreshold.class, BadEarlyWarning.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(instanceOf(CircuitConfigurationException.class),
                        message("@CircuitProtected(\"bad-threshold\") on class " + PREFIX + "BadUnhealthyThreshold: "
                                + "unhealthyThreshold must be an integer of 1 or more, but was 0"))))
                .haveExactly(1, event(finishedWithFailure(instanceOf(CircuitConfigurationException.class),
                        message("@CircuitProtected(\"bad-switch\") on class " + PREFIX + "BadEarlyWarning: "
                                + "earlyWarning must be true or false, but was 'sometimes'"))));
        assertThat(bodies).hasValue(0);
    }

    // ------------------------------------------------------------------ fixtures

    /** A health check that takes 150 ms of the scenario's clock to answer healthy: too slow for its 100 ms. */
    public static final class SlowHealth implements HealthCheck {
        @Override
        public boolean isHealthy() {
            clock.advance(Duration.ofMillis(150));
            return true;
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "preflight", healthCheck = FakeShop.Health.class, whenOpen = WhenOpen.SKIP)
    static class SuiteAgainstADeadShop {
        @Test void t1() { bodies.incrementAndGet(); }
        @Test void t2() { bodies.incrementAndGet(); }
        @Test void t3() { bodies.incrementAndGet(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "warned", failureThreshold = 3, healthCheck = FakeShop.Health.class,
            healthCheckInterval = "1s", whenOpen = WhenOpen.SKIP)
    static class ShopGoesDownMidRun {
        @Test void t1_passes() { aSecondPasses(); }

        @Test void t2_shopGoesDown() throws IOException {
            FakeShop.reset();
            aSecondPasses();
            throw new IOException("shop down");
        }

        @Test void t3_failsAtTheFirstWarning() throws IOException {
            aSecondPasses();
            throw new IOException("shop down");
        }

        @Test void t4_refusedAtTheSecondWarning() { bodies.incrementAndGet(); }
        @Test void t5_refused() { bodies.incrementAndGet(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "flapping", healthCheck = FakeShop.Health.class, healthCheckInterval = "1s",
            whenOpen = WhenOpen.SKIP)
    static class FlappingCheck {
        @Test void t1() { FakeShop.reset(); aSecondPasses(); }
        @Test void t2() { FakeShop.comesBack(); aSecondPasses(); }
        @Test void t3() { FakeShop.reset(); aSecondPasses(); }
        @Test void t4() { FakeShop.comesBack(); aSecondPasses(); }
        @Test void t5() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "throwing", healthCheck = FakeShop.Health.class, whenOpen = WhenOpen.SKIP)
    static class ThrowingCheck {
        @Test void t1() { bodies.incrementAndGet(); }
        @Test void t2() { bodies.incrementAndGet(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "slow", healthCheck = SlowHealth.class, healthCheckInterval = "100ms",
            whenOpen = WhenOpen.SKIP)
    static class SlowCheck {
        @Test void t1() { bodies.incrementAndGet(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "off", failureThreshold = 2, healthCheck = FakeShop.Health.class,
            earlyWarning = "false", whenOpen = WhenOpen.SKIP)
    static class EarlyWarningOff {
        @Test void t1() throws IOException { throw new IOException("shop down"); }
        @Test void t2() throws IOException { throw new IOException("shop down"); }
        @Test void t3() { bodies.incrementAndGet(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "bad-threshold", healthCheck = FakeShop.Health.class, unhealthyThreshold = 0)
    static class BadUnhealthyThreshold {
        @Test void t1() { bodies.incrementAndGet(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "bad-switch", healthCheck = FakeShop.Health.class, earlyWarning = "sometimes")
    static class BadEarlyWarning {
        @Test void t1() { bodies.incrementAndGet(); }
    }
}
