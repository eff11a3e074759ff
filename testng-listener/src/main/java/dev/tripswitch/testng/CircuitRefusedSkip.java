package dev.tripswitch.testng;

import org.testng.ITestResult;
import org.testng.SkipException;

/**
 * The throwable of a test that a circuit refused, before it ran or inside it: TestNG reports it skipped with the
 * circuit's reason. No cause on purpose: TestNG judges some throwables by their cause, and would take the core
 * {@link dev.tripswitch.CircuitOpenException} for a failure.
 */
final class CircuitRefusedSkip extends SkipException {

    private static final long serialVersionUID = 1L;

    private CircuitRefusedSkip(String reason) {
        super(reason);
    }

    /** Marks the test in {@code result} skipped for {@code reason}. */
    static void skip(ITestResult result, String reason) {
        result.setStatus(ITestResult.SKIP);
        result.setThrowable(new CircuitRefusedSkip(reason));
    }

    /**
     * Marks the test in {@code result}, deferred to run again later, skipped for {@code reason} and retried: TestNG
     * cannot hold a result back, and its reports count a retried result as one its later run supersedes, as for its
     * own retries. Set before the test listeners hear of the result (TestNG asks them after the invoked-method
     * listeners, and leaves the flag alone for a test it does not retry itself).
     */
    static void defer(ITestResult result, String reason) {
        skip(result, reason);
        result.setWasRetried(true);
    }

    /** No stack trace: it would show only TestNG's and this listener's frames, never the user's code. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
