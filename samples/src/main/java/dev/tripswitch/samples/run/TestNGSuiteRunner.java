package dev.tripswitch.samples.run;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.samples.shop.RefusedCalls;
import dev.tripswitch.samples.shop.ShopCircuit;
import dev.tripswitch.samples.testng.ShopOutageSuite;
import org.testng.IConfigurationListener;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the TestNG sample suite ({@link ShopOutageSuite}) with {@code new TestNG()}. TestNG loads the listeners
 * registered in {@code META-INF/services} by itself: Tripswitch's circuit breaker listener and allure-testng,
 * which records the run (into {@code allure.results.directory}).
 */
public final class TestNGSuiteRunner {

    public static final String SUITE = "TestNG";

    private TestNGSuiteRunner() {
    }

    /** Runs the suite with a fresh circuit {@code shop}. */
    public static SuiteReport run() {
        CircuitBreakerRegistry.global().clear();
        RefusedCalls.clear();
        Recorder recorder = new Recorder();
        TestNG testng = new TestNG();
        testng.setXmlSuites(List.of(ShopOutageSuite.xml()));
        testng.setUseDefaultListeners(false); // no test-output/ folder: Allure and this report are the output
        testng.setVerbose(0);
        testng.addListener(recorder);
        long start = System.nanoTime();
        testng.run();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return SuiteReport.ofGlobalRegistry(SUITE, recorder.records, ShopCircuit.NAME, wall);
    }

    /** Keeps each test's outcome, and every failed configuration method (nothing may go unseen). */
    private static final class Recorder implements ITestListener, IConfigurationListener {

        final List<TestRecord> records = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onTestSuccess(ITestResult r) {
            records.add(record(r, TestRecord.Status.PASSED, null));
        }

        @Override
        public void onTestFailure(ITestResult r) {
            records.add(record(r, TestRecord.Status.FAILED, TestRecord.describe(r.getThrowable())));
        }

        @Override
        public void onTestFailedButWithinSuccessPercentage(ITestResult r) {
            onTestFailure(r);
        }

        @Override
        public void onTestSkipped(ITestResult r) {
            Throwable t = r.getThrowable();
            String reason = t == null ? null : t.getMessage() != null ? t.getMessage() : TestRecord.describe(t);
            records.add(record(r, TestRecord.Status.SKIPPED, reason));
        }

        @Override
        public void onConfigurationFailure(ITestResult r) {
            records.add(record(r, TestRecord.Status.FAILED, TestRecord.describe(r.getThrowable())));
        }

        private static TestRecord record(ITestResult r, TestRecord.Status status, String message) {
            return new TestRecord(r.getTestClass().getRealClass().getName(), r.getMethod().getMethodName(),
                    status, message);
        }
    }
}
