package dev.tripswitch.testng;

import dev.tripswitch.InjectionStep;
import dev.tripswitch.internal.OptionalDependencies;
import org.testng.IConfigurationListener;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;

import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * Runs TestNG tests marked {@link dev.tripswitch.CircuitProtected @CircuitProtected} under their circuit
 * breaker, shared JVM-wide with every other protected test, JUnit 5 ones included.
 *
 * <p>Registration: none needed. TestNG loads this listener through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.testng.ITestNGListener}). Naming it as well in {@code @Listeners} or
 * {@code testng.xml} is harmless: all instances share one state and every test invocation is counted once.
 *
 * <p>What happens to a protected test invocation (one data-provider row, one of {@code invocationCount}, one
 * attempt of a retried test):
 * <ul>
 *   <li>Before its first {@code @BeforeMethod} (or before the test when it has none), the circuit is asked
 *       for permission. Refused: its {@code @BeforeMethod}s, body and {@code @AfterMethod}s do not run, and
 *       TestNG reports it as SKIP whose throwable is a {@link org.testng.SkipException} with the circuit's
 *       reason (circuit, state, since when, last failure, next probe). The left-out configuration methods
 *       are reported to configuration listeners as passed, with the attribute {@code tripswitch.leftOut}
 *       saying why they did not run (reported as skipped, Surefire would count each as one more skipped
 *       test).</li>
 *   <li>Passed: a success. Failed, or one of its {@code @BeforeMethod}s failed: a failure, if it counts
 *       ({@code AssertionError} does not by default). A failed attempt that a retry analyzer retries is one
 *       failure; the retry asks again. Skipped by itself: nothing.</li>
 *   <li>A {@code @BeforeClass} method of a protected class is asked for permission too. Refused, it and the
 *       class's {@code @AfterClass} are left out and every test of the class is skipped with the circuit's
 *       reason; its failure counts once. The tests TestNG then skips because a configuration method failed
 *       count nothing.</li>
 *   <li>A bad annotation (an attribute out of range, two classes defining one circuit differently) fails the
 *       test with a message naming the attribute or both places; {@code @CircuitProtected} on a
 *       configuration method fails that method.</li>
 * </ul>
 * A circuit refusal met inside a test (a {@link dev.tripswitch.CircuitOpenException} thrown by protected code such
 * as a page object, or by any {@code circuit.execute}) makes it SKIP with that circuit's reason; it counts nothing
 * on the test's own circuit. A dry run ({@code testng.mode.dryrun=true}, which the JUnit Platform's TestNG engine
 * uses for discovery) touches no circuit.
 * At the end of each suite one line per circuit used is printed to standard output (and left in the suite
 * attribute {@code tripswitch.summary}): how often it opened, how many tests it skipped and let through.
 * With the system property {@code tripswitch.enabled=false} protected tests run as if unprotected.
 *
 * <p>Browsers: {@link TestNGBrowsers#current()} is the running test's browser, quit when its outcome is known;
 * {@code @InjectBrowserFailure} on a test is applied to it right before the body, following the circuit.
 */
public class CircuitBreakerListener
        implements ISuiteListener, IConfigurationListener, IInvokedMethodListener, ITestListener {

    /*
     * TestNG callback                          -> what happens (decisions are core's: TestRun / Admission)
     * beforeConfiguration (@BeforeMethod)      -> admit the invocation (once), or leave the method out
     * beforeConfiguration (@BeforeClass)       -> admitClassSetUp, or leave it (and @AfterClass) out
     * onConfigurationSuccess/Failure/Skip      -> the set-up's outcome: passed / failed / aborted
     * beforeInvocation (test)                  -> admit if not yet; refused: SKIP; then InjectionStep.inject
     * afterInvocation (test)                   -> Admission.skipInside (a circuit refusal met inside: SKIP)
     * onTestSuccess / Failure / Skipped        -> passed / failed / aborted (refused: nothing more)
     * onFinish (suite)                         -> the summary; browsers still open are quit
     */

    /** The test attribute holding the injection results (the same key as AnnotatedInjections.REPORT_KEY). */
    private static final String INJECTION_KEY = "tripswitch.injection";

    private static final CircuitGate SHARED = new CircuitGate(line -> System.out.println(line));

    private final CircuitGate gate;

    /** The instance TestNG creates; every instance works on the same JVM-wide state. */
    public CircuitBreakerListener() {
        this(SHARED);
    }

    CircuitBreakerListener(CircuitGate gate) {
        this.gate = gate;
    }

    @Override
    public void onFinish(ISuite suite) {
        try {
            gate.suiteFinished(suite);
        } finally {
            if (OptionalDependencies.seleniumPresent()) {
                TestNGBrowsers.closeAll();
            }
        }
    }

    @Override
    public void beforeConfiguration(ITestResult configResult, ITestNGMethod testMethod) {
        gate.beforeConfiguration(configResult, testMethod);
    }

    @Override
    public void onConfigurationSuccess(ITestResult configResult, ITestNGMethod testMethod) {
        gate.configurationSucceeded(configResult);
    }

    @Override
    public void onConfigurationFailure(ITestResult configResult, ITestNGMethod testMethod) {
        gate.configurationFailed(configResult, testMethod);
    }

    @Override
    public void onConfigurationSkip(ITestResult configResult, ITestNGMethod testMethod) {
        gate.configurationSkipped(configResult, testMethod);
    }

    @Override
    public void beforeInvocation(IInvokedMethod method, ITestResult testResult) {
        if (method.isTestMethod()) {
            ProtectedAttempt attempt = gate.beforeTest(testResult);
            if (testResult.getStatus() != ITestResult.SKIP && !CircuitGate.isDryRun()
                    && testResult.getAttribute(INJECTION_KEY) == null) { // not done by another instance already
                inject(testResult, attempt);
            }
        }
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult testResult) {
        if (method.isConfigurationMethod()) {
            gate.afterConfiguration(testResult);
        } else if (method.isTestMethod()) {
            gate.afterTest(testResult);
        }
    }

    @Override
    public void onTestSuccess(ITestResult result) {
        thenQuitBrowser(result, gate::testSucceeded);
    }

    @Override
    public void onTestFailure(ITestResult result) {
        thenQuitBrowser(result, gate::testFailed);
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        thenQuitBrowser(result, gate::testFailed);
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        thenQuitBrowser(result, gate::testSkipped);
    }

    /** {@code @InjectBrowserFailure} on the test or its class: core's injection step on the test's browser. */
    private void inject(ITestResult result, ProtectedAttempt attempt) {
        Method test = result.getMethod().getConstructorOrMethod().getMethod();
        Class<?> testClass = result.getInstance() != null ? result.getInstance().getClass()
                : result.getMethod().getRealClass();
        if (InjectionStep.wanted(test, testClass)) {
            TestNGBrowsers.inject(result, gate.admissionOf(result, attempt), test, testClass);
        }
    }

    /** The outcome, then the test's browser (if any) is quit, whatever happened. */
    private static void thenQuitBrowser(ITestResult result, Consumer<ITestResult> outcome) {
        try {
            outcome.accept(result);
        } finally {
            if (OptionalDependencies.seleniumPresent()) {
                TestNGBrowsers.testFinished();
            }
        }
    }
}
