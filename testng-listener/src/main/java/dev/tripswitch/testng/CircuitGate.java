package dev.tripswitch.testng;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.RunLedger;
import dev.tripswitch.internal.Switches;
import org.testng.ISuite;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the listener does, event by event, shared by every instance of {@link CircuitBreakerListener} in the
 * JVM: TestNG may instantiate the listener more than once (service loader, {@code @Listeners},
 * {@code testng.xml}), and every decision here is made once per test invocation whichever instance asks.
 *
 * <p>A protected test invocation is an {@link ProtectedAttempt}, started by its first set-up method (or by the
 * test when it has none) and linked to it through {@link AttemptsOnThread}. A refused test's set-up and
 * tear-down methods are left out ({@link LeftOutConfigurations}); the test itself is marked SKIP with a
 * {@link CircuitRefusedSkip} before its body. Class-level set-up is handled by {@link ClassSetUps}.
 */
final class CircuitGate {

    /** Result attribute: the test invocation's {@link ProtectedAttempt}. */
    static final String ATTEMPT = "tripswitch.attempt";
    /** Suite attribute: the summary lines printed at the end of the suite. */
    static final String SUMMARY = "tripswitch.summary";

    private static final System.Logger LOG = System.getLogger(CircuitBreakerListener.class.getName());

    private final ProtectionResolver protections = new ProtectionResolver();
    private final AttemptsOnThread attempts = new AttemptsOnThread();
    private final SuiteLedgers ledgers = new SuiteLedgers();
    private final ClassSetUps classSetUps = new ClassSetUps(protections);
    private final List<ProtectedTestHook> hooks;
    private final Consumer<String> summaryOut;

    CircuitGate(List<ProtectedTestHook> hooks, Consumer<String> summaryOut) {
        this.hooks = List.copyOf(hooks);
        this.summaryOut = summaryOut;
    }

    // ------------------------------------------------------------------ suites

    void suiteStarted(ISuite suite) {
        ledgers.of(suite);
    }

    void suiteFinished(ISuite suite) {
        List<String> lines = ledgers.close(suite);
        if (!lines.isEmpty()) {
            suite.setAttribute(SUMMARY, lines);
            lines.forEach(summaryOut);
        }
    }

    // ------------------------------------------------------------------ configuration methods

    void beforeConfiguration(ITestResult config, ITestNGMethod testMethod) {
        if (config.getStatus() == ITestResult.SKIP) {
            return; // TestNG leaves it out already (an earlier configuration failed)
        }
        ITestNGMethod method = config.getMethod();
        rejectAnnotatedConfiguration(method);
        if (!Switches.enabled()) {
            return; // tripswitch.enabled=false: protected tests run as if unprotected
        }
        if (testMethod != null && method.isBeforeMethodConfiguration()) {
            Object instance = config.getInstance();
            Method test = javaMethod(testMethod);
            ProtectionResolver.Protection protection = protections.forTest(testClass(testMethod, instance), test);
            if (protection.applies()) {
                ProtectedAttempt attempt = attempts.forSetUp(test, instance,
                        () -> start(protection, test, instance, ledger(config)));
                if (!attempt.isGranted()) {
                    leaveOut(config, attempt);
                }
            }
        } else if (testMethod != null && method.isAfterMethodConfiguration()) {
            ProtectedAttempt attempt = attempts.latest(javaMethod(testMethod), config.getInstance());
            if (attempt != null && !attempt.isGranted()) {
                leaveOut(config, attempt); // nothing was set up for a test that never ran
            }
        } else if (method.isBeforeClassConfiguration()) {
            classSetUps.beforeSetUp(config, ledger(config));
        } else if (method.isAfterClassConfiguration()) {
            classSetUps.beforeTearDown(config);
        }
    }

    /** A new invocation: refused along with its class, or asking the circuit. */
    private ProtectedAttempt start(ProtectionResolver.Protection protection, Method test, Object instance,
                                   RunLedger ledger) {
        CircuitRefusedSkip classRefusal = classSetUps.refusalOf(instance);
        if (classRefusal != null) {
            return ProtectedAttempt.refusedWithItsClass(classRefusal, test, instance, ledger,
                    ProtectedTestEvents.global());
        }
        return ProtectedAttempt.ask(protection, test, instance, ledger, ProtectedTestEvents.global());
    }

    private static void leaveOut(ITestResult config, ProtectedAttempt attempt) {
        LeftOutConfigurations.leaveOut(config, attempt.misuse() != null
                ? "the test's @CircuitProtected is invalid: " + attempt.misuse().getMessage()
                : "the circuit refused the test: " + attempt.skipReason().getMessage());
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
        if (testMethod != null && config.getMethod().isBeforeMethodConfiguration()) {
            ProtectedAttempt attempt = settingUp(testMethod, config.getInstance());
            if (attempt != null) {
                Throwable failure = config.getThrowable();
                if (failure instanceof CircuitConfigurationException) {
                    attempt.aborted();
                } else {
                    attempt.failed(failure); // counts once; TestNG's skip of the test that follows counts nothing
                }
            }
        }
    }

    void configurationSkipped(ITestResult config, ITestNGMethod testMethod) {
        classSetUps.ended(config);
        if (testMethod != null && config.getMethod().isBeforeMethodConfiguration()) {
            ProtectedAttempt attempt = settingUp(testMethod, config.getInstance());
            if (attempt != null && attempt.isGranted()) {
                attempt.aborted(); // the set-up skipped itself: the test will be skipped, nothing to record
            }
        }
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

    // ------------------------------------------------------------------ test methods

    /** Right before the test body (its set-up methods have run or been left out). */
    void beforeTest(ITestResult result) {
        if (result.getStatus() == ITestResult.SKIP || result.getAttribute(ATTEMPT) != null || !Switches.enabled()) {
            return; // already skipped by TestNG, handled by another instance of the listener, or switched off
        }
        ITestNGMethod testMethod = result.getMethod();
        Object instance = result.getInstance();
        Method test = javaMethod(testMethod);
        ProtectionResolver.Protection protection = protections.forTest(testClass(testMethod, instance), test);
        if (!protection.applies()) {
            return;
        }
        ProtectedAttempt attempt = attempts.forTest(test, instance,
                () -> start(protection, test, instance, ledger(result)));
        result.setAttribute(ATTEMPT, attempt);
        if (attempt.misuse() != null) {
            throw attempt.misuse(); // TestNG reports the test as failed with this message
        }
        if (!attempt.isGranted()) {
            result.setStatus(ITestResult.SKIP);
            result.setThrowable(attempt.skipReason());
            return;
        }
        for (ProtectedTestHook hook : hooks) {
            hook.beforeBody(result, attempt.permit());
        }
    }

    void testSucceeded(ITestResult result) {
        ProtectedAttempt attempt = attemptOf(result);
        if (attempt != null) {
            attempt.passed();
            afterOutcome(result, attempt);
        }
    }

    void testFailed(ITestResult result) {
        ProtectedAttempt attempt = attemptOf(result);
        if (attempt != null) {
            attempt.failed(result.getThrowable());
            afterOutcome(result, attempt);
        }
    }

    void testSkipped(ITestResult result) {
        ProtectedAttempt attempt = attemptOf(result);
        if (attempt != null) {
            if (attempt.isRefused()) {
                attempt.skippedByCircuit();
            } else if (result.wasRetried()) {
                attempt.failed(result.getThrowable()); // a failed attempt that will be retried: one failure
            } else {
                attempt.aborted();
            }
            afterOutcome(result, attempt);
            return;
        }
        // Skipped by TestNG before it got to the test: a set-up method failed or skipped itself.
        ProtectedAttempt settingUp = settingUp(result.getMethod(), result.getInstance());
        if (settingUp != null) {
            settingUp.aborted(); // no-op when its set-up failure was recorded already
        }
    }

    private static ProtectedAttempt attemptOf(ITestResult result) {
        return result.getAttribute(ATTEMPT) instanceof ProtectedAttempt attempt ? attempt : null;
    }

    private void afterOutcome(ITestResult result, ProtectedAttempt attempt) {
        if (!attempt.isGranted()) {
            return;
        }
        for (ProtectedTestHook hook : hooks) {
            try {
                hook.afterOutcome(result, attempt.permit());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: a test hook failed after the outcome of "
                        + result.getMethod().getQualifiedName() + "; the outcome stands", e);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private RunLedger ledger(ITestResult result) {
        return ledgers.of(result.getTestContext().getSuite());
    }

    private static Method javaMethod(ITestNGMethod method) {
        return method.getConstructorOrMethod().getMethod();
    }

    private static Class<?> testClass(ITestNGMethod method, Object instance) {
        return instance != null ? instance.getClass() : method.getRealClass();
    }
}
