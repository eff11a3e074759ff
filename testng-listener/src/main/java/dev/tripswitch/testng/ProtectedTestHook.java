package dev.tripswitch.testng;

import dev.tripswitch.CircuitPermit;
import org.testng.ITestResult;

/**
 * Extension point: code that acts on a protected test the circuit let through, after its set-up methods and
 * right before its body, and again after its outcome is known. Failure injection
 * ({@code @InjectBrowserFailure}, which follows the circuit's state) is meant to plug in here; no hook is
 * installed yet.
 *
 * <p>Contract: called on the thread that runs the test; {@code permit.grantedIn()} tells whether the test is a
 * probe. An exception thrown by {@link #beforeBody} fails the test (its body does not run) and is recorded as
 * the test's outcome like any other failure; an exception thrown by {@link #afterOutcome} is dropped after
 * being logged, so the outcome already recorded stays as it is.
 */
interface ProtectedTestHook {

    /** The circuit let {@code result}'s test through and its set-up methods have run. */
    void beforeBody(ITestResult result, CircuitPermit permit);

    /** The outcome of {@code result}'s test has been reported to the circuit. */
    default void afterOutcome(ITestResult result, CircuitPermit permit) {
    }
}
