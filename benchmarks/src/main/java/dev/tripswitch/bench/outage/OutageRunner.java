package dev.tripswitch.bench.outage;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.bench.recovery.ProcessMeter;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.CircuitEventListener;
import dev.tripswitch.samples.SampleApp;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs {@link ShopVisitSuite} through the JUnit Platform launcher once per {@link OutageArm}: with the shop
 * healthy throughout, and while it goes down and comes back on a timer without the circuit breaker
 * ({@code tripswitch.enabled=false}: the extension lets every protected test run unguarded), with it as the
 * suite declares it ({@code SKIP}), and with it waiting ({@link #waitSettings}: system properties, which the
 * suite's annotation leaves to them).
 *
 * <p>The timer starts when the first test starts: the shop goes {@code DOWN} (its port is closed) after
 * {@code downAfter} and comes back {@code HEALTHY} after {@code window}. Each arm gets a fresh global circuit
 * registry, so no circuit state carries over from one run to the next; its transitions are recorded.
 */
public final class OutageRunner {

    /** The WAIT arm's {@code healthCheckInterval} (the contract's default, set explicitly). */
    public static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

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

    /**
     * The WAIT arm's circuit settings as system properties: {@code whenOpen=WAIT}, the shop's health endpoint
     * (on the shop's own port, so it refuses connections exactly while the shop is down) and the interval.
     */
    public static Map<String, String> waitSettings(URI shopBase) {
        String prefix = "tripswitch.circuit." + ShopVisitSuite.CIRCUIT + ".";
        Map<String, String> p = new LinkedHashMap<>();
        p.put(prefix + "whenOpen", "WAIT");
        p.put(prefix + "healthUrl", shopBase.resolve("/api/health").toString());
        p.put(prefix + "healthCheckInterval", HEALTH_CHECK_INTERVAL.toMillis() + "ms");
        return p;
    }

    /**
     * Why the WAIT arm cannot run against this core, or {@code null} when it can: core must have
     * {@code dev.tripswitch.WhenOpen} (issue 13), else the settings would be refused as unknown.
     */
    public static String waitUnsupportedReason() {
        try {
            Class.forName("dev.tripswitch.WhenOpen", false, OutageRunner.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException e) {
            return OutageArm.WITH_CIRCUIT_BREAKER_WAIT.label() + ": not run, this core has no"
                    + " dev.tripswitch.WhenOpen (issue 13's whenOpen setting has not landed)";
        }
    }

    public OutageRun run(OutageArm arm, int repetition) throws IOException {
        OutageTarget.set(app.baseUri(), tests);
        OutageTarget.session = null;
        app.switchTo(SampleApp.Mode.HEALTHY);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tripswitch.enabled", arm == OutageArm.WITHOUT_CIRCUIT_BREAKER ? "false" : "true");
        if (arm == OutageArm.WITH_CIRCUIT_BREAKER_WAIT) {
            properties.putAll(waitSettings(app.baseUri()));
        }
        Map<String, String> previous = setAll(properties);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outage-timer");
            t.setDaemon(true);
            return t;
        });
        Recorder recorder = new Recorder(timer, arm.hasOutage());
        try (CircuitBreakerRegistry.GlobalOverride fresh = CircuitBreakerRegistry.replaceGlobal(
                CircuitBreakerRegistry.builder().withSystemSources().listener(recorder).build());
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
            setAll(previous);
        }
    }

    /** Sets (or, for a {@code null} value, clears) each property; returns what they were. */
    private static Map<String, String> setAll(Map<String, String> properties) {
        Map<String, String> before = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            before.put(k, System.getProperty(k));
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        return before;
    }

    private final class Recorder implements TestExecutionListener, CircuitEventListener {
        private final ScheduledExecutorService timer;
        private final boolean outage;
        volatile long suiteStart;
        private volatile long downAt;
        private volatile long upAt;
        private long lastEvent;
        private long testStart;
        private boolean scheduled;
        private final List<OutageRun.TestResult> results = new ArrayList<>();
        private final List<OutageRun.CircuitEvent> events = new ArrayList<>();

        Recorder(ScheduledExecutorService timer, boolean outage) {
            this.timer = timer;
            this.outage = outage;
        }

        @Override
        public synchronized void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
            if (ShopVisitSuite.CIRCUIT.equals(circuit.name())) {
                events.add(new OutageRun.CircuitEvent(sinceStart(System.nanoTime()), t.from().name(), t.to().name(),
                        t.reason()));
            }
        }

        @Override
        public synchronized void executionStarted(TestIdentifier id) {
            if (!id.isTest()) {
                return;
            }
            testStart = System.nanoTime();
            scheduleOutageOnce();
        }

        private void scheduleOutageOnce() {
            if (scheduled || !outage) {
                return;
            }
            scheduled = true;
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
            String outcome = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case ABORTED -> "SKIPPED"; // refused after waiting, if the adapter reports it as aborted
                case FAILED -> "FAILED";
            };
            String reason = result.getThrowable().map(OutageRunner::firstLine).orElse(null);
            results.add(new OutageRun.TestResult(index(id), outcome, sinceStart(testStart), (now - testStart) / 1e6,
                    reason));
            lastEvent = now;
        }

        @Override
        public synchronized void executionSkipped(TestIdentifier id, String reason) {
            if (!id.isTest()) {
                return;
            }
            long now = System.nanoTime();
            long start = lastEvent == 0 ? now : lastEvent; // a skip's cost: from the previous test's end
            scheduleOutageOnce();
            results.add(new OutageRun.TestResult(index(id), "SKIPPED", sinceStart(start), (now - start) / 1e6,
                    reason == null ? null : reason.lines().findFirst().orElse("")));
            lastEvent = now;
        }

        private double sinceStart(long nanos) {
            return (nanos - suiteStart) / 1e6;
        }

        synchronized OutageRun result(OutageArm arm, int repetition, double wallMs, ProcessMeter meter) {
            double down = downAt > 0 ? sinceStart(downAt) : Double.NaN;
            double up = upAt > 0 ? sinceStart(upAt) : Double.NaN;
            return OutageAnalysis.analyse(arm.name(), repetition, results, wallMs, down, up, meter.jvmCpuMs(),
                    meter.browserCpuMs(), OutageTarget.browserStarts(), meter.peakBrowserRssMb(), events);
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
