package dev.tripswitch.testng;

import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Links the set-up methods of one test invocation to the invocation itself. TestNG gives a
 * {@code @BeforeMethod} its own result object, not the test's, but runs an invocation's set-up methods, the
 * test and its tear-down methods one after the other on one thread (in parallel modes too). So the attempt
 * started by the first set-up method is the thread's current attempt until the next invocation begins.
 */
final class AttemptsOnThread {

    private final ThreadLocal<ProtectedAttempt> current = new ThreadLocal<>();

    /** The attempt of the invocation whose set-up is running, started by {@code start} for its first set-up method. */
    ProtectedAttempt forSetUp(Method testMethod, Object instance, Supplier<ProtectedAttempt> start) {
        ProtectedAttempt attempt = current.get();
        if (attempt != null && attempt.phase() == ProtectedAttempt.Phase.SET_UP && attempt.isFor(testMethod, instance)
                && !attempt.hasEnded()) {
            return attempt;
        }
        return begin(attempt, start);
    }

    /** The attempt of the test about to run: the one its set-up started, or a new one. */
    ProtectedAttempt forTest(Method testMethod, Object instance, Supplier<ProtectedAttempt> start) {
        ProtectedAttempt attempt = current.get();
        if (attempt == null || attempt.phase() != ProtectedAttempt.Phase.SET_UP || !attempt.isFor(testMethod, instance)
                || attempt.hasEnded()) {
            attempt = begin(attempt, start);
        }
        attempt.enterTest();
        return attempt;
    }

    /** The thread's latest attempt if it belongs to {@code testMethod} on {@code instance}. */
    ProtectedAttempt latest(Method testMethod, Object instance) {
        ProtectedAttempt attempt = current.get();
        return attempt != null && attempt.isFor(testMethod, instance) ? attempt : null;
    }

    private ProtectedAttempt begin(ProtectedAttempt previous, Supplier<ProtectedAttempt> start) {
        if (previous != null && previous.phase() == ProtectedAttempt.Phase.SET_UP) {
            // its test never started (TestNG skipped it without telling us how): give the permit back
            previous.aborted();
        }
        ProtectedAttempt attempt = start.get();
        current.set(attempt);
        return attempt;
    }
}
