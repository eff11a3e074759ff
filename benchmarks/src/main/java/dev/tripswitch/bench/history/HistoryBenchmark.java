package dev.tripswitch.bench.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tripswitch.bench.overhead.SuiteRunner;
import dev.tripswitch.bench.overhead.Trial;
import dev.tripswitch.bench.overhead.TrivialSuites;
import dev.tripswitch.bench.report.AtomicFiles;
import dev.tripswitch.bench.report.MachineInfo;
import dev.tripswitch.bench.stats.Stats;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.report.HistoryRecorder;
import dev.tripswitch.report.command.HistoryCommands;
import dev.tripswitch.report.command.RunSelection;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistorySettings;
import dev.tripswitch.report.history.PartCodec;
import dev.tripswitch.report.history.Parts;
import dev.tripswitch.report.history.RunHistory;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * What the run history costs (issue 23), measured in one run: the per-test overhead of collecting the record, with
 * the overhead benchmark's trivial suites and method (protected runs with history off, with the record collected,
 * and with it written, against the unprotected suite, alternating, in the same rounds); writing a 5,000-test run's
 * record at its end; the report over 100 runs of 5,000 tests, generated and opened in headless Chromium; and the
 * size of 1,000 such runs against the default retention. {@code benchmarks/run-history.sh} runs it.
 */
@Command(name = "run-history.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures what the run history costs: per test, at the end of a run, the report, the size.")
public final class HistoryBenchmark implements Callable<Integer> {

    @Option(names = "--tests", description = "tests per run (default ${DEFAULT-VALUE})")
    int tests = 5000;

    @Option(names = "--runs", description = "measured rounds of the per-test arms (default ${DEFAULT-VALUE})")
    int rounds = 9;

    @Option(names = "--warmup", description = "unmeasured rounds first (default ${DEFAULT-VALUE})")
    int warmup = 5;

    @Option(names = "--report-runs", description = "runs in the history the report covers (default ${DEFAULT-VALUE})")
    int reportRuns = 100;

    @Option(names = "--size-runs", description = "runs written to measure the history's size (default ${DEFAULT-VALUE})")
    int sizeRuns = 1000;

    @Option(names = "--work", paramLabel = "DIR", description = "where the histories are made (default: a temporary"
            + " folder, removed afterwards)")
    Path work;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    Path json;

    @Option(names = "--only", split = ",", paramLabel = "PART", description = "measure only these parts: per-test,"
            + " end-of-run, report, size (default all)")
    List<String> only = List.of("per-test", "end-of-run", "report", "size");

    private final Map<String, Object> figures = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new HistoryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("tripswitch-history-bench") : work;
        Files.createDirectories(dir);
        figures.put("date", Instant.now().toString());
        figures.put("commit", MachineInfo.commit());
        figures.put("processors", Runtime.getRuntime().availableProcessors());
        figures.put("java", System.getProperty("java.version"));
        figures.put("loadBefore", MachineInfo.loadAverage());
        try {
            if (only.contains("per-test")) {
                perTestOverhead(dir, true);
                perTestOverhead(dir, false);
            }
            if (only.contains("end-of-run")) {
                endOfRunWrite(dir);
            }
            if (only.contains("report")) {
                reportOverManyRuns(dir);
            }
            if (only.contains("size")) {
                sizeOfManyRuns(dir);
            }
        } finally {
            System.setProperty(HistorySettings.HISTORY, "off");
            if (temporary) {
                deleteTree(dir);
            }
        }
        figures.put("loadAfter", MachineInfo.loadAverage());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        System.out.println(mapper.writeValueAsString(figures));
        if (json != null) {
            AtomicFiles.writeString(json, mapper.writeValueAsString(figures));
        }
        return 0;
    }

    // ------------------------------------------------------------------ 1. per test

    private enum Arm { UNPROTECTED, HISTORY_OFF, RECORD_COLLECTED, RECORD_WRITTEN }

    /** Rounds of the four arms, their order rotating from round to round; medians and paired differences. */
    private void perTestOverhead(Path dir, boolean junit) {
        TrivialSuites.count(tests);
        SuiteRunner runner = SuiteRunner.of(junit);
        Map<Arm, List<Double>> wall = new LinkedHashMap<>();
        Map<Arm, List<Double>> cpu = new LinkedHashMap<>();
        for (Arm a : Arm.values()) {
            wall.put(a, new ArrayList<>());
            cpu.put(a, new ArrayList<>());
        }
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        int trial = 0;
        try {
            for (int round = 0; round < warmup + rounds; round++) {
                Arm[] order = Arm.values();
                for (int k = 0; k < order.length; k++) {
                    Arm arm = order[(k + round) % order.length];
                    arm(arm, dir.resolve("overhead-history"), trial++);
                    System.gc();
                    Trial t = runner.run(arm != Arm.UNPROTECTED).verified(runner.framework(), tests);
                    if (round >= warmup) {
                        wall.get(arm).add(t.nanos() / 1e6);
                        cpu.get(arm).add(t.cpuNanos() / 1e6);
                    }
                }
                System.err.printf("%s: round %d of %d%s%n", runner.framework(), round + 1, warmup + rounds,
                        round < warmup ? " (warm-up)" : "");
            }
        } finally {
            System.setOut(stdout);
            arm(Arm.UNPROTECTED, null, 0);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("wall", arms(wall));
        f.put("threadCpu", arms(cpu));
        figures.put("perTest " + runner.framework(), f);
    }

    /** Each arm's median and its overhead over the unprotected arm; the paired differences that matter here. */
    private Map<String, Object> arms(Map<Arm, List<Double>> ms) {
        Map<String, Object> f = new LinkedHashMap<>();
        double u = Stats.of(ms.get(Arm.UNPROTECTED)).median();
        for (Arm a : Arm.values()) {
            Stats s = Stats.of(ms.get(a));
            Map<String, Object> arm = new LinkedHashMap<>();
            arm.put("medianMs", round(s.median()));
            arm.put("minMs", round(s.min()));
            arm.put("maxMs", round(s.max()));
            arm.put("overheadMicrosPerTest", round((s.median() - u) * 1000 / tests));
            f.put(a.name(), arm);
        }
        f.put("recordCollectedMinusHistoryOff_microsPerTest", paired(ms, Arm.RECORD_COLLECTED, Arm.HISTORY_OFF));
        f.put("recordWrittenMinusHistoryOff_microsPerTest", paired(ms, Arm.RECORD_WRITTEN, Arm.HISTORY_OFF));
        f.put("noise_historyOffMinusUnprotected_microsPerTest", paired(ms, Arm.HISTORY_OFF, Arm.UNPROTECTED));
        return f;
    }

    /** The paired difference of two arms per round, per test: its median and the spread of its middle half. */
    private Map<String, Object> paired(Map<Arm, List<Double>> wall, Arm a, Arm b) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < wall.get(a).size(); i++) {
            d.add((wall.get(a).get(i) - wall.get(b).get(i)) * 1000 / tests);
        }
        List<Double> sorted = d.stream().sorted().toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("median", round(Stats.of(d).median()));
        out.put("q1", round(sorted.get(sorted.size() / 4)));
        out.put("q3", round(sorted.get(sorted.size() * 3 / 4)));
        return out;
    }

    private static void arm(Arm arm, Path history, int trial) {
        System.setProperty(KeepingRecordListener.SWITCH, Boolean.toString(arm == Arm.RECORD_COLLECTED));
        System.setProperty(HistorySettings.REPORT, "false");
        if (arm == Arm.RECORD_WRITTEN) {
            System.setProperty(HistorySettings.HISTORY, history.toString());
            System.setProperty("tripswitch.run.id", "overhead-" + trial);
        } else {
            System.setProperty(HistorySettings.HISTORY, "off");
            System.clearProperty("tripswitch.run.id");
        }
    }

    // ------------------------------------------------------------------ 2. at the end of a run

    /**
     * The end of a run with a 5,000-test record, through the history recorder as core calls it, in a history that
     * already holds {@link #reportRuns} runs: the record written and the retention kept (report off), then with the
     * report too.
     */
    private void endOfRunWrite(Path dir) throws Exception {
        Path history = dir.resolve("end-of-run-history");
        RunHistory h = new RunHistory(new FolderHistory(history));
        Instant first = Instant.parse("2026-09-01T08:00:00Z");
        for (int i = 0; i < reportRuns; i++) {
            h.write(Parts.of(RecordGenerator.record(String.format("run-%04d", i), "ci-1", first.plus(Duration
                    .ofHours(6L * i)), tests, i)));
        }
        RunRecord record = RecordGenerator.record("run-now", "ci-1", first.plus(Duration.ofDays(60)), tests, 4242);
        RunRecord trivial = KeepingRecordListener.LAST.get();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("partBytes", PartCodec.write(Parts.of(record)).length);
        f.put("trivialRunPartBytes", trivial == null ? null : PartCodec.write(Parts.of(trivial)).length);
        System.setProperty(HistorySettings.HISTORY, history.toString());
        HistoryRecorder recorder = new HistoryRecorder();
        for (boolean report : new boolean[]{false, true}) {
            System.setProperty(HistorySettings.REPORT, Boolean.toString(report));
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < 5 + 21; i++) {
                long t0 = System.nanoTime();
                List<String> lines = recorder.runEnded(record);
                long t1 = System.nanoTime();
                if (lines.stream().anyMatch(l -> l.contains("WARNING"))) {
                    throw new IllegalStateException(String.join("\n", lines));
                }
                if (i >= 5) {
                    ms.add((t1 - t0) / 1e6);
                }
            }
            Stats s = Stats.of(ms);
            f.put(report ? "recordAndReportMs" : "recordWrittenMs", Map.of("median", round(s.median()), "p90",
                    round(s.p90()), "max", round(s.max()), "n", s.n()));
        }
        System.setProperty(HistorySettings.HISTORY, "off");
        System.setProperty(HistorySettings.REPORT, "false");
        figures.put("endOfRun (" + tests + " tests, " + reportRuns + " runs in the history)", f);
    }

    // ------------------------------------------------------------------ 3. the report over many runs

    private void reportOverManyRuns(Path dir) throws Exception {
        Path history = dir.resolve("report-history");
        RunHistory h = new RunHistory(new FolderHistory(history));
        Instant first = Instant.parse("2026-06-01T08:00:00Z");
        for (int i = 0; i < reportRuns; i++) {
            h.write(Parts.of(RecordGenerator.record(String.format("run-%04d", i), "ci-1", first.plus(Duration
                    .ofHours(12L * i)), tests, 1000 + i)));
        }
        HistorySettings settings = HistorySettings.from(Map.of(HistorySettings.HISTORY, new HistorySettings.Given(
                history.toString(), "benchmark")), dir, n -> null);
        Path out = dir.resolve("report.html");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<Double> ms = new ArrayList<>();
        double cold = 0;
        for (int i = 0; i < 2 + 7; i++) {
            long t0 = System.nanoTime();
            new HistoryCommands(settings, getClass().getClassLoader(), quiet).report(RunSelection.parse("runs",
                    "last:" + reportRuns), "run", null, out);
            double took = (System.nanoTime() - t0) / 1e6;
            if (i == 0) {
                cold = took;
            }
            if (i >= 2) {
                ms.add(took);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("firstInThisJvmMs", round(cold)); // code not yet compiled by the JIT: what a command run sees
        Stats s = Stats.of(ms);
        f.put("generatedMs", Map.of("median", round(s.median()), "p90", round(s.p90()), "max", round(s.max()),
                "n", s.n()));
        f.put("htmlBytes", Files.size(out));
        f.put("chromium", openInChromium(dir, out));
        figures.put("report (" + reportRuns + " runs x " + tests + " tests)", f);
    }

    /** Opens the page in headless Chromium several times; the navigation's load time as the page measures it. */
    private Map<String, Object> openInChromium(Path dir, Path page) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1360,900", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver chromium = new ChromeDriver(service, options);
        List<Double> load = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        try {
            for (int i = 0; i < 2 + 7; i++) {
                chromium.get("about:blank");
                long t0 = System.nanoTime();
                chromium.get(page.toUri().toString());
                double w = (System.nanoTime() - t0) / 1e6;
                Object l = ((JavascriptExecutor) chromium).executeScript("var n = performance"
                        + ".getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;");
                if (i >= 2) {
                    wall.add(w);
                    load.add(((Number) l).doubleValue());
                }
            }
        } finally {
            chromium.quit();
        }
        Stats l = Stats.of(load);
        Stats w = Stats.of(wall);
        return Map.of("loadEventEndMs", Map.of("median", round(l.median()), "max", round(l.max())),
                "driverGetMs", Map.of("median", round(w.median()), "max", round(w.max())));
    }

    // ------------------------------------------------------------------ 4. size

    private void sizeOfManyRuns(Path dir) throws Exception {
        Path history = dir.resolve("size-history");
        RunHistory h = new RunHistory(new FolderHistory(history));
        Instant first = Instant.parse("2025-01-01T08:00:00Z");
        long t0 = System.nanoTime();
        for (int i = 0; i < sizeRuns; i++) {
            h.write(Parts.of(RecordGenerator.record(String.format("run-%05d", i), "ci-1", first.plus(Duration
                    .ofHours(8L * i)), tests, 50_000 + i)));
        }
        long took = System.nanoTime() - t0;
        long bytes = h.entries().stream().mapToLong(RunHistory.RunEntry::bytes).sum();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("runs", sizeRuns);
        f.put("bytes", bytes);
        f.put("megabytes", round(bytes / 1048576.0));
        f.put("defaultMaxSizeMegabytes", HistorySettings.DEFAULT_MAX_BYTES >> 20);
        f.put("withinDefaultMaxSize", bytes <= HistorySettings.DEFAULT_MAX_BYTES);
        f.put("defaultKeepRuns", HistorySettings.DEFAULT_KEEP);
        f.put("meanWriteMs", round(took / 1e6 / sizeRuns));
        figures.put("size (" + sizeRuns + " runs x " + tests + " tests)", f);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
