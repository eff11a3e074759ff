package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;

import java.util.Optional;

/**
 * The circuit of the protected test (or class set-up) admitted on this thread, from its admission to its end;
 * public as {@code TestRun.currentCircuit()} (the browser module's Grid node circuits take their settings from it).
 * Set and cleared by the protected-test protocol ({@code TestRun}), which runs on the test's thread.
 */
public final class CircuitOnThread {

    private static final ThreadLocal<CircuitBreaker> CURRENT = new ThreadLocal<>();

    private CircuitOnThread() {
    }

    /** {@code circuit} admitted a test or class set-up on this thread. */
    public static void enter(CircuitBreaker circuit) {
        CURRENT.set(circuit);
    }

    /** What {@code circuit} admitted on this thread has ended (nothing changes if another circuit took its place). */
    public static void leave(CircuitBreaker circuit) {
        if (CURRENT.get() == circuit) {
            CURRENT.remove();
        }
    }

    /** A test on this thread was refused: no circuit admitted anything here now. */
    public static void clear() {
        CURRENT.remove();
    }

    /** The circuit that admitted what runs on this thread, if a protected test or class set-up runs here. */
    public static Optional<CircuitBreaker> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
