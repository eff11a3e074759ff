package dev.tripswitch.bench.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import dev.tripswitch.bench.report.AtomicFiles;
import dev.tripswitch.bench.report.MachineInfo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outage benchmark's Selenium Grid scenario ({@code run_circuit_breaker_benchmark.sh --grid}): the same suite
 * on a local Grid of three Chromium nodes, one broken (its driver exits at session start), in three arms (no
 * circuit breaker, one circuit for the suite, a circuit per node), then on a Grid of the two healthy nodes alone
 * for the wall-time baseline. Writes {@code grid-report.json} and {@code grid-report.md} under
 * {@code <reports-dir>/grid/<timestamp>/} and prints the Markdown.
 *
 * <p>Targets for the per-node arm: failures at most the node circuit's {@code failureThreshold}; nothing skipped;
 * every test passed (no test depends on the broken node: each can run on another); wall time at most 1.1 times
 * the two-healthy-nodes run.
 */
public final class GridBenchmark {

    static final String PAGE_TITLE = "Grid benchmark page";
    static final double WALL_TARGET = 1.1;

    /** One target of the per-node arm, as measured. */
    public record Target(String name, String target, String measured, boolean met) {
    }

    /** The whole report, its keys in a fixed order. */
    public record Report(String title, String createdAt, String commit, Map<String, String> machine,
                         String loadAverageAtStart, String loadAverageAtEnd, int tests, int failureThreshold,
                         String nodes, List<GridSuite.Result> arms, List<Target> targets, boolean allTargetsMet) {
    }

    private GridBenchmark() {
    }

    /** Runs the scenario; 0 when it ran (targets met or not: the report says), 1 when it could not run. */
    public static int run(Path reportsDir, int tests, PrintStream out) throws Exception {
        if (tests < 3 || tests > 1000) {
            throw new IllegalArgumentException("--grid-tests must be from 3 to 1000, but was " + tests);
        }
        ZonedDateTime started = ZonedDateTime.now();
        Path dir = reportsDir.resolve("grid").resolve(started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        String loadAtStart = MachineInfo.loadAverage();
        Map<String, String> machine = MachineInfo.collect(true); // its "load average at start" is this moment's
        List<GridSuite.Result> results = new ArrayList<>();
        HttpServer page = pageServer();
        try {
            String pageUrl = "http://127.0.0.1:" + page.getAddress().getPort() + "/";
            String broken;
            Path classpath;
            try (ScriptedGrid grid = ScriptedGrid.start(dir.resolve("grid-3-nodes"), 2, 1, null)) {
                broken = grid.brokenNodes().toString();
                classpath = grid.classpathFile();
                out.println("Grid of three nodes at " + grid.address() + ", broken: " + broken);
                for (GridArm arm : List.of(GridArm.NO_CIRCUIT_BREAKER, GridArm.ONE_CIRCUIT, GridArm.CIRCUIT_PER_NODE)) {
                    results.add(measured(arm, grid, pageUrl, tests, out));
                }
            }
            try (ScriptedGrid grid = ScriptedGrid.start(dir.resolve("grid-2-nodes"), 2, 0, classpath)) {
                results.add(measured(GridArm.TWO_HEALTHY_NODES, grid, pageUrl, tests, out));
            }
            List<Target> targets = targets(results, tests);
            Report report = new Report("Circuit breaker benchmark — Selenium Grid (real Chromium)",
                    started.toInstant().toString(), MachineInfo.commit(), machine, loadAtStart,
                    MachineInfo.loadAverage(), tests, GridSuite.FAILURE_THRESHOLD,
                    "3 (2 healthy, 1 broken: " + broken + "); baseline: 2 healthy", results, targets,
                    targets.stream().allMatch(Target::met));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(dir.resolve("grid-report.json"), json.writeValueAsBytes(report));
            String md = markdown(report);
            AtomicFiles.write(dir.resolve("grid-report.md"), md.getBytes(StandardCharsets.UTF_8));
            out.println(md);
            out.println("reports: " + dir + " (grid-report.json, grid-report.md)");
            return 0;
        } finally {
            page.stop(0);
        }
    }

    private static GridSuite.Result measured(GridArm arm, ScriptedGrid grid, String pageUrl, int tests, PrintStream out) {
        out.println("arm " + arm + ": " + tests + " tests...");
        GridSuite.Result r = GridSuite.run(arm, grid.address(), pageUrl, tests);
        out.println("  passed " + r.passed() + ", failed " + r.failed() + ", skipped " + r.skipped() + ", wall "
                + r.wallMillis() + " ms");
        return r;
    }

    static List<Target> targets(List<GridSuite.Result> results, int tests) {
        GridSuite.Result perNode = of(results, GridArm.CIRCUIT_PER_NODE);
        GridSuite.Result baseline = of(results, GridArm.TWO_HEALTHY_NODES);
        double ratio = (double) perNode.wallMillis() / baseline.wallMillis();
        return List.of(
                new Target("failures", "<= " + GridSuite.FAILURE_THRESHOLD + " (node failureThreshold)",
                        String.valueOf(perNode.failed()), perNode.failed() <= GridSuite.FAILURE_THRESHOLD),
                new Target("skipped", "0", String.valueOf(perNode.skipped()), perNode.skipped() == 0),
                new Target("passed", tests + " (no test depends on the broken node)", String.valueOf(perNode.passed()),
                        perNode.passed() == tests),
                new Target("wall time", "<= " + WALL_TARGET + " x two healthy nodes (" + baseline.wallMillis() + " ms)",
                        perNode.wallMillis() + " ms = " + String.format(java.util.Locale.ROOT, "%.3f", ratio) + " x",
                        ratio <= WALL_TARGET));
    }

    private static GridSuite.Result of(List<GridSuite.Result> results, GridArm arm) {
        return results.stream().filter(r -> r.arm() == arm).findFirst()
                .orElseThrow(() -> new IllegalStateException("arm " + arm + " did not run"));
    }

    static String markdown(Report r) {
        StringBuilder b = new StringBuilder("# ").append(r.title()).append("\n\n");
        b.append("Created ").append(r.createdAt()).append(", commit ").append(r.commit()).append(". ")
                .append(r.tests()).append(" tests per arm, run one after another; nodes: ").append(r.nodes())
                .append(". Circuits: failureThreshold ").append(r.failureThreshold())
                .append(", halfOpenAfter 30 min (no probe during an arm). Load average at start ")
                .append(r.loadAverageAtStart()).append(", at end ").append(r.loadAverageAtEnd()).append(".\n\n");
        b.append("| arm | passed | failed | skipped | wall time (ms) |\n|---|---:|---:|---:|---:|\n");
        for (GridSuite.Result a : r.arms()) {
            b.append("| ").append(a.description()).append(" | ").append(a.passed()).append(" | ").append(a.failed())
                    .append(" | ").append(a.skipped()).append(" | ").append(a.wallMillis()).append(" |\n");
        }
        b.append("\n## Targets (a circuit per node)\n\n| target | wanted | measured | met |\n|---|---|---|---|\n");
        for (Target t : r.targets()) {
            b.append("| ").append(t.name()).append(" | ").append(t.target()).append(" | ").append(t.measured())
                    .append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
        }
        b.append("\n## Circuits at the end of each arm\n\n");
        for (GridSuite.Result a : r.arms()) {
            b.append("- ").append(a.arm()).append(": ")
                    .append(a.circuits().isEmpty() ? "none" : String.join("; ", a.circuits()));
            if (!a.passedPerNode().isEmpty() && !a.passedPerNode().containsKey("(not asked)")) {
                b.append(". Passed per node: ").append(a.passedPerNode());
            }
            if (a.firstFailure() != null) {
                b.append(". First failure: ").append(a.firstFailure());
            }
            if (a.firstSkipReason() != null) {
                b.append(". First skip: ").append(a.firstSkipReason());
            }
            b.append("\n");
        }
        return b.toString();
    }

    private static HttpServer pageServer() throws java.io.IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("<!doctype html><html><head><title>" + PAGE_TITLE + "</title></head><body>ok</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        s.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        return s;
    }
}
