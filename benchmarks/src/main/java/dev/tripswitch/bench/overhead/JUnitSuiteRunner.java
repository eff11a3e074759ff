package dev.tripswitch.bench.overhead;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The JUnit 5 arm: the trivial class through the JUnit Platform launcher (discovery and execution timed). */
final class JUnitSuiteRunner implements SuiteRunner {

    private final Launcher launcher = LauncherFactory.create();

    @Override
    public String framework() {
        return "JUnit 5 (Launcher, in-process)";
    }

    @Override
    public double targetMicros() {
        return 5.0;
    }

    @Override
    public Trial run(boolean protectedArm) {
        Class<?> suite = protectedArm ? TrivialSuites.ProtectedJUnit.class : TrivialSuites.UnprotectedJUnit.class;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .build();
        Outcomes outcomes = new Outcomes();
        long[] timed = SuiteRunner.timedWithFreshRegistry(TrivialSuites.JUNIT_CIRCUIT,
                () -> launcher.execute(request, outcomes));
        return new Trial(protectedArm, timed[0], timed[1], outcomes.passed.get(), outcomes.notPassed.get(),
                timed[2]);
    }

    private static final class Outcomes implements TestExecutionListener {
        final AtomicInteger passed = new AtomicInteger();
        final AtomicInteger notPassed = new AtomicInteger();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : notPassed).incrementAndGet();
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                notPassed.incrementAndGet(); // a failing container (class set-up) counts against the run too
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            notPassed.incrementAndGet();
        }
    }
}
