package dev.tripswitch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * For WAIT scenarios of every module (shared through core's test jar): a dependency the scenario switches, its
 * health check, and waiting for what the engine's threads do, with a generous real-time ceiling that only a
 * broken circuit reaches. Scenarios that use it must not run in parallel with each other.
 */
public final class FakeShop {

    /** The most a scenario waits for the engine's threads. */
    public static final Duration CEILING = Duration.ofSeconds(60);

    private static final AtomicBoolean up = new AtomicBoolean();
    private static volatile String healthProblem;

    private FakeShop() {
    }

    /** The shop is down and its health check answers; call before each scenario. */
    public static void reset() {
        up.set(false);
        healthProblem = null;
    }

    public static void comesBack() {
        up.set(true);
    }

    /** From now on the health check throws with {@code message}. */
    public static void healthCheckThrows(String message) {
        healthProblem = message;
    }

    /** The user's health check: whether the shop is up, or a failure to ask. */
    public static final class Health implements HealthCheck {
        @Override
        public boolean isHealthy() {
            String problem = healthProblem;
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            return up.get();
        }
    }

    /** Returns once {@code callers} callers wait on the circuit {@code name} of {@code registry}. */
    public static void awaitWaiting(CircuitBreakerRegistry registry, String name, int callers) {
        awaitUntil(() -> registry.find(name).map(CircuitBreaker::waitingCallers).orElse(0) == callers,
                callers + " callers waiting on '" + name + "'");
    }

    /** Returns once {@code condition} holds; fails after {@link #CEILING}. */
    public static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + CEILING.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + CEILING + ": " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
