package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuit of the protected test (or class set-up) admitted on this thread, from its admission to its end;
 * public as {@code TestRun.currentCircuit()} (the browser module's Grid node circuits take their settings from it).
 * Set and cleared by the protected-test protocol ({@code TestRun}), which runs on the test's thread.
 */
public final class CircuitOnThread {

    private static final ThreadLocal<CircuitBreaker> CURRENT = new ThreadLocal<>();
    /** Threads that hold a circuit now: when none does, {@link #is} answers without touching the thread local. */
    private static final AtomicInteger HOLDERS = new AtomicInteger();

    private CircuitOnThread() {
    }

    /** {@code circuit} admitted a test or class set-up on this thread. */
    public static void enter(CircuitBreaker circuit) {
        if (CURRENT.get() == null) {
            HOLDERS.incrementAndGet();
        }
        CURRENT.set(circuit);
    }

    /** What {@code circuit} admitted on this thread has ended (nothing changes if another circuit took its place). */
    public static void leave(CircuitBreaker circuit) {
        if (circuit != null && CURRENT.get() == circuit) {
            CURRENT.remove();
            HOLDERS.decrementAndGet();
        }
    }

    /** A test on this thread was refused: no circuit admitted anything here now. */
    public static void clear() {
        if (CURRENT.get() != null) {
            CURRENT.remove();
            HOLDERS.decrementAndGet();
        }
    }

    /** Whether {@code circuit} admitted what runs on this thread; one read of a counter when no thread holds any. */
    public static boolean is(CircuitBreaker circuit) {
        return HOLDERS.get() > 0 && CURRENT.get() == circuit;
    }

    /** The circuit that admitted what runs on this thread, if a protected test or class set-up runs here. */
    public static Optional<CircuitBreaker> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
