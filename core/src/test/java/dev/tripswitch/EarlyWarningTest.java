package dev.tripswitch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tripswitch.CircuitState.CLOSED;
import static dev.tripswitch.CircuitState.HALF_OPEN;
import static dev.tripswitch.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The health check asked while the circuit is CLOSED (early warning): a check that throws or is late is
 * unhealthy and says why, WAIT mode waits from the first test, bad values are refused. The rules themselves
 * (preflight, {@code unhealthyThreshold}, shared circuits) are in {@link CircuitRulesContract} for every engine.
 */
class EarlyWarningTest {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    /** A dependency the test switches, or makes throw. */
    public static final class Shop implements HealthCheck {
        static final AtomicBoolean up = new AtomicBoolean();
        static volatile String failWith;

        @Override
        public boolean isHealthy() {
            if (failWith != null) {
                throw new IllegalStateException(failWith);
            }
            return up.get();
        }
    }

    /** A check that takes {@link #takes} of the circuit's clock to answer healthy (a slow dependency). */
    public static final class SlowShop implements HealthCheck {
        static volatile MutableClock clock;
        static volatile Duration takes = Duration.ZERO;
        static final AtomicInteger asked = new AtomicInteger();

        @Override
        public boolean isHealthy() {
            asked.incrementAndGet();
            clock.advance(takes);
            return true;
        }
    }

    private final MutableClock clock = MutableClock.start();

    @BeforeEach
    @AfterEach
    void resetChecks() {
        Shop.up.set(false);
        Shop.failWith = null;
        SlowShop.clock = clock;
        SlowShop.takes = Duration.ZERO;
        SlowShop.asked.set(0);
    }

    private CircuitBreaker circuit(CircuitBreakerConfig.Builder settings) {
        return CircuitBreaker.of("shop", settings.clock(clock).halfOpenAfter(Duration.ofSeconds(30))
                .healthCheckInterval(INTERVAL).build());
    }

    private static String lastReason(CircuitBreaker cb) {
        var transitions = cb.snapshot().transitions();
        return transitions.get(transitions.size() - 1).reason();
    }

    @Test
    void aCheckThatThrows_isUnhealthy_andTheOpeningSaysWhatItThrew() {
        Shop.up.set(true);
        CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().healthCheck(Shop.class).unhealthyThreshold(1));
        assertThat(cb.tryAcquirePermission()).isNotNull();
        Shop.failWith = "shop answers 503";
        clock.advance(INTERVAL);
        assertThat(cb.tryAcquirePermission()).isNull();
        assertThat(lastReason(cb)).isEqualTo("health check " + Shop.class.getName() + " answered not healthy 1 time"
                + " in a row while CLOSED (unhealthyThreshold 1), last: java.lang.IllegalStateException: shop answers"
                + " 503");
        assertThat(cb.snapshot().healthCheck()).contains("not healthy: java.lang.IllegalStateException: shop answers"
                + " 503");
    }

    @Test
    void aCheckThatAnswersLaterThanTheInterval_isUnhealthy_whateverItSaid_andTheReasonSaysHowLate() {
        SlowShop.takes = Duration.ofMillis(250);
        CircuitBreaker cb = CircuitBreaker.of("shop", CircuitBreakerConfig.custom().clock(clock)
                .healthCheck(SlowShop.class).healthCheckInterval(Duration.ofMillis(200)).build());
        assertThat(cb.tryAcquirePermission()).as("the preflight answer is late").isNull();
        assertThat(lastReason(cb)).isEqualTo("health check " + SlowShop.class.getName() + " reported the dependency"
                + " down before any test ran: it did not answer within healthCheckInterval 200ms (it answered healthy"
                + " after 250ms)");
        assertThat(cb.snapshot().totalFailures()).isZero();

        SlowShop.takes = Duration.ofMillis(200); // in time: the interval is the most an answer may take
        clock.advance(Duration.ofMillis(200));
        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).isNotNull().matches(CircuitPermit::isProbe);
        probe.onSuccess();
        assertThat(cb.state()).isEqualTo(CLOSED);
        assertThat(SlowShop.asked).hasValue(2);
    }

    @Test
    void withWait_aSuiteStartedAgainstADeadDependencyWaitsFromItsFirstTest_withoutAFailure() throws Exception {
        CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().healthCheck(Shop.class).whenOpen(WhenOpen.WAIT));
        try (WaitingCallers callers = new WaitingCallers(cb).start(1)) {
            assertThat(cb.snapshot().state()).isEqualTo(OPEN);
            Instant openedAt = cb.snapshot().openedAt();
            Shop.up.set(true);
            clock.advance(INTERVAL);
            WaitOutcome outcome = callers.next();
            assertThat(outcome.permit().isProbe()).isTrue();
            assertThat(outcome.waited()).isEqualTo(INTERVAL);
            assertThat(openedAt).isEqualTo(MutableClock.START);
            outcome.permit().onSuccess();
            callers.joinAll();
        }
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.totalFailures()).isZero();
        assertThat(s.totalSuccesses()).isEqualTo(1);
    }

    @Test
    void badValues_areRefusedNamingTheSettingTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().unhealthyThreshold(0).build())
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessageContaining("unhealthyThreshold must be an integer of 1 or more, but was 0");
        Properties props = new Properties();
        props.setProperty("tripswitch.circuit.api.earlyWarning", "sometimes");
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().clock(clock)
                .withProperties("system property", props).build();
        assertThatThrownBy(() -> r.circuit("api")).isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.circuit.api.earlyWarning=sometimes (system property): must be true or false,"
                        + " but was 'sometimes'");
        props.setProperty("tripswitch.circuit.api.earlyWarning", "FALSE");
        props.setProperty("tripswitch.circuit.api.unhealthyThreshold", "3");
        CircuitBreakerConfig c = CircuitBreakerRegistry.builder().clock(clock).withProperties("system property", props)
                .build().circuit("api").config();
        assertThat(c.earlyWarning()).isFalse();
        assertThat(c.unhealthyThreshold()).isEqualTo(3);
    }
}
