package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitOpenException;
import org.testng.SkipException;

/**
 * The throwable of a test that an open circuit refused: TestNG (and Surefire's TestNG provider) report the
 * test as skipped with this message, which names the circuit, its state, since when, the last failure and
 * when the next probe is due.
 *
 * <p>It has no cause on purpose: TestNG judges some throwables by their cause, and would take the core
 * {@link CircuitOpenException} for a failure. The refusal, with its snapshot, is kept in a field.
 */
final class CircuitRefusedSkip extends SkipException {

    private static final long serialVersionUID = 1L;

    private final transient CircuitBreaker circuit;
    private final transient CircuitOpenException refusal;

    CircuitRefusedSkip(CircuitBreaker circuit, CircuitOpenException refusal) {
        super(refusal.getMessage());
        this.circuit = circuit;
        this.refusal = refusal;
    }

    /** The circuit that refused. */
    CircuitBreaker circuit() {
        return circuit;
    }

    /** The core refusal, with the circuit as it was when it refused. */
    CircuitOpenException refusal() {
        return refusal;
    }

    /** No stack trace: it would show only TestNG's and this listener's frames, never the user's code. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
