package dev.tripswitch.bench.overhead;

import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The TestNG arm: the trivial class in a programmatic TestNG run (no default reporters, verbosity 0; the
 * Tripswitch listener comes through {@code ServiceLoader} in both arms, as in a user's build).
 */
final class TestNGSuiteRunner implements SuiteRunner {

    @Override
    public String framework() {
        return "TestNG (programmatic run, in-process)";
    }

    @Override
    public double targetMicros() {
        return 3.0;
    }

    @Override
    public Trial run(boolean protectedArm) {
        Class<?> suite = protectedArm ? TrivialSuites.ProtectedTestNG.class : TrivialSuites.UnprotectedTestNG.class;
        Outcomes outcomes = new Outcomes();
        TestNG testng = new TestNG(false);
        testng.setVerbose(0);
        testng.setTestClasses(new Class<?>[]{suite});
        testng.addListener(outcomes);
        long[] timed = SuiteRunner.timedWithFreshRegistry(TrivialSuites.TESTNG_CIRCUIT, testng::run);
        if (testng.hasFailure() && outcomes.notPassed.get() == 0) {
            outcomes.notPassed.incrementAndGet(); // a failure outside the tests (a configuration method)
        }
        return new Trial(protectedArm, timed[0], timed[1], outcomes.passed.get(), outcomes.notPassed.get(),
                timed[2]);
    }

    private static final class Outcomes implements ITestListener {
        final AtomicInteger passed = new AtomicInteger();
        final AtomicInteger notPassed = new AtomicInteger();

        @Override
        public void onTestSuccess(ITestResult result) {
            passed.incrementAndGet();
        }

        @Override
        public void onTestFailure(ITestResult result) {
            notPassed.incrementAndGet();
        }

        @Override
        public void onTestSkipped(ITestResult result) {
            notPassed.incrementAndGet();
        }

        @Override
        public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
            notPassed.incrementAndGet();
        }
    }
}
