package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.grid.BrokenPart;
import dev.tripswitch.bench.grid.GridBenchmark;
import dev.tripswitch.bench.outage.OutageArm;
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

    @CommandLine.Mixin
    OutageOptions outage = new OutageOptions();

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

    @Option(names = "--rerender", paramLabel = "DIR", description = "measure nothing: compute the summaries and"
            + " targets of the run in DIR again from its report.json, with this code, and write its report files"
            + " again")
    Path rerender;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    /** What the flags cannot say alone; a conflict exits with 2 like a bad value. */
    void validate() {
        CommandLine commandLine = spec == null ? new CommandLine(this) : spec.commandLine();
        if (skipOutage && outage.only) {
            throw OutageOptions.refused(commandLine, "--skip-outage and --outage-only exclude each other: nothing"
                    + " would run");
        }
        outage.validate(simulate, commandLine);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        quietLogs();
        if (grid) {
            return GridBenchmark.run(reportsDir, gridTests, gridRounds, gridBroken, System.out);
        }
        if (rerender != null) {
            return rerender(rerender);
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
        } else if (!outage.needsBrowser()) {
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
        if (run.isEmpty() && outage.needsBrowser()) {
            System.err.println("error: none of the requested browsers ("
                    + String.join(", ", requested.stream().map(Browser::displayName).toList())
                    + ") can be run here; nothing was measured");
            return EXIT_NO_BROWSER;
        }
        List<FailureIntensity> intensities = List.of(FailureIntensity.values());
        List<RecoveryCase> cases = outage.only ? List.of()
                : CaseList.build(run, types(), intensities, p.repetitions, seed);
        ZonedDateTime started = ZonedDateTime.now();
        var machine = MachineInfo.collect(!simulate);
        Path dir = store.newRunDirectory(started);
        OutageSetup setup = outage.setup();
        List<String> outageNotes = new ArrayList<>();
        List<OutageArm> outageArms = skipOutage ? List.of() : outage.arms(simulate, outageNotes);
        outageNotes.forEach(n -> System.err.println("outage suite: " + n));
        OutageRunSize size = outage.size(p);
        Measurements m = simulate ? SimulatedRun.measure(store, p, size, cases, seed, outageArms, outage.scenario,
                outage.healthInterval())
                : RealRun.measure(p, size, cases, outageArms, !noProgress, outage.runnerFactory());
        List<RecoverySample> samples = m.recovery();
        List<OutageRun> suiteRuns = m.outage();
        String costSource = m.costSource();
        machine.put("load average at end", MachineInfo.loadAverage());
        RunConfig config = new RunConfig(p.id(), simulate ? "simulated" : "real", seed,
                requested.stream().map(Browser::displayName).toList(), run.stream().map(Browser::displayName).toList(),
                unavailable, types().stream().map(Enum::name).toList(), intensities.stream().map(Enum::name).toList(),
                outage.only ? 0 : p.repetitions, p.budget.toMillis(), Profile.PAGE_LOAD_TIMEOUT.toMillis(),
                skipOutage ? 0 : size.tests(), skipOutage ? 0 : size.runs(), size.downAfter().toMillis(),
                size.window().toMillis(), OutageOptions.circuitSettings(setup), costSource, outageNotes, setup);
        String title = "Circuit breaker benchmark — " + p.id() + (simulate ? " (simulated)" : " (real browsers)");
        Summary summary = Summaries.of(samples, suiteRuns, config);
        BenchmarkReport report = new BenchmarkReport(title, simulate, started.toInstant().toString(),
                MachineInfo.commit(), machine, config, samples, suiteRuns, summary);
        List<String> regressions = List.of();
        if (compare || ci) {
            Optional<Path> prev = store.previous(dir, simulate, p.id(), setup.comparisonKey());
            if (prev.isPresent()) {
                Summary.Comparison cmp = Regression.compare(store.read(prev.get()), prev.get().toString(),
                        summary.metrics());
                report = new BenchmarkReport(title, simulate, report.createdAt(), report.commit(), machine, config,
                        samples, suiteRuns, summary.withComparison(cmp));
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

    /** {@code --rerender}: the run's summaries again from its samples (its comparison kept), its files rewritten. */
    private int rerender(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isRegularFile(dir.resolve(ReportStore.REPORT_JSON))) {
            throw OutageOptions.refused(spec.commandLine(), "--rerender: '" + dir + "' holds no "
                    + ReportStore.REPORT_JSON + "; allowed: a run directory of the benchmark");
        }
        ReportStore store = new ReportStore(dir.toAbsolutePath().getParent());
        BenchmarkReport old = store.read(dir);
        Summary summary = Summaries.of(old.recovery(), old.outage(), old.config())
                .withComparison(old.summary().comparison());
        BenchmarkReport again = new BenchmarkReport(old.title(), old.simulated(), old.createdAt(), old.commit(),
                old.machine(), old.config(), old.recovery(), old.outage(), summary);
        boolean metrics = java.nio.file.Files.exists(dir.resolve("metrics.prom"));
        List<String> files = ReportWriter.write(store, dir, again, metrics);
        System.out.println("rewritten: " + dir + " (" + String.join(", ", files) + ")");
        return 0;
    }

    private static void quietLogs() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.SEVERE);
        Arrays.stream(root.getHandlers()).forEach(h -> h.setLevel(java.util.logging.Level.SEVERE));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("SE_OFFLINE", "true");
    }
}
