package dev.tripswitch.testng;

import org.testng.SkipException;

/**
 * The throwable of a test that a circuit refused, before it ran or inside it: TestNG (and Surefire's TestNG
 * provider) report the test as skipped with this message, which names the circuit, its state, since when, the
 * last failure and when the next probe is due.
 *
 * <p>It has no cause on purpose: TestNG judges some throwables by their cause, and would take the core
 * {@link dev.tripswitch.CircuitOpenException} for a failure.
 */
final class CircuitRefusedSkip extends SkipException {

    private static final long serialVersionUID = 1L;

    CircuitRefusedSkip(String reason) {
        super(reason);
    }

    /** No stack trace: it would show only TestNG's and this listener's frames, never the user's code. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
