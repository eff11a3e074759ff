package dev.tripswitch;

/**
 * A user's check whether the dependency behind a circuit is back (setting {@code healthCheck}). While the circuit
 * is OPEN it is asked at most once per {@code healthCheckInterval}, by whichever test asks the circuit (there are
 * no timer threads); when it answers healthy, the circuit goes HALF_OPEN at once and the next test is the probe.
 *
 * <p>An implementation is a public concrete class with a public no-argument constructor, which Tripswitch calls. It
 * must be quick (bound its own timeouts) and safe to call from any test thread.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * @return {@code true} when the dependency is back. An exception counts as "not healthy"; its message is
     * shown in the reason of the tests the circuit holds back, and it never breaks the run.
     */
    boolean isHealthy() throws Exception;
}
