package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener;

/**
 * Tells {@link ProbesOnThread} which thread runs a protected test admitted as a probe, from admission (before
 * its set-up methods) to its end. The adapters call protected-test listeners on the test's thread; this one is
 * found through {@code META-INF/services}.
 *
 * <p>Not part of the API; public only because {@link java.util.ServiceLoader} needs it.
 */
public final class ProbeTestTracker implements ProtectedTestListener {

    @Override
    public void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
        ProbesOnThread.leaveAll(); // a test whose end was never reported (an outcome-less permit) ends here
        if (probe) {
            ProbesOnThread.enter(atStart.name());
        }
    }

    @Override
    public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
        ProbesOnThread.leaveAll();
    }

    @Override
    public void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
        ProbesOnThread.leaveAll();
    }
}
