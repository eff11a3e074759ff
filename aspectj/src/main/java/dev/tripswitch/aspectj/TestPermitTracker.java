package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener;

/**
 * Tells {@link PermitsOnThread} which thread runs a protected test admitted on its circuit (as a probe or
 * not), from admission (before its set-up methods) to its end: calls of that circuit made by the test ride on
 * the test's permit. The adapters call protected-test listeners on the test's thread; this one is
 * found through {@code META-INF/services}.
 *
 * <p>Not part of the API; public only because {@link java.util.ServiceLoader} needs it.
 */
public final class TestPermitTracker implements ProtectedTestListener {

    @Override
    public void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
        PermitsOnThread.leaveAll(); // a test whose end was never reported (an outcome-less permit) ends here
        PermitsOnThread.enter(atStart.name());
    }

    @Override
    public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
        PermitsOnThread.leaveAll();
    }

    @Override
    public void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
        PermitsOnThread.leaveAll();
    }
}
