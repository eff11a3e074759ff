package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.TestRun;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuits each thread holds a permit of for something larger than one call: a protected test admitted on
 * it (probe or not: core knows, {@link TestRun#isCurrentCircuit}), or a protected call granted as a half-open probe
 * (kept here). A protected call of the same circuit made inside it rides on that permit (no permit of its own,
 * nothing counted by it):
 *
 * <ul>
 *   <li>inside a protected test, the test is the one outcome its circuit counts: a page object of the test's
 *       own circuit does not count the test's success a second time, and its failure counts once, when it
 *       ends the test;</li>
 *   <li>inside a probe, with {@code permittedProbes = 1}, the probe's own page objects would otherwise be
 *       refused by the slot the probe holds, and the circuit could never close.</li>
 * </ul>
 *
 * <p>Cost: the common case (no protected test or probe anywhere in the JVM) is two reads of a counter.
 */
final class PermitsOnThread {

    private static final AtomicInteger HELD = new AtomicInteger();
    private static final ThreadLocal<List<String>> ON_THREAD = ThreadLocal.withInitial(ArrayList::new);

    private PermitsOnThread() {
    }

    /** Whether this thread runs a test of {@code circuit} or holds a probe of it: a call of it rides on that permit. */
    static boolean rides(CircuitBreaker circuit) {
        return TestRun.isCurrentCircuit(circuit) || HELD.get() > 0 && ON_THREAD.get().contains(circuit.name());
    }

    /** This thread holds a probe of {@code circuit} for the call it makes. */
    static void enter(CircuitBreaker circuit) {
        ON_THREAD.get().add(circuit.name());
        HELD.incrementAndGet();
    }

    /** The call that held a probe of {@code circuit} on this thread has ended. */
    static void leave(CircuitBreaker circuit) {
        if (ON_THREAD.get().remove(circuit.name())) {
            HELD.decrementAndGet();
        }
    }
}
