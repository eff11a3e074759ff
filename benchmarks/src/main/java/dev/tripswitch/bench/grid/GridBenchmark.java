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
import java.util.Locale;
import java.util.Map;

/**
 * The outage benchmark's Selenium Grid scenario ({@code run_circuit_breaker_benchmark.sh --grid}): the same suite
 * on a local Grid of three Chromium nodes, one broken (its driver or its browser exits at session start), in three
 * arms (no circuit breaker, one circuit for the suite, a circuit per node), and on a second Grid of the two
 * healthy nodes alone, up at the same time, for the wall-time baseline; the per-node arm and the baseline run in
 * rounds, with node circuits on the two healthy nodes as a third arm. Writes {@code grid-report.json} and
 * {@code grid-report.md} under {@code <reports-dir>/grid/<timestamp>/} and prints the Markdown.
 *
 * <p>Targets for the per-node arm: failures at most the node circuit's {@code failureThreshold}; nothing skipped;
 * every test passed (no test depends on the broken node: each can run on another), in every round; wall time at
 * most 1.1 times the baseline's, summed over the rounds.
 */
public final class GridBenchmark {

    static final String PAGE_TITLE = "Grid benchmark page";
    static final double WALL_TARGET = 1.1;

    /** One target of the per-node arm, as measured. */
    public record Target(String name, String target, String measured, boolean met) {
    }

    /** The whole report, its keys in a fixed order. */
    public record Report(String title, String createdAt, String commit, Map<String, String> machine,
                         String loadAverageAtStart, String loadAverageAtEnd, int tests, int rounds,
                         int failureThreshold, String nodes, List<GridSuite.Result> arms, List<RoundRatios> ratios,
                         FailedStarts failedStarts, List<Target> targets, boolean allTargetsMet) {
    }

    /**
     * What the broken node's failed session starts cost, derived from the arms (an estimate, not a timing of its
     * own): a session of the baseline ({@code sessionMillis}: its wall time over its tests, all rounds), a failed
     * start ({@code failedStartMillis}: what the no-circuit-breaker arm took beyond its passed tests' sessions,
     * over its failures), and the floor of the per-node arm ({@code floorMillis}: the baseline plus
     * {@code failureThreshold} failed starts a round, all rounds), which any circuit that has to see
     * {@code failureThreshold} failures before it avoids the node pays.
     */
    public record FailedStarts(double sessionMillis, double failedStartMillis, long floorMillis,
                               double floorOverBaseline) {
    }

    /** One round's wall times of the per-node arm on three nodes and on the two healthy ones, over the baseline's. */
    public record RoundRatios(int round, double perNodeOverBaseline, double perNodeTwoHealthyOverBaseline) {
    }

    private GridBenchmark() {
    }

    /**
     * Runs the scenario; 0 when it ran (targets met or not: the report says), 1 when it could not run. The arms
     * without node circuits run once on the three-node Grid; then, with both Grids up, each of {@code rounds}
     * rounds runs the per-node arm (three nodes), the baseline (two healthy nodes) and the per-node arm on the two
     * healthy nodes, in an order that alternates from round to round, so that the machine's drift falls on all
     * three alike. The wall-time target compares the sums of the rounds.
     */
    public static int run(Path reportsDir, int tests, int rounds, BrokenPart part, PrintStream out)
            throws Exception {
        if (tests < 3 || tests > 1000) {
            throw new IllegalArgumentException("--grid-tests must be from 3 to 1000, but was " + tests);
        }
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--grid-rounds must be from 1 to 20, but was " + rounds);
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
            try (ScriptedGrid three = ScriptedGrid.start(dir.resolve("grid-3-nodes"), 2, 1, part, null);
                 ScriptedGrid two = ScriptedGrid.start(dir.resolve("grid-2-nodes"), 2, 0, part,
                         three.classpathFile())) {
                broken = three.brokenNodes().toString();
                out.println("Grid of three nodes at " + three.address() + ", broken: " + broken
                        + "; Grid of the two healthy nodes alone at " + two.address());
                for (GridArm arm : List.of(GridArm.NO_CIRCUIT_BREAKER, GridArm.ONE_CIRCUIT)) {
                    results.add(measured(arm, 0, three, pageUrl, tests, out));
                }
                for (int round = 1; round <= rounds; round++) {
                    List<GridArm> order = round % 2 == 1
                            ? List.of(GridArm.CIRCUIT_PER_NODE, GridArm.TWO_HEALTHY_NODES,
                                    GridArm.CIRCUIT_PER_NODE_TWO_HEALTHY)
                            : List.of(GridArm.CIRCUIT_PER_NODE_TWO_HEALTHY, GridArm.TWO_HEALTHY_NODES,
                                    GridArm.CIRCUIT_PER_NODE);
                    for (GridArm arm : order) {
                        results.add(measured(arm, round, arm.brokenNodes > 0 ? three : two, pageUrl, tests, out));
                    }
                }
            }
            List<Target> targets = targets(results, tests);
            Report report = new Report("Circuit breaker benchmark — Selenium Grid (real Chromium)",
                    started.toInstant().toString(), MachineInfo.commit(), machine, loadAtStart,
                    MachineInfo.loadAverage(), tests, rounds, GridSuite.FAILURE_THRESHOLD,
                    "3 (2 healthy, 1 broken: " + broken + ", its " + part.scriptName() + " exits at session start);"
                            + " baseline: a second Grid of 2 healthy nodes, up at the same time", results,
                    ratios(results), failedStarts(results, tests), targets,
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

    private static GridSuite.Result measured(GridArm arm, int round, ScriptedGrid grid, String pageUrl, int tests,
                                             PrintStream out) {
        out.println("arm " + arm + (round > 0 ? ", round " + round : "") + ": " + tests + " tests...");
        GridSuite.Result r = GridSuite.run(arm, round, grid.address(), pageUrl, tests);
        out.println("  passed " + r.passed() + ", failed " + r.failed() + ", skipped " + r.skipped() + ", wall "
                + r.wallMillis() + " ms");
        return r;
    }

    /** Per round, the per-node arms' wall times as multiples of the baseline's. */
    static List<RoundRatios> ratios(List<GridSuite.Result> results) {
        List<RoundRatios> ratios = new ArrayList<>();
        for (GridSuite.Result b : results) {
            if (b.arm() == GridArm.TWO_HEALTHY_NODES) {
                ratios.add(new RoundRatios(b.round(),
                        (double) of(results, GridArm.CIRCUIT_PER_NODE, b.round()).wallMillis() / b.wallMillis(),
                        (double) of(results, GridArm.CIRCUIT_PER_NODE_TWO_HEALTHY, b.round()).wallMillis()
                                / b.wallMillis()));
            }
        }
        return ratios;
    }

    /** {@link FailedStarts} from the arms; {@code null} when the no-circuit-breaker arm failed nothing. */
    static FailedStarts failedStarts(List<GridSuite.Result> results, int tests) {
        List<GridSuite.Result> baseline = all(results, GridArm.TWO_HEALTHY_NODES);
        long baselineWall = baseline.stream().mapToLong(GridSuite.Result::wallMillis).sum();
        double session = (double) baselineWall / (baseline.size() * (long) tests);
        GridSuite.Result none = all(results, GridArm.NO_CIRCUIT_BREAKER).get(0);
        if (none.failed() == 0) {
            return null;
        }
        double failedStart = Math.max(0, (none.wallMillis() - none.passed() * session) / none.failed());
        long floor = Math.round(baselineWall + baseline.size() * GridSuite.FAILURE_THRESHOLD * failedStart);
        return new FailedStarts(session, failedStart, floor, (double) floor / baselineWall);
    }

    static List<Target> targets(List<GridSuite.Result> results, int tests) {
        List<GridSuite.Result> perNode = all(results, GridArm.CIRCUIT_PER_NODE);
        long perNodeWall = perNode.stream().mapToLong(GridSuite.Result::wallMillis).sum();
        long baselineWall = all(results, GridArm.TWO_HEALTHY_NODES).stream()
                .mapToLong(GridSuite.Result::wallMillis).sum();
        double ratio = (double) perNodeWall / baselineWall;
        int mostFailed = perNode.stream().mapToInt(GridSuite.Result::failed).max().orElseThrow();
        int mostSkipped = perNode.stream().mapToInt(GridSuite.Result::skipped).max().orElseThrow();
        int fewestPassed = perNode.stream().mapToInt(GridSuite.Result::passed).min().orElseThrow();
        String rounds = perNode.size() + " round(s)";
        return List.of(
                new Target("failures", "<= " + GridSuite.FAILURE_THRESHOLD + " (node failureThreshold) in each round",
                        "at most " + mostFailed + " in " + rounds, mostFailed <= GridSuite.FAILURE_THRESHOLD),
                new Target("skipped", "0", "at most " + mostSkipped + " in " + rounds, mostSkipped == 0),
                new Target("passed", tests + " (no test depends on the broken node)",
                        "at least " + fewestPassed + " in " + rounds, fewestPassed == tests),
                new Target("wall time", "<= " + WALL_TARGET + " x two healthy nodes (" + baselineWall + " ms in "
                        + rounds + ")", perNodeWall + " ms = " + String.format(Locale.ROOT, "%.3f", ratio) + " x",
                        ratio <= WALL_TARGET));
    }

    private static List<GridSuite.Result> all(List<GridSuite.Result> results, GridArm arm) {
        List<GridSuite.Result> of = results.stream().filter(r -> r.arm() == arm).toList();
        if (of.isEmpty()) {
            throw new IllegalStateException("arm " + arm + " did not run");
        }
        return of;
    }

    private static GridSuite.Result of(List<GridSuite.Result> results, GridArm arm, int round) {
        return results.stream().filter(r -> r.arm() == arm && r.round() == round).findFirst()
                .orElseThrow(() -> new IllegalStateException("arm " + arm + " did not run in round " + round));
    }

    static String markdown(Report r) {
        StringBuilder b = new StringBuilder("# ").append(r.title()).append("\n\n");
        b.append("Created ").append(r.createdAt()).append(", commit ").append(r.commit()).append(". ")
                .append(r.tests()).append(" tests per arm, run one after another; the per-node arms and the")
                .append(" baseline in ")
                .append(r.rounds()).append(" round(s), their order alternating; nodes: ").append(r.nodes())
                .append(". Circuits: failureThreshold ").append(r.failureThreshold())
                .append(", halfOpenAfter 30 min (no probe during an arm). Load average at start ")
                .append(r.loadAverageAtStart()).append(", at end ").append(r.loadAverageAtEnd()).append(".\n\n");
        b.append("| arm | round | passed | failed | skipped | wall time (ms) |\n|---|---:|---:|---:|---:|---:|\n");
        for (GridSuite.Result a : r.arms()) {
            b.append("| ").append(a.description()).append(" | ").append(a.round() == 0 ? "—" : a.round())
                    .append(" | ").append(a.passed()).append(" | ").append(a.failed())
                    .append(" | ").append(a.skipped()).append(" | ").append(a.wallMillis()).append(" |\n");
        }
        b.append("\n## Wall time over the baseline's, round by round\n\n| round | per node, 3 nodes | per node, 2"
                + " healthy nodes |\n|---:|---:|---:|\n");
        for (RoundRatios q : r.ratios()) {
            b.append("| ").append(q.round()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f x", q.perNodeOverBaseline())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f x", q.perNodeTwoHealthyOverBaseline())).append(" |\n");
        }
        FailedStarts f = r.failedStarts();
        if (f != null) {
            b.append(String.format(Locale.ROOT, "%nDerived from the arms: a baseline session %.0f ms; a failed start"
                    + " on the broken node %.0f ms (the no-circuit-breaker arm's wall time beyond its passed"
                    + " sessions, over its failures); so the floor of the per-node arm, the baseline plus %d failed"
                    + " starts a round, is %d ms = %.3f x the baseline.%n", f.sessionMillis(), f.failedStartMillis(),
                    r.failureThreshold(), f.floorMillis(), f.floorOverBaseline()));
        }
        b.append("\n## Targets (a circuit per node)\n\n| target | wanted | measured | met |\n|---|---|---|---|\n");
        for (Target t : r.targets()) {
            b.append("| ").append(t.name()).append(" | ").append(t.target()).append(" | ").append(t.measured())
                    .append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
        }
        b.append("\n## Circuits at the end of each arm\n\n");
        for (GridSuite.Result a : r.arms()) {
            b.append("- ").append(a.arm()).append(a.round() == 0 ? "" : " (round " + a.round() + ")").append(": ")
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
