package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.internal.CallCountedFailures;
import dev.tripswitch.internal.RunLedger;
import dev.tripswitch.internal.RunLedger.Outcome;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Permission for one class-level set-up method ({@code @BeforeClass}) of a protected class. The set-up is a
 * call on the dependency like a test: refused while the circuit is open (the class's set-up and tear-down
 * methods are then left out and its tests skipped, each with the circuit's reason), and its failure counts
 * once. Its success says nothing by itself (the tests will tell), so the permit is only released.
 */
final class ClassSetUpGuard {

    private final CircuitBreaker circuit;
    private final CircuitPermit permit;
    private final RunLedger ledger;
    private final AtomicBoolean finished = new AtomicBoolean();

    private ClassSetUpGuard(CircuitBreaker circuit, CircuitPermit permit, RunLedger ledger) {
        this.circuit = circuit;
        this.permit = permit;
        this.ledger = ledger;
    }

    /**
     * A guard holding a permit.
     *
     * @throws dev.tripswitch.CircuitOpenException when the circuit refuses
     */
    static ClassSetUpGuard enter(CircuitBreaker circuit, RunLedger ledger) {
        ledger.use(circuit);
        return new ClassSetUpGuard(circuit, circuit.acquirePermission(), ledger);
    }

    void succeeded() {
        if (finished.compareAndSet(false, true)) {
            permit.release();
        }
    }

    void failed(Throwable failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (failure instanceof CircuitConfigurationException) {
            permit.release(); // a misuse of Tripswitch says nothing about the dependency
            return;
        }
        boolean counted = CallCountedFailures.testFailed(permit, failure); // a protected call may have counted it
        ledger.record(circuit, counted ? Outcome.FAILED_COUNTED : Outcome.FAILED_NOT_COUNTED);
    }
}
