package dev.tripswitch;

import dev.tripswitch.event.ProtectedTestListener;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * For engine scenarios of the framework adapters (shared through core's test jar): counts the probes among the
 * admitted tests and how many of their bodies ran at once. The protocol's admission event marks the test's
 * thread; the test's body, which runs before its outcome gives the probe slot back, calls {@link #body()}.
 * Register it with the protocol's events for the run, and make a new one per scenario.
 */
public final class ProbeBodies implements ProtectedTestListener {

    private static final ThreadLocal<Boolean> PROBE = ThreadLocal.withInitial(() -> false);
    private static final AtomicInteger probes = new AtomicInteger();
    private static final AtomicInteger running = new AtomicInteger();
    private static final AtomicInteger mostAtOnce = new AtomicInteger();

    public ProbeBodies() {
        probes.set(0);
        running.set(0);
        mostAtOnce.set(0);
    }

    @Override
    public void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
        PROBE.set(probe);
    }

    /** Called by a fixture test's body. */
    public static void body() {
        if (PROBE.get()) {
            probes.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.yield(); // a probe that lingers gives the others a chance to take a slot that is not free
            running.decrementAndGet();
        }
    }

    /** How many admitted tests were probes. */
    public int probes() {
        return probes.get();
    }

    /** The most probe bodies that ran at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }
}
