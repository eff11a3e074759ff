package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitSnapshot;
import org.testng.SkipException;

/**
 * The throwable of a test that an open circuit refused: TestNG (and Surefire's TestNG provider) report the
 * test as skipped with this message, which names the circuit, its state, since when, the last failure and
 * when the next probe is due. The cause is the core {@link CircuitOpenException}, carrying the snapshot.
 */
final class CircuitRefusedSkip extends SkipException {

    private static final long serialVersionUID = 1L;

    private final transient CircuitBreaker circuit;

    CircuitRefusedSkip(CircuitBreaker circuit, CircuitOpenException refusal) {
        super(refusal.getMessage(), refusal);
        this.circuit = circuit;
    }

    /** The circuit that refused. */
    CircuitBreaker circuit() {
        return circuit;
    }

    CircuitSnapshot snapshot() {
        return ((CircuitOpenException) getCause()).snapshot();
    }

    /** No stack trace: it would show only TestNG's and this listener's frames, never the user's code. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
