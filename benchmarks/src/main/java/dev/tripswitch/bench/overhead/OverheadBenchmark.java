package dev.tripswitch.bench.overhead;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tripswitch.bench.report.AtomicFiles;
import dev.tripswitch.bench.report.MachineInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What a protected test costs over the same test unprotected, in JUnit 5 and TestNG (issue 12): the trivial
 * suites of {@link TrivialSuites} run in this JVM, protected and unprotected alternating, and the overhead per
 * protected test is the difference of the arms' median wall times divided by the tests per run.
 * {@code benchmarks/run-overhead.sh} runs it; exit status 0 done, 1 an arm did not do what it says, 2 a bad flag.
 */
@Command(name = "run-overhead.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the overhead per protected test: trivial tests run in-process, protected vs the"
                + " same tests unprotected, alternating, for JUnit 5 (Launcher) and TestNG (programmatic run).")
public final class OverheadBenchmark implements Callable<Integer> {

    enum Framework { JUNIT, TESTNG }

    @Option(names = "--tests", description = "trivial tests per suite run (default ${DEFAULT-VALUE})")
    int tests = 5000;

    @Option(names = "--runs", description = "measured runs per arm, at least 5 for figures worth quoting"
            + " (default ${DEFAULT-VALUE})")
    int runs = 9;

    @Option(names = "--warmup", description = "unmeasured runs per arm first (default ${DEFAULT-VALUE})")
    int warmup = 5;

    @Option(names = "--per-suite", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also run both arms with one test per run in every round, for what a protected suite run"
                    + " costs apart from its tests (default on; --no-per-suite leaves them out)")
    boolean perSuite = true;

    @Option(names = "--framework", split = ",", paramLabel = "junit,testng",
            description = "frameworks to measure (default both)")
    List<Framework> frameworks = List.of(Framework.JUNIT, Framework.TESTNG);

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON to FILE")
    Path json;

    public static void main(String[] args) {
        // the run history is not part of this benchmark (run-history.sh measures it): no record is kept
        System.setProperty("tripswitch.history", System.getProperty("tripswitch.history", "off"));
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cl = new CommandLine(new OverheadBenchmark()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("error: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        require(tests >= 1, "--tests", tests, "at least 1");
        require(runs >= 1, "--runs", runs, "at least 1 (5 or more for figures worth quoting)");
        require(warmup >= 0, "--warmup", warmup, "0 or more");
        TrivialSuites.count(tests);
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("Java", System.getProperty("java.version"));
        machine.put("load average before", MachineInfo.loadAverage());
        List<FrameworkResult> results = new ArrayList<>();
        for (Framework f : frameworks.stream().distinct().toList()) {
            SuiteRunner runner = f == Framework.JUNIT ? new JUnitSuiteRunner() : new TestNGSuiteRunner();
            results.add(measure(runner, tests, runs, warmup, perSuite, System.err));
        }
        machine.put("load average after", MachineInfo.loadAverage());
        OverheadReport report = new OverheadReport(Instant.now().toString(), MachineInfo.commit(), machine, runs,
                warmup, results);
        System.out.println(report.markdown());
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.writeString(json, mapper.writeValueAsString(report));
            System.out.println("JSON: " + json);
        }
        return 0;
    }

    private static void require(boolean ok, String flag, int value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(flag + " was " + value + "; allowed: " + allowed);
        }
    }

    /**
     * Runs {@code warmup} then {@code runs} rounds; each round runs both arms back to back, the protected one
     * first in even rounds and second in odd ones. Every run is verified ({@link Trial#verified}). Standard
     * output is muted during the runs (the adapters' end-of-run summaries), equally in both arms.
     */
    static FrameworkResult measure(SuiteRunner runner, int tests, int runs, int warmup, PrintStream progress) {
        return measure(runner, tests, runs, warmup, false, progress);
    }

    /**
     * As above; with {@code perSuite}, each round then runs both arms once more with one test per run, so that the
     * code that sets a suite run up (run as often in both sizes, so equally warm) costs the same in both, and the
     * one-test runs show it apart from the tests.
     */
    static FrameworkResult measure(SuiteRunner runner, int tests, int runs, int warmup, boolean perSuite,
                                   PrintStream progress) {
        Series full = new Series();
        Series ofOne = new Series();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (int round = 0; round < warmup + runs; round++) {
                boolean measured = round >= warmup;
                boolean[] order = round % 2 == 0 ? new boolean[]{true, false} : new boolean[]{false, true};
                full.round(runner, tests, order, measured);
                if (perSuite) {
                    TrivialSuites.count(1);
                    try {
                        ofOne.round(runner, 1, order, measured);
                    } finally {
                        TrivialSuites.count(tests);
                    }
                }
                progress.printf("%s: round %d of %d%s%n", runner.framework(), round + 1, warmup + runs,
                        measured ? "" : " (warm-up)");
            }
        } finally {
            System.setOut(stdout);
        }
        FrameworkResult result = FrameworkResult.of(runner.framework(), tests, full.wall(tests), full.cpu(tests),
                runner.targetMicros());
        return perSuite ? result.withPerSuite(ofOne.wall(1), ofOne.cpu(1)) : result;
    }

    /** The measured runs of one size, both arms. */
    private static final class Series {
        final List<Double> protectedMs = new ArrayList<>();
        final List<Double> unprotectedMs = new ArrayList<>();
        final List<Double> protectedCpuMs = new ArrayList<>();
        final List<Double> unprotectedCpuMs = new ArrayList<>();

        void round(SuiteRunner runner, int tests, boolean[] order, boolean measured) {
            for (boolean protectedArm : order) {
                System.gc();
                Trial t = runner.run(protectedArm).verified(runner.framework(), tests);
                if (measured) {
                    (protectedArm ? protectedMs : unprotectedMs).add(t.nanos() / 1e6);
                    (protectedArm ? protectedCpuMs : unprotectedCpuMs).add(t.cpuNanos() / 1e6);
                }
            }
        }

        FrameworkResult.Arms wall(int tests) {
            return FrameworkResult.Arms.of(protectedMs, unprotectedMs, tests);
        }

        FrameworkResult.Arms cpu(int tests) {
            return FrameworkResult.Arms.of(protectedCpuMs, unprotectedCpuMs, tests);
        }
    }
}
