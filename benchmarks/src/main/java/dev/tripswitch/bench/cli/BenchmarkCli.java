package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.grid.BrokenPart;
import dev.tripswitch.bench.grid.GridBenchmark;
import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageRunner;
import dev.tripswitch.bench.outage.OutageScenario;
import dev.tripswitch.bench.outage.OutageSuite;
import dev.tripswitch.bench.outage.ParallelShopVisits;
import dev.tripswitch.bench.outage.ShopOutageSuite;
import dev.tripswitch.bench.outage.ShopVisitSuite;
import dev.tripswitch.bench.recovery.CaseList;
import dev.tripswitch.bench.recovery.RecoveryCase;
import dev.tripswitch.bench.report.BenchmarkReport;
import dev.tripswitch.bench.report.MachineInfo;
import dev.tripswitch.bench.report.MarkdownReport;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.OutageSetup;
import dev.tripswitch.bench.report.RecoverySample;
import dev.tripswitch.bench.report.Regression;
import dev.tripswitch.bench.report.ReportStore;
import dev.tripswitch.bench.report.ReportWriter;
import dev.tripswitch.bench.report.RunConfig;
import dev.tripswitch.bench.report.Summaries;
import dev.tripswitch.bench.report.Summary;
import dev.tripswitch.bench.service.OrderApiSuite;
import dev.tripswitch.bench.service.OrderService;
import dev.tripswitch.bench.service.ParallelOrderApi;
import dev.tripswitch.bench.service.ServiceOutageSuite;
import dev.tripswitch.browser.Browser;
import dev.tripswitch.browser.BrowserNotAvailableException;
import dev.tripswitch.browser.DriverResolver;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The recovery and outage benchmark's command line ({@code ./run_circuit_breaker_benchmark.sh} runs it).
 *
 * <p>Exit status: 0 done; 1 an error; 2 a bad flag; 3 no requested browser can be driven here; 4 {@code --ci}
 * and a metric regressed beyond its tolerance against the previous run.
 */
@Command(name = "run_circuit_breaker_benchmark.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures what the circuit breaker buys: recovery from injected browser failures with and"
                + " without it, and a browser suite while the app under test goes down and comes back.",
        footer = {"", "Exit status: 0 done, 1 error, 2 bad flag, 3 no requested browser available, 4 regression (--ci)."})
public final class BenchmarkCli implements Callable<Integer> {

    static final int EXIT_NO_BROWSER = 3;
    static final int EXIT_REGRESSION = 4;

    static final class Size {
        @Option(names = "--quick", description = "1 repetition, 15 s budget, 100-test outage suite once per arm (default)")
        boolean quick;
        @Option(names = "--comprehensive", description = "3 repetitions, 30 s budget, 200-test suite twice per arm")
        boolean comprehensive;
        @Option(names = "--extreme", description = "10 repetitions, 60 s budget, 500-test suite 3 times per arm")
        boolean extreme;
    }

    static final class BrowserChoice {
        @Option(names = "--chrome-only", description = "only Chrome/Chromium")
        boolean chrome;
        @Option(names = "--firefox-only", description = "only Firefox")
        boolean firefox;
        @Option(names = "--edge-only", description = "only Edge")
        boolean edge;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Size size;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    BrowserChoice browserChoice;

    @Option(names = "--failure-types", paramLabel = "a,b", converter = FailureTypesConverter.class,
            description = "failure types to inject (default all): connection-failure, resource-exhaustion, gpu-error,"
                    + " api-error, timeout, crash, internal-error")
    List<FailureType> failureTypes;

    @Option(names = "--simulate", description = "a discrete-event simulation with costs from the latest real run;"
            + " no browser")
    boolean simulate;

    @Option(names = "--compare-with-previous", description = "compare with the previous run of the same profile and mode")
    boolean compare;

    @Option(names = "--export-metrics", description = "also write metrics.prom and metrics.csv")
    boolean exportMetrics;

    @Option(names = "--ci", description = "compare with the previous run and exit 4 when a metric regressed beyond"
            + " its tolerance")
    boolean ci;

    @Option(names = "--skip-outage", description = "run only the recovery benchmark")
    boolean skipOutage;

    @Option(names = "--outage-only", description = "run only the outage suite (no recovery cases)")
    boolean outageOnly;

    @Option(names = "--outage-suite", paramLabel = "SUITE", converter = OutageChoices.Suite.class,
            description = "the outage suite: shop (real Chromium against the sample shop, the default) or service"
                    + " (API tests of a local order service)")
    String outageSuite = "shop";

    @Option(names = "--outage-scenario", paramLabel = "SCENARIO", converter = OutageChoices.Scenario.class,
            description = "transient (the dependency goes down and comes back, the default), never-returns (it stays"
                    + " down until the run, replay included, is over) or parallel (transient, the suite in parallel"
                    + " with half of its tests on a second, healthy dependency)")
    OutageScenario outageScenario = OutageScenario.TRANSIENT;

    @Option(names = "--outage-arms", paramLabel = "a,b", converter = OutageChoices.Arms.class,
            description = "outage arms to run (default all): no-outage, without, skip, wait, wait-no-health, replay,"
                    + " replay-health")
    List<OutageArm> outageArms;

    @Option(names = "--outage-runs", paramLabel = "N", description = "runs of the outage suite per arm (default:"
            + " the size's)")
    Integer outageRuns;

    @Option(names = "--outage-tests", paramLabel = "N", description = "tests in the outage suite (default: the"
            + " size's)")
    Integer outageTests;

    @Option(names = "--outage-down-after", paramLabel = "DURATION", converter = DurationFlag.DownAfter.class,
            description = "the dependency goes down this long after the first test starts (default: the size's)")
    Duration outageDownAfter;

    @Option(names = "--outage-window", paramLabel = "DURATION", converter = DurationFlag.Window.class,
            description = "and comes back after this long, unless it never returns (default: the size's)")
    Duration outageWindow;

    @Option(names = "--service-down", paramLabel = "MODE", converter = OutageChoices.ServiceDown.class,
            description = "how the service suite's dependency goes down: hang (requests never answered, each costs"
                    + " the client's timeout; the default) or refuse (its port closed)")
    OrderService.DownMode serviceDown = OrderService.DownMode.HANG;

    @Option(names = "--replay-budget", paramLabel = "DURATION", converter = DurationFlag.ReplayBudget.class,
            description = "the replay arms' tripswitch.replay.budget, 0 to 24h (default: core's, "
                    + "2m)")
    Duration replayBudget;

    @Option(names = "--max-wait", paramLabel = "DURATION", converter = DurationFlag.MaxWait.class,
            description = "the WAIT arm's maxWait, more than 0 to 24h (default: core's, 2m)")
    Duration maxWait;

    @Option(names = "--grid", description = "run only the Selenium Grid scenario: the suite on a local Grid of three"
            + " nodes, one broken (no circuit breaker, one circuit, a circuit per node), and on the two healthy nodes")
    boolean grid;

    @Option(names = "--grid-tests", description = "tests in the Grid scenario's suite (default ${DEFAULT-VALUE})")
    int gridTests = 60;

    @Option(names = "--grid-rounds", description = "rounds of the Grid scenario's per-node arms and baseline, run in"
            + " alternating order (default ${DEFAULT-VALUE})")
    int gridRounds = 3;

    @Option(names = "--grid-broken", description = "what fails at session start on the Grid scenario's broken node:"
            + " ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    BrokenPart gridBroken = BrokenPart.DRIVER;

    @Option(names = "--seed", description = "seed of the case order and the simulation (default ${DEFAULT-VALUE})")
    long seed = 20261126L;

    @Option(names = "--reports-dir", description = "where run directories go (default ${DEFAULT-VALUE})")
    Path reportsDir = Path.of("benchmark-reports");

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The smallest parallel suite: one test in each of its classes. */
    static final int LEAST_PARALLEL_TESTS = 10;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return commandLine(new BenchmarkCli()).execute(args);
    }

    /** The command line with its error handling: a bad flag prints one message naming it and exits with 2. */
    static CommandLine commandLine(BenchmarkCli cli) {
        CommandLine cl = new CommandLine(cli).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run with --help for the flags.");
            return 2;
        });
        return cl;
    }

    Profile profile() {
        if (size != null && size.extreme) {
            return Profile.EXTREME;
        }
        if (size != null && size.comprehensive) {
            return Profile.COMPREHENSIVE;
        }
        return Profile.QUICK;
    }

    List<Browser> requestedBrowsers() {
        if (browserChoice == null) {
            return List.of(Browser.CHROME, Browser.FIREFOX, Browser.EDGE);
        }
        return List.of(browserChoice.chrome ? Browser.CHROME : browserChoice.firefox ? Browser.FIREFOX : Browser.EDGE);
    }

    List<FailureType> types() {
        return failureTypes == null ? List.of(FailureType.values()) : failureTypes;
    }

    int outageTestCount() {
        return outageTests != null ? outageTests : profile().outageTests;
    }

    int outageRunCount() {
        return outageRuns != null ? outageRuns : profile().outageRuns;
    }

    /** What the flags cannot say alone; a conflict exits with 2 like a bad value. */
    void validate() {
        if (skipOutage && outageOnly) {
            throw refused("--skip-outage and --outage-only exclude each other: nothing would run");
        }
        if (outageRuns != null && outageRuns < 1) {
            throw refused("--outage-runs: '" + outageRuns + "' is not allowed; allowed: 1 or more");
        }
        int least = outageScenario.parallel() ? LEAST_PARALLEL_TESTS : 1;
        if (outageTests != null && outageTests < least) {
            throw refused("--outage-tests: '" + outageTests + "' is not allowed; allowed: " + least + " or more"
                    + (outageScenario.parallel() ? " in the parallel scenario (a test in each of its classes)" : ""));
        }
        if (simulate && (outageScenario != OutageScenario.TRANSIENT || !outageSuite.equals("shop"))) {
            throw refused("--simulate models the shop suite's transient outage only; allowed with it:"
                    + " --outage-suite=shop --outage-scenario=transient");
        }
    }

    private CommandLine.ParameterException refused(String message) {
        return new CommandLine.ParameterException(spec == null ? new CommandLine(this) : spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        quietLogs();
        if (grid) {
            return GridBenchmark.run(reportsDir, gridTests, gridRounds, gridBroken, System.out);
        }
        Profile p = profile();
        ReportStore store = new ReportStore(reportsDir);
        List<Browser> requested = requestedBrowsers();
        List<Browser> run = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        if (simulate) {
            run.addAll(requested.stream().filter(b -> b == Browser.CHROME).toList());
            requested.stream().filter(b -> b != Browser.CHROME).forEach(b -> unavailable.add(b.displayName()
                    + ": not simulated (the simulation draws on real measurements, which exist for Chromium only)"));
        } else if (outageOnly && outageSuite.equals("service")) {
            // the service suite drives no browser: nothing to resolve
        } else {
            for (Browser b : requested) {
                try {
                    DriverResolver.resolve(b);
                    if (!b.isChromium()) {
                        unavailable.add("browser " + b.displayName() + " can be driven here, but the failures are"
                                + " injected through DevTools, which only Chromium-based browsers offer");
                        continue;
                    }
                    run.add(b);
                } catch (BrowserNotAvailableException e) {
                    unavailable.add(e.getMessage());
                }
            }
        }
        for (String u : unavailable) {
            System.err.println("unavailable: " + u);
        }
        if (run.isEmpty() && !(outageOnly && outageSuite.equals("service"))) {
            System.err.println("error: none of the requested browsers ("
                    + String.join(", ", requested.stream().map(Browser::displayName).toList())
                    + ") can be run here; nothing was measured");
            return EXIT_NO_BROWSER;
        }
        List<FailureIntensity> intensities = List.of(FailureIntensity.values());
        List<RecoveryCase> cases = outageOnly ? List.of()
                : CaseList.build(run, types(), intensities, p.repetitions, seed);
        ZonedDateTime started = ZonedDateTime.now();
        var machine = MachineInfo.collect(!simulate);
        Path dir = store.newRunDirectory(started);
        OutageSetup setup = outageSetup();
        String circuit = setup.circuit() + ": failureThreshold " + setup.failureThreshold() + ", halfOpenAfter 2s"
                + " (recoveryTimeout 60s default); WAIT arm: whenOpen WAIT, healthUrl the dependency's health"
                + " endpoint, healthCheckInterval " + setup.healthCheckIntervalMs() + " ms, maxWait "
                + (maxWait == null ? "2 min (default)" : maxWait.toMillis() + " ms") + "; replay arms: whenOpen"
                + " REPLAY, tripswitch.replay.budget " + (replayBudget == null ? "2 min (default)"
                : replayBudget.toMillis() + " ms") + ", the second with the WAIT arm's health check";
        List<String> outageNotes = new ArrayList<>();
        List<OutageArm> outageArms = skipOutage ? List.of() : outageArms(outageNotes);
        OutageRunSize size = new OutageRunSize(outageTestCount(), outageRunCount(),
                outageDownAfter == null ? p.downAfter : outageDownAfter, outageWindow == null ? p.window : outageWindow);
        Measurements m = simulate ? SimulatedRun.measure(store, p, size, cases, seed, outageArms)
                : RealRun.measure(p, size, cases, outageArms, !noProgress, outageRunner());
        List<RecoverySample> samples = m.recovery();
        List<OutageRun> outage = m.outage();
        String costSource = m.costSource();
        machine.put("load average at end", MachineInfo.loadAverage());
        RunConfig config = new RunConfig(p.id(), simulate ? "simulated" : "real", seed,
                requested.stream().map(Browser::displayName).toList(), run.stream().map(Browser::displayName).toList(),
                unavailable, types().stream().map(Enum::name).toList(), intensities.stream().map(Enum::name).toList(),
                outageOnly ? 0 : p.repetitions, p.budget.toMillis(), Profile.PAGE_LOAD_TIMEOUT.toMillis(),
                skipOutage ? 0 : size.tests(), skipOutage ? 0 : size.runs(), size.downAfter().toMillis(),
                size.window().toMillis(), circuit, costSource, outageNotes, setup);
        String title = "Circuit breaker benchmark — " + p.id() + (simulate ? " (simulated)" : " (real browsers)");
        Summary summary = Summaries.of(samples, outage, config);
        BenchmarkReport report = new BenchmarkReport(title, simulate, started.toInstant().toString(),
                MachineInfo.commit(), machine, config, samples, outage, summary);
        List<String> regressions = List.of();
        if (compare || ci) {
            Optional<Path> prev = store.previous(dir, simulate, p.id(), setup.comparisonKey());
            if (prev.isPresent()) {
                Summary.Comparison cmp = Regression.compare(store.read(prev.get()), prev.get().toString(),
                        summary.metrics());
                report = new BenchmarkReport(title, simulate, report.createdAt(), report.commit(), machine, config,
                        samples, outage, summary.withComparison(cmp));
                regressions = cmp.regressions();
            } else {
                System.err.println("no previous " + (simulate ? "simulated " : "real ") + p.id() + " "
                        + setup.comparisonKey() + " run under " + reportsDir + ": nothing to compare with");
            }
        }
        List<String> files = ReportWriter.write(store, dir, report, exportMetrics);
        String md = MarkdownReport.render(report);
        int cut = md.indexOf("## Every recovery");
        System.out.println(cut > 0 ? md.substring(0, cut) : md);
        System.out.println("reports: " + dir + " (" + String.join(", ", files) + ")");
        if (ci && !regressions.isEmpty()) {
            System.err.println("regression beyond tolerance: " + String.join(", ", regressions));
            return EXIT_REGRESSION;
        }
        return 0;
    }

    /**
     * The outage arms asked for (every arm by default); a real run leaves out the WAIT and replay arms when this
     * core cannot wait or replay yet, and the simulation the replay arms, which it does not model (noted why).
     */
    List<OutageArm> outageArms(List<String> notes) {
        List<OutageArm> out = new ArrayList<>();
        for (OutageArm a : outageArms == null ? List.of(OutageArm.values()) : outageArms) {
            String unsupported = null;
            if (simulate && !a.simulated()) {
                unsupported = a.label() + ": not run, the simulation does not model " + (a.replays() ? "replay"
                        : "waiting without a health check");
            } else if (!simulate && a.waits()) {
                unsupported = OutageRunner.waitUnsupportedReason(a);
            } else if (!simulate && a.replays()) {
                unsupported = OutageRunner.replayUnsupportedReason(a);
            }
            if (unsupported == null) {
                out.add(a);
            } else {
                notes.add(unsupported);
                System.err.println("outage suite: " + unsupported);
            }
        }
        return out;
    }

    /** The outage suite's setup as the flags give it. */
    OutageSetup outageSetup() {
        boolean service = outageSuite.equals("service");
        String description = service ? ServiceOutageSuite.describe(serviceDown)
                : "real-Chromium shopping journeys (home page, product, add to cart, search) against the sample shop,"
                + " which goes down by closing its port";
        return new OutageSetup(outageSuite, outageScenario.id(), description,
                service ? OrderApiSuite.CIRCUIT : ShopVisitSuite.CIRCUIT,
                !outageScenario.parallel() ? null
                        : service ? ParallelOrderApi.NEIGHBOUR_CIRCUIT : ParallelShopVisits.NEIGHBOUR_CIRCUIT,
                service ? OrderApiSuite.FAILURE_THRESHOLD : ShopVisitSuite.FAILURE_THRESHOLD,
                OutageRunner.HEALTH_CHECK_INTERVAL.toMillis(), replayBudget == null ? null : replayBudget.toMillis(),
                maxWait == null ? null : maxWait.toMillis(),
                outageScenario.parallel() ? OutageRunner.PARALLEL_THREADS : 1);
    }

    /** Makes the outage runner of a real run, given the shop the run started. */
    private RealRun.OutageRunnerFactory outageRunner() {
        return (shop, size) -> {
            OutageSuite suite = outageSuite.equals("service") ? ServiceOutageSuite.start(serviceDown)
                    : new ShopOutageSuite(shop);
            return new RealRun.OutageParts(suite, new OutageRunner(suite, outageScenario, size.tests(),
                    size.downAfter(), size.window(), replayBudget, maxWait));
        };
    }

    private static void quietLogs() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.SEVERE);
        Arrays.stream(root.getHandlers()).forEach(h -> h.setLevel(java.util.logging.Level.SEVERE));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("SE_OFFLINE", "true");
    }
}
