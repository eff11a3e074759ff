package dev.tripswitch.testng;

import dev.tripswitch.Admission;

import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * One invocation of a protected test — one row of a data provider, one of {@code invocationCount}, one attempt
 * of a retried test — from its admission (before its first {@code @BeforeMethod}, or before the test itself
 * when it has none) to its end. Core's {@link Admission} decides everything about its outcome; this only adds
 * what TestNG needs to find the invocation again: its method, instance and phase, and whether it ended.
 *
 * <p>TestNG gives a {@code @BeforeMethod} its own result object, not the test's, but runs an invocation's set-up
 * methods, the test and its tear-down methods one after the other on one thread (in parallel modes too). So the
 * attempt started by the first set-up method is the thread's current attempt until the next invocation begins.
 */
final class ProtectedAttempt {

    private static final ThreadLocal<ProtectedAttempt> CURRENT = new ThreadLocal<>();

    enum Phase { SET_UP, TEST }

    private final Method testMethod;
    private final Object instance;
    private final Invocations.Key key;
    private final Admission admission;
    private volatile Phase phase = Phase.SET_UP;
    private volatile boolean ended;

    ProtectedAttempt(Method testMethod, Object instance, Invocations.Key key, Admission admission) {
        this.testMethod = testMethod;
        this.instance = instance;
        this.key = key;
        this.admission = admission;
    }

    Admission admission() {
        return admission;
    }

    /** The invocation, as its identity (made once, when it was admitted) names it. */
    Invocations.Key key() {
        return key;
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

    /** TestNG reported the invocation's end (or its set-up's failure). */
    boolean hasEnded() {
        return ended;
    }

    void passed() {
        ended = true;
        admission.passed();
    }

    void failed(Throwable failure) {
        ended = true;
        admission.failed(failure);
    }

    /** TestNG reported the refused invocation as skipped (its refusal was counted when it was refused). */
    void refusalReported() {
        ended = true;
    }

    void aborted() {
        ended = true;
        admission.aborted();
    }

    /** The attempt of the invocation whose set-up is running, started by {@code start} for its first set-up method. */
    static ProtectedAttempt forSetUp(Method testMethod, Object instance, Supplier<ProtectedAttempt> start) {
        ProtectedAttempt attempt = CURRENT.get();
        boolean itsSetUpRuns = attempt != null && attempt.phase() == Phase.SET_UP
                && attempt.isFor(testMethod, instance) && !attempt.hasEnded();
        return itsSetUpRuns ? attempt : begin(attempt, start);
    }

    /** The attempt of the test about to run: the one its set-up started, or a new one. */
    static ProtectedAttempt forTest(Method testMethod, Object instance, Supplier<ProtectedAttempt> start) {
        ProtectedAttempt attempt = forSetUp(testMethod, instance, start);
        attempt.enterTest();
        return attempt;
    }

    /** The thread's latest attempt if it belongs to {@code testMethod} on {@code instance}. */
    static ProtectedAttempt latest(Method testMethod, Object instance) {
        ProtectedAttempt attempt = CURRENT.get();
        return attempt != null && attempt.isFor(testMethod, instance) ? attempt : null;
    }

    private static ProtectedAttempt begin(ProtectedAttempt previous, Supplier<ProtectedAttempt> start) {
        if (previous != null && previous.phase() == Phase.SET_UP) {
            // its test never started (TestNG skipped it without telling us how): give the permit back
            previous.aborted();
        }
        ProtectedAttempt attempt = start.get();
        CURRENT.set(attempt);
        return attempt;
    }

    @Override
    public String toString() {
        return "Tripswitch[" + admission + "]";
    }
}
