package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.CallCountedFailures;
import dev.tripswitch.internal.RunLedger;
import dev.tripswitch.internal.RunLedger.Outcome;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The permission one test holds, kept in the test's store until its outcome is known.
 *
 * <p>Contract: exactly one of {@link #passed()}, {@link #failed(Throwable)}, {@link #aborted()} or
 * {@link #close()} takes effect; later calls do nothing. {@link #close()} releases the permit without recording
 * anything; JUnit also calls it when the store holding this permit is closed, so a permit whose outcome was
 * never reported is returned then and a half-open circuit never loses a probe slot for good.
 */
@SuppressWarnings("deprecation") // CloseableResource: still the only store hook honoured by JUnit before 5.13
final class HeldPermit implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final CircuitBreaker circuit;
    private final CircuitPermit permit;
    private final RunLedger ledger;
    private final TestIdentity test;
    private final AtomicBoolean settled = new AtomicBoolean();

    HeldPermit(CircuitBreaker circuit, CircuitPermit permit, RunLedger ledger, TestIdentity test) {
        this.circuit = circuit;
        this.permit = permit;
        this.ledger = ledger;
        this.test = test;
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    /** The test passed: a recorded success (in HALF_OPEN, a passing probe). */
    void passed() {
        if (settled.compareAndSet(false, true)) {
            permit.onSuccess();
            ledger.record(circuit, Outcome.PASSED);
            TestEvents.finished(test, ProtectedTestListener.Outcome.PASSED, null, circuit.snapshot());
        }
    }

    /** The test (or its set-up or tear-down) failed: recorded if the circuit's configuration counts it. */
    void failed(Throwable cause) {
        if (settled.compareAndSet(false, true)) {
            boolean counts = CallCountedFailures.testFailed(permit, cause); // a protected call may have counted it
            ledger.record(circuit, counts ? Outcome.FAILED_COUNTED : Outcome.FAILED_NOT_COUNTED);
            TestEvents.finished(test, counts ? ProtectedTestListener.Outcome.FAILED_COUNTED
                    : ProtectedTestListener.Outcome.FAILED_NOT_COUNTED, cause, circuit.snapshot());
        }
    }

    /** The test was aborted (a failed assumption): nothing is recorded, the probe slot is returned. */
    void aborted() {
        if (settled.compareAndSet(false, true)) {
            permit.release();
            ledger.record(circuit, Outcome.ABORTED);
            TestEvents.finished(test, ProtectedTestListener.Outcome.ABORTED, null, circuit.snapshot());
        }
    }

    /** No outcome was reported: the permit is returned without recording anything. */
    @Override
    public void close() {
        if (settled.compareAndSet(false, true)) {
            permit.release();
        }
    }
}
