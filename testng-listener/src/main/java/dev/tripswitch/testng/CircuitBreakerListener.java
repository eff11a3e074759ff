package dev.tripswitch.testng;

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
 */
public class CircuitBreakerListener
        implements ISuiteListener, IConfigurationListener, IInvokedMethodListener, ITestListener {

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
        gate.suiteFinished(suite);
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
        gate.testSucceeded(result);
    }

    @Override
    public void onTestFailure(ITestResult result) {
        gate.testFailed(result);
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        gate.testFailed(result);
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        gate.testSkipped(result);
    }
}
