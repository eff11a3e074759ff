package dev.tripswitch.testng;

import dev.tripswitch.Admission;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;

import java.lang.reflect.Method;

/**
 * One invocation of a protected test — one row of a data provider, one of {@code invocationCount}, one attempt
 * of a retried test — from its admission (before its first {@code @BeforeMethod}, or before the test itself
 * when it has none) to its end. Core's {@link Admission} decides everything about its outcome; this only adds
 * what TestNG needs to find the invocation again: its method, instance and phase, and whether it ended.
 */
final class ProtectedAttempt {

    enum Phase { SET_UP, TEST }

    private final Method testMethod;
    private final Object instance;
    private final Admission admission;
    private volatile Phase phase = Phase.SET_UP;
    private volatile boolean ended;

    ProtectedAttempt(Method testMethod, Object instance, Admission admission) {
        this.testMethod = testMethod;
        this.instance = instance;
        this.admission = admission;
    }

    /** How core knows a TestNG test: class and method (TestNG names no invocation); made once per attempt. */
    static TestIdentity identityOf(Method testMethod, Object instance) {
        Class<?> testClass = instance != null ? instance.getClass() : testMethod.getDeclaringClass();
        return new TestIdentity("testng", testClass.getName(), testMethod.getName(),
                testClass.getSimpleName() + "." + testMethod.getName());
    }

    Admission admission() {
        return admission;
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

    @Override
    public String toString() {
        return "Tripswitch[" + admission + "]";
    }
}
