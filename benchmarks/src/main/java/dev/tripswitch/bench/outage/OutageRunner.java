package dev.tripswitch.bench.outage;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.Replay;
import dev.tripswitch.bench.recovery.ProcessMeter;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.CircuitEventListener;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs an {@link OutageSuite} through the JUnit Platform launcher once per {@link OutageArm}: with its dependency
 * healthy throughout, and while it goes down (and, unless the scenario says it never returns, comes back) on a timer
 * without the circuit breaker ({@code tripswitch.enabled=false}: the extension lets every protected test run
 * unguarded), with it as the suite declares it ({@code SKIP}), waiting ({@code WAIT}) and replaying
 * ({@code REPLAY}); the settings of the last three are system properties ({@link #armSettings}), which the suite's
 * annotations leave to them. The launcher is {@link LauncherFactory#create()}'s, as in a user's build: it finds the
 * {@code tripswitch} engine, which runs the replay rounds.
 *
 * <p>The timer starts when the first test starts: the dependency goes down after {@code downAfter} and comes back
 * after {@code window} ({@link OutageScenario#NEVER_RETURNS}: once the run, replay rounds included, is over;
 * {@link OutageScenario#DOWN_AT_START}: it is down before the first test and comes back {@code window} after the
 * suite started, whether or not a test has started by then — a circuit opened before the first test may hold it back
 * at its class set-up). Each
 * arm gets a fresh global circuit registry, so no circuit state carries over from one run to the next; the
 * transitions of the suite's circuit are recorded. The parallel scenario runs the suite's classes concurrently on
 * {@value #PARALLEL_THREADS} threads.
 */
public final class OutageRunner {

    /** The health-check arms' {@code healthCheckInterval} unless the run sets another (core's default, set explicitly). */
    public static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Threads of the parallel scenario: one per core here. */
    public static final int PARALLEL_THREADS = 2;

    private final OutageSuite suite;
    private final OutageScenario scenario;
    private final int tests;
    private final Duration downAfter;
    private final Duration window;
    private final Duration replayBudget;
    private final Duration maxWait;
    private final Duration healthInterval;

    /**
     * @param replayBudget the replay arms' {@code tripswitch.replay.budget}, or {@code null} for core's default
     * @param maxWait      the WAIT arm's {@code maxWait}, or {@code null} for core's default
     * @param healthInterval the health-check arms' {@code healthCheckInterval}
     */
    public OutageRunner(OutageSuite suite, OutageScenario scenario, int tests, Duration downAfter, Duration window,
                        Duration replayBudget, Duration maxWait, Duration healthInterval) {
        this.suite = suite;
        this.scenario = scenario;
        this.tests = tests;
        this.downAfter = downAfter;
        this.window = window;
        this.replayBudget = replayBudget;
        this.maxWait = maxWait;
        this.healthInterval = healthInterval;
    }

    /**
     * One circuit's settings for {@code arm} as system properties: {@code whenOpen}, and for the health-check arms
     * the health endpoint (on the dependency's own port, so it fails exactly while the dependency is down) and the
     * interval. The SKIP arm says {@code SKIP} (not core's default, {@code REPLAY} since issue 21) on cores that
     * know {@code whenOpen}. Empty for the arms that keep the suite's own settings.
     */
    static Map<String, String> armSettings(OutageArm arm, String circuit, URI healthUrl, Duration maxWait) {
        return armSettings(arm, circuit, healthUrl, maxWait, HEALTH_CHECK_INTERVAL);
    }

    /** As above, with {@code interval} as the health-check arms' {@code healthCheckInterval}. */
    static Map<String, String> armSettings(OutageArm arm, String circuit, URI healthUrl, Duration maxWait,
                                           Duration interval) {
        String whenOpen = arm.waits() ? "WAIT" : arm.replays() ? "REPLAY"
                : arm == OutageArm.WITH_CIRCUIT_BREAKER && whenOpenUnsupportedReason(arm, "SKIP", "whenOpen") == null
                ? "SKIP" : null;
        if (whenOpen == null) {
            return Map.of();
        }
        Map<String, String> p = whenOpenSettings(circuit, whenOpen, arm.hasHealthCheck() ? healthUrl : null,
                interval);
        if (arm.hasHealthCheck() && earlyWarningUnsupportedReason(arm) == null) {
            p.put("tripswitch.circuit." + circuit + ".earlyWarning", String.valueOf(arm.earlyWarning()));
        }
        if (arm.waits() && maxWait != null) {
            p.put("tripswitch.circuit." + circuit + ".maxWait", maxWait.toMillis() + "ms");
        }
        return p;
    }

    private static Map<String, String> whenOpenSettings(String circuit, String whenOpen, URI healthUrl,
                                                        Duration interval) {
        String prefix = "tripswitch.circuit." + circuit + ".";
        Map<String, String> p = new LinkedHashMap<>();
        p.put(prefix + "whenOpen", whenOpen);
        if (healthUrl != null) {
            p.put(prefix + "healthUrl", healthUrl.toString());
            p.put(prefix + "healthCheckInterval", interval.toMillis() + "ms");
        }
        return p;
    }

    /**
     * Why the WAIT arm cannot run against this core, or {@code null} when it can: core must have
     * {@code dev.tripswitch.WhenOpen} (issue 13), else the settings would be refused as unknown.
     */
    public static String waitUnsupportedReason() {
        return waitUnsupportedReason(OutageArm.WITH_CIRCUIT_BREAKER_WAIT);
    }

    /** Why {@code arm}, a waiting arm, cannot run against this core, or {@code null} when it can. */
    public static String waitUnsupportedReason(OutageArm arm) {
        return whenOpenUnsupportedReason(arm, "WAIT", "issue 13's whenOpen setting");
    }

    /**
     * Why {@code arm} cannot run against this core because it needs early warning (issue 24's
     * {@code earlyWarning} setting), or {@code null} when it can. A core without the setting never asks a health
     * check while CLOSED, so the other health-check arms run on it as they are.
     */
    public static String earlyWarningUnsupportedReason(OutageArm arm) {
        try {
            dev.tripswitch.CircuitBreakerConfig.class.getMethod("earlyWarning");
            return null;
        } catch (NoSuchMethodException e) {
            return arm.label() + ": not run, this core has no earlyWarning setting (issue 24 has not landed)";
        }
    }

    /** Why the replay arms cannot run against this core ({@code WhenOpen.REPLAY}, issue 21), or {@code null}. */
    public static String replayUnsupportedReason(OutageArm arm) {
        return whenOpenUnsupportedReason(arm, "REPLAY", "issue 21's replay");
    }

    private static String whenOpenUnsupportedReason(OutageArm arm, String constant, String what) {
        try {
            Class<?> type = Class.forName("dev.tripswitch.WhenOpen", false, OutageRunner.class.getClassLoader());
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(constant)) {
                    return null;
                }
            }
            return arm.label() + ": not run, this core's dev.tripswitch.WhenOpen has no " + constant + " (" + what
                    + " has not landed)";
        } catch (ClassNotFoundException e) {
            return arm.label() + ": not run, this core has no dev.tripswitch.WhenOpen (" + what
                    + " has not landed)";
        }
    }

    public OutageRun run(OutageArm arm, int repetition) throws IOException {
        suite.prepare(tests, scenario);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tripswitch.enabled", arm == OutageArm.WITHOUT_CIRCUIT_BREAKER ? "false" : "true");
        List<String> circuits = scenario.parallel() ? List.of(suite.circuit(), suite.neighbourCircuit())
                : List.of(suite.circuit());
        for (String circuit : circuits) {
            properties.putAll(armSettings(arm, circuit, suite.healthUrl(circuit), maxWait, healthInterval));
        }
        if ((arm.replays() || arm.dependencyCircuits()) && replayBudget != null) { // dependency circuits replay too
            properties.put(Replay.BUDGET_SETTING, replayBudget.toMillis() + "ms");
        }
        List<Class<?>> classes = suite.classes(scenario);
        String tracked = suite.circuit();
        properties.put(DependencyCircuitsArm.SWITCH, arm.dependencyCircuits() ? "auto" : null);
        if (arm.dependencyCircuits()) {
            classes = suite.unannotatedClasses(scenario);
            if (classes.isEmpty()) {
                throw new IllegalStateException(arm.label() + ": the " + suite.id() + " suite has no unannotated"
                        + " classes for the " + scenario + " scenario (the shop suite's parallel scenario has)");
            }
            tracked = DependencyCircuitsArm.circuitOf(suite.healthUrl(suite.circuit()));
            for (String circuit : circuits) {
                properties.putAll(DependencyCircuitsArm.settings(suite.healthUrl(circuit), suite.failureThreshold()));
            }
        }
        Map<String, String> previous = setAll(properties);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outage-timer");
            t.setDaemon(true);
            return t;
        });
        Recorder recorder = new Recorder(timer, arm.hasOutage(), tracked);
        if (arm.hasOutage() && scenario.downAtStart()) {
            recorder.switchTo(true); // before the first test: the suite starts against a dead dependency
        }
        try (CircuitBreakerRegistry.GlobalOverride fresh = CircuitBreakerRegistry.replaceGlobal(
                CircuitBreakerRegistry.builder().withSystemSources().listener(recorder).build());
             ProcessMeter meter = ProcessMeter.start()) {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(classes.stream().map(c -> selectClass(c)).toList());
            parallelism(scenario).forEach(request::configurationParameter);
            Launcher launcher = LauncherFactory.create();
            recorder.suiteStart = System.nanoTime();
            if (scenario.downAtStart()) {
                recorder.scheduleOutageOnce(); // from the suite's start: a circuit may hold its first test back
            }
            launcher.execute(request.build(), recorder);
            long end = System.nanoTime();
            meter.close();
            return recorder.result(arm, repetition, (end - recorder.suiteStart) / 1e6, meter);
        } finally {
            timer.shutdownNow();
            suite.finishRun();
            setAll(previous);
        }
    }

    /** The JUnit configuration of the scenario: classes in parallel on a fixed pool, or everything in sequence. */
    static Map<String, String> parallelism(OutageScenario scenario) {
        Map<String, String> p = new LinkedHashMap<>();
        if (!scenario.parallel()) {
            p.put("junit.jupiter.execution.parallel.enabled", "false");
            return p;
        }
        p.put("junit.jupiter.execution.parallel.enabled", "true");
        p.put("junit.jupiter.execution.parallel.mode.default", "same_thread");
        p.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        p.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        p.put("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(PARALLEL_THREADS));
        p.put("junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(PARALLEL_THREADS));
        p.put("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$ClassName");
        return p;
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
        private final Map<String, Long> started = new HashMap<>(); // by unique id: tests run in parallel
        private boolean scheduled;
        private final List<OutageRun.TestResult> results = new ArrayList<>();
        private final List<OutageRun.CircuitEvent> events = new ArrayList<>();

        /** The circuit whose transitions are recorded: the suite's, or its dependency's in the dependency arm. */
        private final String tracked;

        Recorder(ScheduledExecutorService timer, boolean outage, String tracked) {
            this.timer = timer;
            this.outage = outage;
            this.tracked = tracked;
        }

        @Override
        public synchronized void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
            if (tracked.equals(circuit.name())) {
                events.add(new OutageRun.CircuitEvent(sinceStart(System.nanoTime()), t.from().name(), t.to().name(),
                        t.reason()));
            }
        }

        @Override
        public synchronized void executionStarted(TestIdentifier id) {
            if (!id.isTest()) {
                return;
            }
            started.put(id.getUniqueId(), System.nanoTime());
            scheduleOutageOnce();
        }

        synchronized void scheduleOutageOnce() {
            if (scheduled || !outage) {
                return;
            }
            scheduled = true;
            Duration upAfter = window;
            if (scenario.downAtStart()) {
                downAt = suiteStart; // down since before the first test
            } else {
                timer.schedule(() -> {
                    switchTo(true);
                    downAt = System.nanoTime();
                }, downAfter.toMillis(), TimeUnit.MILLISECONDS);
                upAfter = downAfter.plus(window);
            }
            if (scenario.returns()) {
                timer.schedule(() -> {
                    switchTo(false);
                    upAt = System.nanoTime();
                }, upAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void switchTo(boolean down) {
            try {
                if (down) {
                    suite.down();
                } else {
                    suite.up();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot take the " + suite.id() + " suite's dependency "
                        + (down ? "down" : "up"), e);
            }
        }

        @Override
        public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                return;
            }
            long now = System.nanoTime();
            long start = started.getOrDefault(id.getUniqueId(), now);
            String outcome = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case ABORTED -> "SKIPPED"; // refused after waiting, if the adapter reports it as aborted
                case FAILED -> "FAILED";
            };
            String reason = result.getThrowable().map(OutageRunner::firstLine).orElse(null);
            results.add(new OutageRun.TestResult(index(id), outcome, sinceStart(start), (now - start) / 1e6,
                    reason, circuitOf(id, suite)));
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
                    reason == null ? null : reason.lines().findFirst().orElse(""), circuitOf(id, suite)));
            lastEvent = now;
        }

        private double sinceStart(long nanos) {
            return (nanos - suiteStart) / 1e6;
        }

        synchronized OutageRun result(OutageArm arm, int repetition, double wallMs, ProcessMeter meter) {
            double down = downAt > 0 ? sinceStart(downAt) : Double.NaN;
            double up = upAt > 0 ? sinceStart(upAt) : Double.NaN;
            return OutageAnalysis.analyse(arm.name(), repetition, results, wallMs, down, up, meter.jvmCpuMs(),
                    meter.browserCpuMs(), suite.browserStarts(), meter.peakBrowserRssMb(), events);
        }

        private int index(TestIdentifier id) {
            try {
                return Integer.parseInt(id.getDisplayName().trim());
            } catch (NumberFormatException e) {
                return results.size() + 1;
            }
        }
    }

    /** As {@link #circuitOf(TestIdentifier)}; for an unannotated class, the circuit {@code suite} reports it under. */
    static String circuitOf(TestIdentifier id, OutageSuite suite) {
        String annotated = circuitOf(id);
        if (annotated == null && id.getSource().orElse(null) instanceof MethodSource m) {
            try {
                return suite.reportedCircuitOf(m.getJavaClass());
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
        return annotated;
    }

    /** The circuit of a test: its class's {@code @CircuitProtected} (inherited), or {@code null}. */
    static String circuitOf(TestIdentifier id) {
        if (id.getSource().orElse(null) instanceof MethodSource m) {
            try {
                CircuitProtected p = m.getJavaClass().getAnnotation(CircuitProtected.class);
                return p == null ? null : p.value();
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
        return null;
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        String first = m == null ? "" : m.lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + ": " + (first.length() > 160 ? first.substring(0, 160) + "..." : first);
    }
}
