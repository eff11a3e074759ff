package dev.tripswitch.bench.outage;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.recovery.ProcessMeter;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.samples.SampleApp;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs {@link ShopVisitSuite} through the JUnit Platform launcher while the sample shop goes down and comes back
 * on a timer, once per arm: with the circuit breaker ({@code tripswitch.enabled=true}) and without
 * ({@code tripswitch.enabled=false}: the extension then lets every protected test run unguarded).
 *
 * <p>The timer starts when the first test starts: the shop goes {@code DOWN} (its port is closed) after
 * {@code downAfter} and comes back {@code HEALTHY} after {@code window}. Each arm gets a fresh global circuit
 * registry, so no circuit state carries over from one run to the next.
 */
public final class OutageRunner {

    private final SampleApp app;
    private final int tests;
    private final Duration downAfter;
    private final Duration window;

    public OutageRunner(SampleApp app, int tests, Duration downAfter, Duration window) {
        this.app = app;
        this.tests = tests;
        this.downAfter = downAfter;
        this.window = window;
    }

    /** The arms' order for a repetition: alternating, starting without the circuit breaker. */
    public static Arm[] armOrder(int repetition) {
        return repetition % 2 == 1 ? new Arm[]{Arm.WITHOUT_CIRCUIT_BREAKER, Arm.WITH_CIRCUIT_BREAKER}
                : new Arm[]{Arm.WITH_CIRCUIT_BREAKER, Arm.WITHOUT_CIRCUIT_BREAKER};
    }

    public OutageRun run(Arm arm, int repetition) throws IOException {
        OutageTarget.set(app.baseUri(), tests);
        OutageTarget.session = null;
        app.switchTo(SampleApp.Mode.HEALTHY);
        String previous = System.getProperty("tripswitch.enabled");
        System.setProperty("tripswitch.enabled", arm == Arm.WITH_CIRCUIT_BREAKER ? "true" : "false");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outage-timer");
            t.setDaemon(true);
            return t;
        });
        Recorder recorder = new Recorder(timer);
        try (CircuitBreakerRegistry.GlobalOverride fresh = CircuitBreakerRegistry.replaceGlobal(
                CircuitBreakerRegistry.builder().withSystemSources().build());
             ProcessMeter meter = ProcessMeter.start()) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(ShopVisitSuite.class))
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .build();
            Launcher launcher = LauncherFactory.create();
            recorder.suiteStart = System.nanoTime();
            launcher.execute(request, recorder);
            long end = System.nanoTime();
            meter.close();
            return recorder.result(arm, repetition, (end - recorder.suiteStart) / 1e6, meter);
        } finally {
            timer.shutdownNow();
            app.switchTo(SampleApp.Mode.HEALTHY);
            if (previous == null) {
                System.clearProperty("tripswitch.enabled");
            } else {
                System.setProperty("tripswitch.enabled", previous);
            }
        }
    }

    private final class Recorder implements TestExecutionListener {
        private final ScheduledExecutorService timer;
        volatile long suiteStart;
        private volatile long downAt;
        private volatile long upAt;
        private long lastEvent;
        private long testStart;
        private final List<OutageRun.TestResult> results = new ArrayList<>();

        Recorder(ScheduledExecutorService timer) {
            this.timer = timer;
        }

        @Override
        public synchronized void executionStarted(TestIdentifier id) {
            if (!id.isTest()) {
                return;
            }
            testStart = System.nanoTime();
            if (results.isEmpty() && downAt == 0) {
                scheduleOutage();
            }
        }

        private void scheduleOutage() {
            downAt = -1;
            timer.schedule(() -> {
                switchTo(SampleApp.Mode.DOWN);
                downAt = System.nanoTime();
            }, downAfter.toMillis(), TimeUnit.MILLISECONDS);
            timer.schedule(() -> {
                switchTo(SampleApp.Mode.HEALTHY);
                upAt = System.nanoTime();
            }, downAfter.plus(window).toMillis(), TimeUnit.MILLISECONDS);
        }

        private void switchTo(SampleApp.Mode mode) {
            try {
                app.switchTo(mode);
            } catch (IOException e) {
                throw new IllegalStateException("cannot switch the sample app to " + mode, e);
            }
        }

        @Override
        public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                return;
            }
            long now = System.nanoTime();
            String outcome = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "PASSED" : "FAILED";
            String reason = result.getThrowable().map(OutageRunner::firstLine).orElse(null);
            results.add(new OutageRun.TestResult(index(id), outcome, (testStart - suiteStart) / 1e6,
                    (now - testStart) / 1e6, reason));
            lastEvent = now;
        }

        @Override
        public synchronized void executionSkipped(TestIdentifier id, String reason) {
            if (!id.isTest()) {
                return;
            }
            long now = System.nanoTime();
            long start = lastEvent == 0 ? now : lastEvent; // a skip's cost: from the previous test's end
            if (results.isEmpty() && downAt == 0) {
                scheduleOutage();
            }
            results.add(new OutageRun.TestResult(index(id), "SKIPPED", (start - suiteStart) / 1e6,
                    (now - start) / 1e6, reason == null ? null : reason.lines().findFirst().orElse("")));
            lastEvent = now;
        }

        synchronized OutageRun result(Arm arm, int repetition, double wallMs, ProcessMeter meter) {
            double down = downAt > 0 ? (downAt - suiteStart) / 1e6 : Double.NaN;
            double up = upAt > 0 ? (upAt - suiteStart) / 1e6 : Double.NaN;
            return OutageAnalysis.analyse(arm.name(), repetition, results, wallMs, down, up, meter.jvmCpuMs(),
                    meter.browserCpuMs(), OutageTarget.browserStarts(), meter.peakBrowserRssMb());
        }

        private int index(TestIdentifier id) {
            try {
                return Integer.parseInt(id.getDisplayName().trim());
            } catch (NumberFormatException e) {
                return results.size() + 1;
            }
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        String first = m == null ? "" : m.lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + ": " + (first.length() > 160 ? first.substring(0, 160) + "..." : first);
    }
}
