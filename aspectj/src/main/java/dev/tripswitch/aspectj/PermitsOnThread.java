package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The half-open probes each thread holds: a protected test admitted as a probe ({@link ProbeTestTracker}) or a
 * protected call granted as one. A protected call of the same circuit made inside it rides on that probe (no
 * permit of its own, nothing counted by it): otherwise, with {@code permittedProbes = 1}, the probe's own page
 * objects would be refused by the slot the probe holds, and the circuit could never close. The probe's outcome is
 * the outcome of the test or the outer call.
 *
 * <p>Cost: the common case (no probe anywhere in the JVM) is one read of a counter.
 */
final class ProbesOnThread {

    private static final AtomicInteger HELD = new AtomicInteger();
    private static final ThreadLocal<List<String>> ON_THREAD = ThreadLocal.withInitial(ArrayList::new);

    private ProbesOnThread() {
    }

    /** Whether this thread already holds a probe of {@code circuit}, so a call of it rides on that probe. */
    static boolean rides(CircuitBreaker circuit) {
        return HELD.get() > 0 && ON_THREAD.get().contains(circuit.name());
    }

    static void enter(CircuitBreaker circuit) {
        enter(circuit.name());
    }

    static void leave(CircuitBreaker circuit) {
        leave(circuit.name());
    }

    static void enter(String circuitName) {
        ON_THREAD.get().add(circuitName);
        HELD.incrementAndGet();
    }

    static void leave(String circuitName) {
        if (ON_THREAD.get().remove(circuitName)) {
            HELD.decrementAndGet();
        }
    }

    /** Forgets every probe this thread holds (a test's end). */
    static void leaveAll() {
        List<String> held = ON_THREAD.get();
        HELD.addAndGet(-held.size());
        held.clear();
    }
}
