package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.browser.InjectBrowserFailure;
import dev.tripswitch.browser.InjectBrowserFailures;
import dev.tripswitch.internal.OptionalDependencies;
import dev.tripswitch.internal.UnwovenProtection;

import java.lang.reflect.Method;

import org.testng.IConfigurationListener;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;

import java.util.List;

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
 * At the end of each suite one line per circuit used is printed to standard output (and left in the suite
 * attribute {@code tripswitch.summary}): how often it opened, how many tests it skipped and let through.
 * With the system property {@code tripswitch.enabled=false} protected tests run as if unprotected.
 *
 * <p>Browsers: {@link TestNGBrowsers#current()} is the running test's browser, quit when its outcome is known;
 * {@code @InjectBrowserFailure} on a test is applied to it right before the body, following the circuit.
 */
public class CircuitBreakerListener
        implements ISuiteListener, IConfigurationListener, IInvokedMethodListener, ITestListener {

    /** The test attribute holding the injection results (the same key as AnnotatedInjections.REPORT_KEY). */
    private static final String INJECTION_KEY = "tripswitch.injection";

    private static final CircuitGate SHARED = new CircuitGate(List.of(), line -> System.out.println(line));

    private final CircuitGate gate;

    /** The instance TestNG creates; every instance works on the same JVM-wide state. */
    public CircuitBreakerListener() {
        this(SHARED);
    }

    CircuitBreakerListener(CircuitGate gate) {
        this.gate = gate;
    }

    @Override
    public void onStart(ISuite suite) {
        gate.suiteStarted(suite);
    }

    @Override
    public void onFinish(ISuite suite) {
        try {
            gate.suiteFinished(suite);
            UnwovenProtection.reportOnce(System.err); // @CircuitProtected outside tests that no aspect intercepts
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
            gate.beforeTest(testResult);
            if (testResult.getStatus() != ITestResult.SKIP) {
                injectAnnotatedFailures(testResult);
            }
        }
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult testResult) {
        if (method.isConfigurationMethod()) {
            gate.afterConfiguration(testResult);
        }
    }

    @Override
    public void onTestSuccess(ITestResult result) {
        try {
            gate.testSucceeded(result);
        } finally {
            quitBrowser();
        }
    }

    @Override
    public void onTestFailure(ITestResult result) {
        try {
            gate.testFailed(result);
        } finally {
            quitBrowser();
        }
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        try {
            gate.testFailed(result);
        } finally {
            quitBrowser();
        }
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        try {
            gate.testSkipped(result);
        } finally {
            quitBrowser();
        }
    }

    /**
     * {@code @InjectBrowserFailure} on the test or its class: applied to the test's browser
     * ({@link TestNGBrowsers#current()}) right before the body, following the test's circuit (if it is protected).
     */
    private void injectAnnotatedFailures(ITestResult result) {
        if (result.getAttribute(INJECTION_KEY) != null) {
            return; // another instance of this listener did it already
        }
        Method test = result.getMethod().getConstructorOrMethod().getMethod();
        Class<?> testClass = result.getInstance() != null ? result.getInstance().getClass() : result.getMethod().getRealClass();
        if (!test.isAnnotationPresent(InjectBrowserFailure.class) && !test.isAnnotationPresent(InjectBrowserFailures.class)
                && !testClass.isAnnotationPresent(InjectBrowserFailure.class)
                && !testClass.isAnnotationPresent(InjectBrowserFailures.class)) {
            return;
        }
        if (!OptionalDependencies.seleniumPresent()) {
            throw new IllegalStateException("@InjectBrowserFailure on " + testClass.getName() + "#" + test.getName()
                    + " needs Selenium (org.seleniumhq.selenium:selenium-java) on the test class path");
        }
        CircuitBreaker circuit = null;
        if (result.getAttribute(CircuitGate.ATTEMPT) instanceof ProtectedAttempt attempt && attempt.isGranted()) {
            circuit = attempt.permit().circuit();
        }
        TestNGBrowsers.inject(result, test, testClass, circuit);
    }

    private static void quitBrowser() {
        if (OptionalDependencies.seleniumPresent()) {
            TestNGBrowsers.testFinished();
        }
    }
}
