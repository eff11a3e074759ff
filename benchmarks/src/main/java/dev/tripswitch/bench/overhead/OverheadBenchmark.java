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

    @Option(names = "--suite-runs", description = "measured one-test runs per arm after the full-size ones, for the"
            + " cost of a protected suite run apart from its tests; 0 skips them (default ${DEFAULT-VALUE})")
    int suiteRuns = 200;

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
        require(suiteRuns >= 0, "--suite-runs", suiteRuns, "0 or more (0: no one-test runs)");
        TrivialSuites.count(tests);
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("Java", System.getProperty("java.version"));
        machine.put("load average before", MachineInfo.loadAverage());
        List<FrameworkResult> results = new ArrayList<>();
        for (Framework f : frameworks.stream().distinct().toList()) {
            SuiteRunner runner = f == Framework.JUNIT ? new JUnitSuiteRunner() : new TestNGSuiteRunner();
            FrameworkResult full = measure(runner, tests, runs, warmup, System.err);
            results.add(suiteRuns == 0 ? full : withPerSuite(full, runner, suiteRuns, System.err));
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

    /**
     * Adds to {@code full} the cost of a suite run apart from its tests: {@code suiteRuns} rounds (after a tenth as
     * many unmeasured) of the same arms with one test per run, alternating as {@link #measure} does.
     */
    static FrameworkResult withPerSuite(FrameworkResult full, SuiteRunner runner, int suiteRuns, PrintStream progress) {
        int tests = TrivialSuites.count();
        TrivialSuites.count(1);
        try {
            FrameworkResult ofOne = measure(runner, 1, suiteRuns, Math.max(1, suiteRuns / 10), progress);
            return full.withPerSuite(ofOne.wall(), ofOne.threadCpu());
        } finally {
            TrivialSuites.count(tests);
        }
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
        List<Double> protectedMs = new ArrayList<>();
        List<Double> unprotectedMs = new ArrayList<>();
        List<Double> protectedCpuMs = new ArrayList<>();
        List<Double> unprotectedCpuMs = new ArrayList<>();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (int round = 0; round < warmup + runs; round++) {
                boolean measured = round >= warmup;
                for (boolean protectedArm : round % 2 == 0 ? new boolean[]{true, false} : new boolean[]{false, true}) {
                    System.gc();
                    Trial t = runner.run(protectedArm).verified(runner.framework(), tests);
                    if (measured) {
                        (protectedArm ? protectedMs : unprotectedMs).add(t.nanos() / 1e6);
                        (protectedArm ? protectedCpuMs : unprotectedCpuMs).add(t.cpuNanos() / 1e6);
                    }
                }
                if (warmup + runs <= 50 || (round + 1) % 25 == 0 || round + 1 == warmup + runs) {
                    progress.printf("%s, %d %s per run: round %d of %d%s%n", runner.framework(), tests,
                            tests == 1 ? "test" : "tests", round + 1, warmup + runs, measured ? "" : " (warm-up)");
                }
            }
        } finally {
            System.setOut(stdout);
        }
        return FrameworkResult.of(runner.framework(), tests, FrameworkResult.Arms.of(protectedMs, unprotectedMs, tests),
                FrameworkResult.Arms.of(protectedCpuMs, unprotectedCpuMs, tests), runner.targetMicros());
    }
}
