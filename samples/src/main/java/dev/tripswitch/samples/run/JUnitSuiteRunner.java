package dev.tripswitch.samples.run;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.samples.junit.ShopOutageJourney;
import dev.tripswitch.samples.shop.RefusedCalls;
import dev.tripswitch.samples.shop.ShopCircuit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs a JUnit 5 sample suite (by default the outage story, {@link ShopOutageJourney}) through the JUnit Platform launcher, the way a
 * build tool does: the launcher loads the listeners registered in {@code META-INF/services}, so allure-junit5
 * records the run (into {@code allure.results.directory}). JUnit's {@code EngineTestKit} would bypass them.
 */
public final class JUnitSuiteRunner {

    public static final String SUITE = "JUnit 5";
    private static final String DEACTIVATE_LISTENERS = "junit.platform.execution.listeners.deactivate";

    private JUnitSuiteRunner() {
    }

    /** Runs the outage story with a fresh circuit {@code shop}. */
    public static SuiteReport run() {
        return run(SUITE, ShopOutageJourney.class, ShopCircuit.NAME);
    }

    /** Runs {@code testClass} with every circuit forgotten first; the report holds circuit {@code circuitName}. */
    public static SuiteReport run(String suiteName, Class<?> testClass, String circuitName) {
        CircuitBreakerRegistry.global().clear();
        RefusedCalls.clear();
        LauncherDiscoveryRequest request = request().selectors(selectClass(testClass)).build();
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        executeWithAutoRegisteredListeners(request, recorder);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return SuiteReport.ofGlobalRegistry(suiteName, recorder.records, circuitName, wall);
    }

    /**
     * Runs {@code request} on a launcher with every listener of {@code META-INF/services}. A build may switch
     * some off for its own launcher with the system property {@value #DEACTIVATE_LISTENERS} (samples/pom.xml
     * does, so that Allure does not record the story tests themselves); a launcher reads it when it sets up an
     * execution, so it is lifted for the time of this one.
     */
    private static synchronized void executeWithAutoRegisteredListeners(LauncherDiscoveryRequest request,
                                                                         TestExecutionListener recorder) {
        String deactivated = System.clearProperty(DEACTIVATE_LISTENERS);
        try {
            LauncherFactory.create().execute(request, recorder);
        } finally {
            if (deactivated != null) {
                System.setProperty(DEACTIVATE_LISTENERS, deactivated);
            }
        }
    }

    /**
     * Keeps each test's outcome; a failed container (a set-up of a whole class) is kept too. A skip keeps its
     * reason: for a test refused before it started, the reason JUnit was given; for a test aborted while it ran
     * (e.g. the extension's abort when a page object inside was refused), the abort's message.
     */
    private static final class Recorder implements TestExecutionListener {

        final List<TestRecord> records = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                records.add(record(id, TestRecord.Status.SKIPPED, reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String cause = result.getThrowable().map(TestRecord::describe).orElse(null);
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (id.isTest()) {
                        records.add(record(id, TestRecord.Status.PASSED, null));
                    }
                }
                case ABORTED -> {
                    if (id.isTest()) {
                        records.add(record(id, TestRecord.Status.SKIPPED, result.getThrowable()
                                .map(t -> t.getMessage() != null ? t.getMessage() : TestRecord.describe(t))
                                .orElse(null)));
                    }
                }
                case FAILED -> records.add(record(id, TestRecord.Status.FAILED, cause));
            }
        }

        private static TestRecord record(TestIdentifier id, TestRecord.Status status, String message) {
            return id.getSource().map(source -> {
                if (source instanceof MethodSource m) {
                    return new TestRecord(m.getClassName(), m.getMethodName(), status, message);
                }
                if (source instanceof ClassSource c) {
                    return new TestRecord(c.getClassName(), null, status, message);
                }
                return null;
            }).orElseGet(() -> new TestRecord(id.getDisplayName(), null, status, message));
        }
    }
}
