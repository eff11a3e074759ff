package dev.tripswitch.event;

import dev.tripswitch.CircuitSnapshot;

/**
 * Hears what happens to protected tests, whichever framework runs them: reporting integrations (the Allure
 * adapter) implement it. Found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.tripswitch.event.ProtectedTestListener}.
 *
 * <p>Contract: the framework adapters call these methods synchronously, on the thread that runs the test;
 * {@link #onTestAdmitted} and {@link #onTestRefused} come before the test's set-up methods. An exception
 * thrown here is logged and dropped; it never changes the test's outcome. Class-level set-up methods
 * ({@code @BeforeAll}, {@code @BeforeClass}) are not tests and are not reported here.
 */
public interface ProtectedTestListener {

    /** How a protected test that was let through ended, as the circuit saw it (decided by core, once). */
    enum Outcome {
        PASSED,
        /** Failed with a failure that counted against the circuit (an infrastructure failure). */
        FAILED_COUNTED,
        /** Failed with a failure the circuit ignores (by default an assertion: a product failure). */
        FAILED_NOT_COUNTED,
        /** Aborted or skipped by the test itself: nothing was recorded. */
        ABORTED,
        /**
         * Refused by a circuit: before it ran ({@link #onTestRefused}), or inside, where protected code threw a
         * {@link dev.tripswitch.CircuitOpenException} (then nothing was recorded on the test's own circuit).
         */
        SKIPPED_BY_CIRCUIT
    }

    /** Which test, in framework-neutral terms; made once per test by its framework adapter and carried along. */
    /**
     * @param framework   the framework adapter's name ("junit5", "testng")
     * @param className   the test's class
     * @param methodName  the test's method, or {@code null} for a class-level set-up
     * @param displayName what the framework shows
     * @param id          what tells this test apart from every other of the run, as the framework names it (a JUnit
     *                    unique id); {@code null} when the framework gives none — such a test cannot be deferred
     *                    and replayed ({@link dev.tripswitch.WhenOpen#REPLAY})
     */
    record TestIdentity(String framework, String className, String methodName, String displayName, String id) {

        /** An identity without a run-wide id. */
        public TestIdentity(String framework, String className, String methodName, String displayName) {
            this(framework, className, methodName, displayName, null);
        }
    }

    /** The circuit let the test through; {@code atStart} is its state then ({@code probe}: a half-open probe). */
    default void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
    }

    /** The circuit refused the test, which is reported as skipped with {@code reason}. */
    default void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
    }

    /**
     * The circuit refused the test and the run deferred it ({@link dev.tripswitch.WhenOpen#REPLAY}): nothing is
     * reported for it yet. It is run again once its circuit lets tests through — then {@link #onTestAdmitted} and
     * {@link #onTestFinished} follow as for any test — or, when the run's replay budget is spent first, it is
     * {@linkplain #onTestRefused refused} for good with a reason that says so.
     */
    default void onTestDeferred(TestIdentity test, CircuitSnapshot snapshot, String reason) {
    }

    /** The test ran and ended; {@code after} is the circuit once the outcome was recorded. */
    default void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
    }

    /**
     * Something was done to the test's environment and should appear in its report (an injected failure,
     * a recovery): a title, whether it went as intended, and details as JSON.
     */
    default void onTestNote(TestIdentity test, String title, boolean ok, String detailsJson) {
    }
}
