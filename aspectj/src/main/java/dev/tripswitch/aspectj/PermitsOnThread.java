package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuits each thread holds a permit of for something larger than one call: a protected test admitted on
 * it (probe or not, {@link TestPermitTracker}), or a protected call granted as a half-open probe. A protected
 * call of the same circuit made inside it rides on that permit (no permit of its own, nothing counted by it):
 *
 * <ul>
 *   <li>inside a protected test, the test is the one outcome its circuit counts: a page object of the test's
 *       own circuit does not count the test's success a second time, and its failure counts once, when it
 *       ends the test;</li>
 *   <li>inside a probe, with {@code permittedProbes = 1}, the probe's own page objects would otherwise be
 *       refused by the slot the probe holds, and the circuit could never close.</li>
 * </ul>
 *
 * <p>Cost: the common case (no protected test or probe anywhere in the JVM) is one read of a counter.
 */
final class PermitsOnThread {

    private static final AtomicInteger HELD = new AtomicInteger();
    private static final ThreadLocal<List<String>> ON_THREAD = ThreadLocal.withInitial(ArrayList::new);

    private PermitsOnThread() {
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
