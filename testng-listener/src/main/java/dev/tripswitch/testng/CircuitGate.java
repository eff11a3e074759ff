package dev.tripswitch.testng;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import org.testng.ISuite;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * What the listener does, event by event, shared by every instance of {@link CircuitBreakerListener} in the
 * JVM: TestNG may instantiate the listener more than once (service loader, {@code @Listeners},
 * {@code testng.xml}), and every decision is made once per test invocation whichever instance asks. What is
 * decided — counting, the suite's summary, what reporting integrations hear — core's {@link TestRun} decides.
 *
 * <p>A protected test invocation is a {@link ProtectedAttempt}, admitted at its first set-up method (or at the
 * test when it has none) and linked to it through {@link AttemptsOnThread}. A refused or misconfigured test's
 * set-up and tear-down methods are left out ({@link LeftOutConfigurations}); the test itself is marked SKIP with
 * a {@link CircuitRefusedSkip} before its body. Class-level set-up is handled by {@link ClassSetUps}.
 *
 * <p>A TestNG dry run ({@code testng.mode.dryrun=true}, as the JUnit Platform's TestNG engine uses to discover
 * tests) runs no test, so it touches no circuit: every event is ignored then.
 */
final class CircuitGate {

    /** Result attribute: the test invocation's {@link ProtectedAttempt}. */
    static final String ATTEMPT = "tripswitch.attempt";
    /** Suite attribute: the summary lines printed at the end of the suite. */
    static final String SUMMARY = "tripswitch.summary";
    /** TestNG's switch for a run that invokes no method (its {@code RuntimeBehavior.TESTNG_MODE_DRYRUN}). */
    static final String DRY_RUN = "testng.mode.dryrun";

    private final ProtectionResolver protections = new ProtectionResolver();
    private final AttemptsOnThread attempts = new AttemptsOnThread();
    /** One core run per running suite. */
    private final ConcurrentMap<ISuite, TestRun> runs = new ConcurrentHashMap<>();
    private final ClassSetUps classSetUps = new ClassSetUps(protections);
    private final Consumer<String> summaryOut;

    CircuitGate(Consumer<String> summaryOut) {
        this.summaryOut = summaryOut;
    }

    /** True in a dry run: nothing runs, so nothing may be admitted or counted. */
    static boolean isDryRun() {
        return Boolean.parseBoolean(System.getProperty(DRY_RUN));
    }

    /** The suite's summary, once (the listener may be registered more than once). */
    void suiteFinished(ISuite suite) {
        TestRun run = runs.remove(suite);
        List<String> lines = run == null ? List.of() : run.summaryLines();
        if (!lines.isEmpty()) {
            suite.setAttribute(SUMMARY, lines);
            lines.forEach(summaryOut);
        }
    }

    void beforeConfiguration(ITestResult config, ITestNGMethod testMethod) {
        if (config.getStatus() == ITestResult.SKIP || isDryRun()) {
            return; // TestNG leaves it out already (an earlier configuration failed), or runs nothing
        }
        ITestNGMethod method = config.getMethod();
        rejectAnnotatedConfiguration(method);
        if (testMethod != null && method.isBeforeMethodConfiguration()) {
            Object instance = config.getInstance();
            Method test = javaMethod(testMethod);
            Protection protection = protections.forTest(testClass(testMethod, instance), test);
            if (protection.isPresent()) {
                leaveOutUnlessAdmitted(config, attempts.forSetUp(test, instance,
                        () -> start(protection, test, instance, run(config))));
            }
        } else if (testMethod != null && method.isAfterMethodConfiguration()) {
            ProtectedAttempt attempt = attempts.latest(javaMethod(testMethod), config.getInstance());
            if (attempt != null) {
                leaveOutUnlessAdmitted(config, attempt); // nothing was set up for a test that never ran
            }
        } else if (method.isBeforeClassConfiguration()) {
            classSetUps.beforeSetUp(config, run(config));
        } else if (method.isAfterClassConfiguration()) {
            classSetUps.beforeTearDown(config);
        }
    }

    /** A new invocation: refused along with its class, or admitted by its circuit. */
    private ProtectedAttempt start(Protection protection, Method test, Object instance, TestRun run) {
        Admission classRefusal = classSetUps.refusalOf(instance);
        var identity = ProtectedAttempt.identityOf(test, instance);
        return new ProtectedAttempt(test, instance, classRefusal != null
                ? run.refuseAlong(identity, classRefusal) : run.admit(identity, protection));
    }

    private static void leaveOutUnlessAdmitted(ITestResult config, ProtectedAttempt attempt) {
        Admission admission = attempt.admission();
        switch (admission.verdict()) {
            case MISCONFIGURED -> LeftOutConfigurations.leaveOut(config,
                    "the test's @CircuitProtected is invalid: " + admission.error().getMessage());
            case REFUSED -> LeftOutConfigurations.leaveOut(config, "the circuit refused the test: " + admission.reason());
            default -> { } // granted or unguarded: it runs
        }
    }

    /** Right after a configuration method ran or was left out, before the configuration listeners hear of it. */
    void afterConfiguration(ITestResult config) {
        LeftOutConfigurations.reportAsPassed(config);
    }

    void configurationSucceeded(ITestResult config) {
        classSetUps.ended(config);
    }

    void configurationFailed(ITestResult config, ITestNGMethod testMethod) {
        classSetUps.ended(config);
        ProtectedAttempt attempt = settingUp(config, testMethod);
        if (attempt != null) {
            attempt.failed(config.getThrowable()); // counts once; TestNG's skip of the test that follows counts nothing
        }
    }

    void configurationSkipped(ITestResult config, ITestNGMethod testMethod) {
        classSetUps.ended(config);
        ProtectedAttempt attempt = settingUp(config, testMethod);
        if (attempt != null) {
            attempt.aborted(); // the set-up skipped itself: the test will be skipped, nothing to record
        }
    }

    private ProtectedAttempt settingUp(ITestResult config, ITestNGMethod testMethod) {
        if (testMethod == null || !config.getMethod().isBeforeMethodConfiguration()) {
            return null;
        }
        return settingUp(testMethod, config.getInstance());
    }

    private ProtectedAttempt settingUp(ITestNGMethod testMethod, Object instance) {
        ProtectedAttempt attempt = attempts.latest(javaMethod(testMethod), instance);
        return attempt != null && attempt.phase() == ProtectedAttempt.Phase.SET_UP ? attempt : null;
    }

    private void rejectAnnotatedConfiguration(ITestNGMethod method) {
        Method m = javaMethod(method);
        if (m != null && protections.isAnnotated(m)) {
            throw new CircuitConfigurationException("@CircuitProtected on configuration method "
                    + m.getDeclaringClass().getName() + "#" + m.getName() + " has no effect: put it on the test"
                    + " methods or on the test class (their set-up methods are then protected with them)");
        }
    }

    /** Right before the test body (its set-up methods have run or been left out); its attempt, if protected. */
    ProtectedAttempt beforeTest(ITestResult result) {
        if (result.getStatus() == ITestResult.SKIP || isDryRun()) {
            return null; // already skipped by TestNG, or nothing runs
        }
        if (result.getAttribute(ATTEMPT) instanceof ProtectedAttempt attempt) {
            return attempt; // handled by another instance of the listener
        }
        ITestNGMethod testMethod = result.getMethod();
        Object instance = result.getInstance();
        Method test = javaMethod(testMethod);
        Protection protection = protections.forTest(testClass(testMethod, instance), test);
        if (!protection.isPresent()) {
            return null;
        }
        ProtectedAttempt attempt = attempts.forTest(test, instance,
                () -> start(protection, test, instance, run(result)));
        result.setAttribute(ATTEMPT, attempt);
        Admission admission = attempt.admission();
        if (admission.verdict() == Admission.Verdict.MISCONFIGURED) {
            throw admission.error(); // TestNG reports the test as failed with this message
        }
        if (admission.isRefused()) {
            result.setStatus(ITestResult.SKIP);
            result.setThrowable(new CircuitRefusedSkip(admission.reason()));
        }
        return attempt;
    }

    /** The admission of the test in {@code result} for its injection step; an unguarded one if unprotected. */
    Admission admissionOf(ITestResult result, ProtectedAttempt attempt) {
        return attempt != null ? attempt.admission() : run(result).admit(
                ProtectedAttempt.identityOf(javaMethod(result.getMethod()), result.getInstance()), Protection.NONE);
    }

    /** Right after the body: a circuit refusal met inside it makes the test skipped with that reason. */
    void afterTest(ITestResult result) {
        if (result.getStatus() != ITestResult.FAILURE || result.getThrowable() == null || isDryRun()) {
            return;
        }
        String skip = admissionOf(result, attemptOf(result)).skipInside(result.getThrowable());
        if (skip != null) {
            result.setStatus(ITestResult.SKIP);
            result.setThrowable(new CircuitRefusedSkip(skip));
        }
    }

    void testSucceeded(ITestResult result) {
        ProtectedAttempt attempt = attemptOf(result);
        if (attempt != null) {
            attempt.passed();
        }
    }

    void testFailed(ITestResult result) {
        ProtectedAttempt attempt = attemptOf(result);
        if (attempt != null) {
            attempt.failed(result.getThrowable());
        }
    }

    void testSkipped(ITestResult result) {
        ProtectedAttempt attempt = attemptOf(result);
        if (attempt == null) {
            // Skipped by TestNG before it got to the test: a set-up method failed or skipped itself.
            ProtectedAttempt settingUp = isDryRun() ? null : settingUp(result.getMethod(), result.getInstance());
            if (settingUp != null) {
                settingUp.aborted(); // no-op when its set-up failure was recorded already
            }
        } else if (attempt.admission().isRefused()) {
            attempt.refusalReported();
        } else if (result.wasRetried()) {
            attempt.failed(result.getThrowable()); // a failed attempt that will be retried: one failure
        } else {
            attempt.aborted();
        }
    }

    private static ProtectedAttempt attemptOf(ITestResult result) {
        return result.getAttribute(ATTEMPT) instanceof ProtectedAttempt attempt ? attempt : null;
    }

    private TestRun run(ITestResult result) {
        return runs.computeIfAbsent(result.getTestContext().getSuite(), s -> TestRun.start());
    }

    private static Method javaMethod(ITestNGMethod method) {
        return method.getConstructorOrMethod().getMethod();
    }

    private static Class<?> testClass(ITestNGMethod method, Object instance) {
        return instance != null ? instance.getClass() : method.getRealClass();
    }
}
