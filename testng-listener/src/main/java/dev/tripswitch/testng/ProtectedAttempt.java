package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.CallCountedFailures;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.RunLedger;
import dev.tripswitch.internal.RunLedger.Outcome;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One invocation of a protected test, from the moment permission is asked (before its first
 * {@code @BeforeMethod}, or before the test itself when it has none) to its outcome. An invocation is one row
 * of a data provider, one of {@code invocationCount}, or one attempt of a retried test.
 *
 * <p>It reports exactly one outcome to the circuit, to the run's ledger and to the protected-test listeners
 * (reporting integrations), however often TestNG tells about it (the listener may be registered more than
 * once).
 */
final class ProtectedAttempt {

    enum Phase { SET_UP, TEST }

    private final Method testMethod;
    private final Object instance;
    private final CircuitBreaker circuit;
    private final CircuitPermit permit;
    private final CircuitOpenException refusal;
    private final CircuitConfigurationException misuse;
    private final RunLedger ledger;
    private final TestIdentity identity;
    private final ProtectedTestEvents events;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Phase phase = Phase.SET_UP;

    private ProtectedAttempt(Method testMethod, Object instance, CircuitBreaker circuit, CircuitPermit permit,
                             CircuitOpenException refusal, CircuitConfigurationException misuse, RunLedger ledger,
                             TestIdentity identity, ProtectedTestEvents events) {
        this.identity = identity;
        this.events = events;
        this.testMethod = testMethod;
        this.instance = instance;
        this.circuit = circuit;
        this.permit = permit;
        this.refusal = refusal;
        this.misuse = misuse;
        this.ledger = ledger;
    }

    /**
     * Asks the circuit of {@code protection} for permission for one invocation of {@code testMethod}, and tells
     * the protected-test listeners whether it was admitted or refused.
     */
    static ProtectedAttempt ask(ProtectionResolver.Protection protection, Method testMethod, Object instance,
                                RunLedger ledger, ProtectedTestEvents events) {
        TestIdentity identity = identityOf(testMethod, instance);
        CircuitBreaker circuit;
        try {
            circuit = protection.circuit();
        } catch (CircuitConfigurationException e) {
            return new ProtectedAttempt(testMethod, instance, null, null, null, e, ledger, identity, events);
        }
        ledger.use(circuit);
        try {
            CircuitPermit permit = circuit.acquirePermission();
            events.admitted(identity, circuit.snapshot(), permit.isProbe());
            return new ProtectedAttempt(testMethod, instance, circuit, permit, null, null, ledger, identity, events);
        } catch (CircuitOpenException refused) {
            events.refused(identity, refused.snapshot(), refused.getMessage());
            return new ProtectedAttempt(testMethod, instance, circuit, null, refused, null, ledger, identity, events);
        }
    }

    /**
     * An invocation refused without asking the circuit again: its class set-up was refused earlier, so the test
     * cannot run whatever the circuit says now.
     */
    static ProtectedAttempt refusedWithItsClass(CircuitRefusedSkip classRefusal, Method testMethod, Object instance,
                                                RunLedger ledger, ProtectedTestEvents events) {
        TestIdentity identity = identityOf(testMethod, instance);
        CircuitBreaker circuit = classRefusal.circuit();
        CircuitOpenException refusal = classRefusal.refusal();
        ledger.use(circuit);
        events.refused(identity, refusal.snapshot(), refusal.getMessage());
        return new ProtectedAttempt(testMethod, instance, circuit, null, refusal, null, ledger, identity, events);
    }

    /** How reporting integrations know a TestNG test: class and method (TestNG names no invocation). */
    static TestIdentity identityOf(Method testMethod, Object instance) {
        Class<?> testClass = instance != null ? instance.getClass() : testMethod.getDeclaringClass();
        return new TestIdentity("testng", testClass.getName(), testMethod.getName(),
                testClass.getSimpleName() + "." + testMethod.getName());
    }

    boolean isFor(Method method, Object testInstance) {
        return testMethod.equals(method) && instance == testInstance;
    }

    Phase phase() {
        return phase;
    }

    void enterTest() {
        phase = Phase.TEST;
    }

    /** The circuit refused: set-up and body must not run. */
    boolean isRefused() {
        return refusal != null;
    }

    /** The annotation is wrong or conflicts with another definition: the test must fail with this. */
    CircuitConfigurationException misuse() {
        return misuse;
    }

    /** Permission granted (neither refused nor misconfigured). */
    boolean isGranted() {
        return permit != null;
    }

    CircuitPermit permit() {
        return permit;
    }

    boolean isFinished() {
        return finished.get();
    }

    /** The reason to report the refused test with. */
    CircuitRefusedSkip skipReason() {
        return new CircuitRefusedSkip(circuit, refusal);
    }

    // ------------------------------------------------------------------ outcomes (each reports once)

    void passed() {
        if (finish() && permit != null) {
            permit.onSuccess();
            ledger.record(circuit, Outcome.PASSED);
            events.finished(identity, ProtectedTestListener.Outcome.PASSED, null, circuit.snapshot());
        }
    }

    /** The test, or one of its set-up methods, failed with {@code failure}. */
    void failed(Throwable failure) {
        if (finish() && permit != null) {
            boolean counted = CallCountedFailures.testFailed(permit, failure); // a protected call may have counted it
            ledger.record(circuit, counted ? Outcome.FAILED_COUNTED : Outcome.FAILED_NOT_COUNTED);
            events.finished(identity, counted ? ProtectedTestListener.Outcome.FAILED_COUNTED
                    : ProtectedTestListener.Outcome.FAILED_NOT_COUNTED, failure, circuit.snapshot());
        }
    }

    /** The test ended without an outcome that says anything about the dependency (it skipped itself). */
    void aborted() {
        if (finish() && permit != null) {
            permit.release();
            ledger.record(circuit, Outcome.ABORTED);
            events.finished(identity, ProtectedTestListener.Outcome.ABORTED, null, circuit.snapshot());
        }
    }

    /** TestNG reported the refused test as skipped. */
    void skippedByCircuit() {
        if (finish() && refusal != null) {
            ledger.record(circuit, Outcome.SKIPPED_BY_CIRCUIT);
        }
    }

    /** Reports nothing to the circuit (used for a misconfigured test, which fails on its own). */
    void discard() {
        finish();
    }

    private boolean finish() {
        return finished.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        String state = misuse != null ? "misconfigured" : refusal != null ? "refused" : "granted";
        return "Tripswitch[" + (circuit == null ? "?" : circuit.name()) + ": " + state + "]";
    }
}
