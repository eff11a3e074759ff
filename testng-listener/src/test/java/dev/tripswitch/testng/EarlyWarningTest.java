package dev.tripswitch.testng;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FakeShop;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.MutableClock;
import dev.tripswitch.WhenOpen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Circuits that open before the first failure, through a real TestNG run: the health check asked before the
 * circuit's first test (preflight) and while it is CLOSED (early warning). The fixtures move the controllable clock
 * in their bodies, one health-check interval per test; {@code whenOpen = SKIP} keeps each refusal in the run.
 */
class EarlyWarningTest extends WithTestRegistry {

    private static final String CHECK = "health check " + FakeShop.Health.class.getName();
    static final AtomicInteger bodies = new AtomicInteger();
    /** The scenario's clock, for the fixtures' bodies. */
    static volatile MutableClock scenarioClock;

    @BeforeEach
    void shopDown() {
        FakeShop.reset();
        bodies.set(0);
        scenarioClock = clock;
    }

    private dev.tripswitch.CircuitBreaker circuit(String name) {
        return registry.find(name).orElseThrow(() -> new AssertionError("no circuit '" + name + "'"));
    }

    static void aSecondPasses() {
        scenarioClock.advance(Duration.ofSeconds(1));
    }

    @Test
    void aSuiteStartedAgainstADeadDependency_costsNoFailure_everyTestSkippedSayingWhy() {
        FixtureRun run = FixtureRun.of(SuiteAgainstADeadShop.class);

        assertThat(run.statuses()).containsExactly("t1 SKIP", "t2 SKIP", "t3 SKIP");
        assertThat(run.outcomes).allSatisfy(o -> assertThat(o.reason()).contains("circuit 'preflight' is OPEN since "
                + MutableClock.START + " after " + CHECK + " reported the dependency down before any test ran: it"
                + " answered false"));
        assertThat(circuit("preflight").snapshot().totalFailures()).isZero();
        assertThat(bodies).hasValue(0);
    }

    @Test
    void aDependencyGoingDownMidRun_opensAfterUnhealthyThresholdAnswers_beforeFailureThresholdFailures() {
        FakeShop.comesBack();
        FixtureRun run = FixtureRun.of(ShopGoesDownMidRun.class);

        assertThat(run.statuses()).containsExactly("t1_passes SUCCESS", "t2_shopGoesDown FAILURE",
                "t3_failsAtTheFirstWarning FAILURE", "t4_refusedAtTheSecondWarning SKIP", "t5_refused SKIP");
        assertThat(run.where(FixtureRun.Outcome::skipped).get(0).reason()).contains("after " + CHECK
                + " answered not healthy 2 times in a row while CLOSED (unhealthyThreshold 2), last: it answered false");
        CircuitSnapshot s = circuit("warned").snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        assertThat(s.totalFailures()).as("fewer than failureThreshold (3)").isEqualTo(2);
    }

    @Test
    void aFlappingCheck_neverOpensOnOneBadAnswer() {
        FakeShop.comesBack();
        FixtureRun run = FixtureRun.of(FlappingCheck.class);

        assertThat(run.statuses()).containsExactly("t1 SUCCESS", "t2 SUCCESS", "t3 SUCCESS", "t4 SUCCESS",
                "t5 SUCCESS");
        assertThat(circuit("flapping").snapshot().timesOpened()).isZero();
    }

    @Test
    void aCheckThatThrows_isUnhealthy_andTheSkipReasonSaysWhatItThrew() {
        FakeShop.healthCheckThrows("shop answers 503");
        FixtureRun run = FixtureRun.of(ThrowingCheck.class);

        assertThat(run.statuses()).containsExactly("t1 SKIP");
        assertThat(run.outcomes.get(0).reason()).contains(CHECK + " reported the dependency down before any test"
                + " ran: java.lang.IllegalStateException: shop answers 503");
    }

    @Test
    void aCheckThatDoesNotAnswerInTime_isUnhealthy_andTheSkipReasonSaysSo() {
        FixtureRun run = FixtureRun.of(SlowCheck.class);

        assertThat(run.statuses()).containsExactly("t1 SKIP");
        assertThat(run.outcomes.get(0).reason()).contains("health check " + SlowHealth.class.getName()
                + " reported the dependency down before any test ran: it did not answer within healthCheckInterval"
                + " 100ms (it answered healthy after 150ms)");
    }

    @Test
    void badValues_failTheTestNamingTheAttributeTheValueAndWhatIsAllowed() {
        FixtureRun run = FixtureRun.of(BadUnhealthyThreshold.class, BadEarlyWarning.class);

        assertThat(run.outcomes).hasSize(2).allSatisfy(o -> assertThat(o.throwable())
                .isInstanceOf(CircuitConfigurationException.class));
        assertThat(run.outcomes).extracting(FixtureRun.Outcome::reason).containsExactly(
                "@CircuitProtected(\"bad-threshold\") on class " + BadUnhealthyThreshold.class.getName()
                        + ": unhealthyThreshold must be an integer of 1 or more, but was 0",
                "@CircuitProtected(\"bad-switch\") on class " + BadEarlyWarning.class.getName()
                        + ": earlyWarning must be true or false, but was 'sometimes'");
        assertThat(bodies).hasValue(0);
    }

    // ------------------------------------------------------------------ fixtures

    /** A health check that takes 150 ms of the scenario's clock to answer healthy: too slow for its 100 ms. */
    public static final class SlowHealth implements HealthCheck {
        @Override
        public boolean isHealthy() {
            scenarioClock.advance(Duration.ofMillis(150));
            return true;
        }
    }

    @CircuitProtected(value = "preflight", healthCheck = FakeShop.Health.class, whenOpen = WhenOpen.SKIP)
    public static class SuiteAgainstADeadShop {
        @org.testng.annotations.Test(priority = 1) public void t1() { bodies.incrementAndGet(); }
        @org.testng.annotations.Test(priority = 2) public void t2() { bodies.incrementAndGet(); }
        @org.testng.annotations.Test(priority = 3) public void t3() { bodies.incrementAndGet(); }
    }

    @CircuitProtected(value = "warned", failureThreshold = 3, healthCheck = FakeShop.Health.class,
            healthCheckInterval = "1s", whenOpen = WhenOpen.SKIP)
    public static class ShopGoesDownMidRun {
        @org.testng.annotations.Test(priority = 1) public void t1_passes() { aSecondPasses(); }

        @org.testng.annotations.Test(priority = 2) public void t2_shopGoesDown() throws IOException {
            FakeShop.reset();
            aSecondPasses();
            throw new IOException("shop down");
        }

        @org.testng.annotations.Test(priority = 3) public void t3_failsAtTheFirstWarning() throws IOException {
            aSecondPasses();
            throw new IOException("shop down");
        }

        @org.testng.annotations.Test(priority = 4) public void t4_refusedAtTheSecondWarning() { bodies.incrementAndGet(); }
        @org.testng.annotations.Test(priority = 5) public void t5_refused() { bodies.incrementAndGet(); }
    }

    @CircuitProtected(value = "flapping", healthCheck = FakeShop.Health.class, healthCheckInterval = "1s",
            whenOpen = WhenOpen.SKIP)
    public static class FlappingCheck {
        @org.testng.annotations.Test(priority = 1) public void t1() { FakeShop.reset(); aSecondPasses(); }
        @org.testng.annotations.Test(priority = 2) public void t2() { FakeShop.comesBack(); aSecondPasses(); }
        @org.testng.annotations.Test(priority = 3) public void t3() { FakeShop.reset(); aSecondPasses(); }
        @org.testng.annotations.Test(priority = 4) public void t4() { FakeShop.comesBack(); aSecondPasses(); }
        @org.testng.annotations.Test(priority = 5) public void t5() { }
    }

    @CircuitProtected(value = "throwing", healthCheck = FakeShop.Health.class, whenOpen = WhenOpen.SKIP)
    public static class ThrowingCheck {
        @org.testng.annotations.Test public void t1() { bodies.incrementAndGet(); }
    }

    @CircuitProtected(value = "slow", healthCheck = SlowHealth.class, healthCheckInterval = "100ms",
            whenOpen = WhenOpen.SKIP)
    public static class SlowCheck {
        @org.testng.annotations.Test public void t1() { bodies.incrementAndGet(); }
    }

    @CircuitProtected(value = "bad-threshold", healthCheck = FakeShop.Health.class, unhealthyThreshold = 0)
    public static class BadUnhealthyThreshold {
        @org.testng.annotations.Test public void t1() { bodies.incrementAndGet(); }
    }

    @CircuitProtected(value = "bad-switch", healthCheck = FakeShop.Health.class, earlyWarning = "sometimes")
    public static class BadEarlyWarning {
        @org.testng.annotations.Test public void t1() { bodies.incrementAndGet(); }
    }
}
