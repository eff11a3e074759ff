package dev.tripswitch;

/**
 * A user's check whether the dependency behind a circuit is up (setting {@code healthCheck}). It is asked at most
 * once per {@code healthCheckInterval}, by whichever test asks the circuit (there are no timer threads). While the
 * circuit is OPEN, a healthy answer moves it to HALF_OPEN at once and the next test is the probe. While it is CLOSED
 * ({@code earlyWarning}, on by default), the answer before the circuit's first test opens it when unhealthy, and
 * later {@code unhealthyThreshold} unhealthy answers in a row do: an outage found before tests fail.
 *
 * <p>An implementation is a public concrete class with a public no-argument constructor, which Tripswitch calls. It
 * must be quick (bound its own timeouts) and safe to call from any test thread.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * @return {@code true} when the dependency is up. An exception, or an answer that took longer than
     * {@code healthCheckInterval}, counts as "not healthy"; the reason of the tests the circuit holds back says
     * which, and it never breaks the run.
     */
    boolean isHealthy() throws Exception;
}
