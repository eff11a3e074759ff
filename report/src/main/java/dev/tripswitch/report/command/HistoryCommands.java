package dev.tripswitch.report.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.HistorySettings;
import dev.tripswitch.report.history.HistoryStore;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.history.RunHistory;
import dev.tripswitch.report.html.RunReportPage;
import dev.tripswitch.report.suggest.AdviceText;
import dev.tripswitch.report.suggest.CircuitAdvice;
import dev.tripswitch.report.suggest.ReportAdvice;
import dev.tripswitch.report.suggest.Suggester;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The commands over the run history — {@code report} (the HTML report over a range of runs), {@code history} (a
 * table of the last runs per circuit), {@code suggest} (settings from the history) and {@code export} (CSV or
 * JSON) — whatever runs them (the Maven goals). Each
 * opens the history its settings name, reads the runs selected, and says what it wrote; damaged files are moved
 * aside with a warning, as at the end of a run.
 */
public final class HistoryCommands {

    /** What an export holds: a row per run and circuit, or a row per test mark. */
    public enum Level { RUNS, TESTS }

    /** An export's format. */
    public enum Format { CSV, JSON }

    private final HistorySettings settings;
    private final ClassLoader loader;
    private final PrintStream out;

    public HistoryCommands(HistorySettings settings, ClassLoader loader, PrintStream out) {
        this.settings = settings;
        this.loader = loader;
        this.out = out;
    }

    /**
     * Writes the HTML report over the runs {@code selection} picks: the timeline of run {@code shown} (null: the
     * newest selected), the trends of all of them.
     *
     * @return the report's path
     */
    public Path report(RunSelection selection, String shownOption, String shown, Path output) throws IOException {
        try (HistoryStore store = open()) {
            RunHistory history = new RunHistory(store);
            List<HistoryRun> runs = selected(history, selection);
            String id = shown == null || shown.isBlank() ? runs.get(runs.size() - 1).runId() : shown.trim();
            List<HistoryRun> full = history.runs(id::equals, true);
            if (full.isEmpty()) {
                throw new IllegalArgumentException(shownOption + "=" + id + " is refused: no run " + id
                        + " in the history " + store.description());
            }
            ReportAdvice.Outcome advice = ReportAdvice.of(history, runs);
            String html = RunReportPage.render(full.get(0), runs, store.description(), Instant.now(),
                    advice.advice(), advice.whyNone());
            write(output, html);
            warnings(history);
            out.println("Tripswitch: report over " + runs.size() + (runs.size() == 1 ? " run" : " runs") + " (run "
                    + id + " shown): " + output);
            return output;
        }
    }

    /** Prints, per circuit, a table of the runs {@code selection} picks, newest first; {@code circuit}: only it. */
    public void history(RunSelection selection, String circuitOption, String circuit) throws IOException {
        try (HistoryStore store = open()) {
            RunHistory history = new RunHistory(store);
            List<HistoryRun> runs = selected(history, selection);
            TreeSet<String> circuits = new TreeSet<>();
            runs.forEach(r -> circuits.addAll(r.circuitNames()));
            if (circuit != null && !circuit.isBlank()) {
                if (!circuits.contains(circuit)) {
                    throw new IllegalArgumentException(circuitOption + "=" + circuit + " is refused: no circuit of"
                            + " that name in these runs; they have " + String.join(", ", circuits));
                }
                circuits.retainAll(List.of(circuit));
            }
            out.println("Run history in " + store.description() + ": " + runs.size()
                    + (runs.size() == 1 ? " run" : " runs") + " (" + selection + ")");
            for (String name : circuits) {
                out.println();
                out.println("circuit '" + name + "'");
                out.printf(Locale.ROOT, "  %-26s %-17s %4s %6s %6s %6s %7s %8s %6s %8s %9s %9s%n", "run",
                        "started (UTC)", "JVMs", "tests", "passed", "failed", "skipped", "deferred", "waited",
                        "openings", "outage", "failures");
                for (int i = runs.size() - 1; i >= 0; i--) {
                    HistoryRun r = runs.get(i);
                    if (!r.circuitNames().contains(name)) {
                        continue;
                    }
                    HistoryRun.Merged m = r.circuit(name);
                    PartFile.Counts c = m.counts();
                    out.printf(Locale.ROOT, "  %-26s %-17s %4d %6d %6d %6d %7d %8d %6d %8s %9s %9s%n",
                            cut(r.runId(), 26), r.startedAt().toString().substring(0, 16).replace('T', ' '),
                            m.perPart().size(), c.tests(), c.passed(), c.failedCounted() + c.failedNotCounted(),
                            c.skipped(), c.deferred(), c.waited(), c.openings() + (m.blips() > 0 ? " (" + m.blips()
                                    + "b)" : ""), seconds(c.outageMillis()), seconds(c.failureCostMillis()));
                }
            }
            out.println();
            out.println("failed: counted and not counted; openings: (Nb) of them blips, closed at the first probe;"
                    + " failures: the time the counted failures took");
            warnings(history);
        }
    }

    /**
     * Writes the runs {@code selection} picks as CSV or JSON: a row per run and circuit ({@link Level#RUNS}), or per
     * test mark ({@link Level#TESTS}).
     */
    public Path export(RunSelection selection, Format format, Level level, Path output) throws IOException {
        try (HistoryStore store = open()) {
            RunHistory history = new RunHistory(store);
            List<HistoryRun> runs = selected(history, selection);
            if (level == Level.TESTS) {
                List<String> ids = runs.stream().map(HistoryRun::runId).toList();
                runs = history.runs(ids::contains, true);
            }
            List<Map<String, Object>> rows = level == Level.RUNS ? runRows(runs) : testRows(runs);
            write(output, format == Format.CSV ? csv(rows) : json(rows));
            warnings(history);
            out.println("Tripswitch: exported " + rows.size() + (rows.size() == 1 ? " row" : " rows") + " ("
                    + level.name().toLowerCase(Locale.ROOT) + ", " + runs.size() + (runs.size() == 1 ? " run" : " runs")
                    + ") as " + format + ": " + output);
            return output;
        }
    }

    /**
     * Prints, per circuit ({@code circuit}: only it), the settings the runs {@code selection} picks suggest: the
     * current settings' cost, the suggested ones' cost, why, and the lines to paste ({@link Suggester}).
     */
    public List<CircuitAdvice> suggest(RunSelection selection, String circuitOption, String circuit,
                                       Suggester suggester) throws IOException {
        try (HistoryStore store = open()) {
            RunHistory history = new RunHistory(store);
            List<HistoryRun> runs = selected(history, selection);
            List<String> circuits = Suggester.circuitsOf(runs);
            if (circuit != null && !circuit.isBlank()) {
                if (!circuits.contains(circuit)) {
                    throw new IllegalArgumentException(circuitOption + "=" + circuit + " is refused: no circuit of"
                            + " that name in these runs; they have " + String.join(", ", circuits));
                }
                circuits = List.of(circuit);
            }
            List<String> ids = runs.stream().map(HistoryRun::runId).toList();
            List<HistoryRun> full = history.runs(ids::contains, true);
            out.println("Suggested settings from the run history in " + store.description() + ": " + full.size()
                    + (full.size() == 1 ? " run" : " runs") + " (" + selection + "), replayed through the circuit"
                    + " for each candidate");
            List<CircuitAdvice> advice = new ArrayList<>();
            for (String name : circuits) {
                CircuitAdvice a = suggester.suggest(name, full);
                advice.add(a);
                out.println();
                AdviceText.lines(a, true).forEach(out::println);
            }
            warnings(history);
            return advice;
        }
    }

    // ------------------------------------------------------------------ rows

    static List<Map<String, Object>> runRows(List<HistoryRun> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HistoryRun r : runs) {
            for (String name : r.circuitNames()) {
                HistoryRun.Merged m = r.circuit(name);
                PartFile.Counts c = m.counts();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("runId", r.runId());
                row.put("startedAt", r.startedAt().toString());
                row.put("endedAt", r.endedAt().toString());
                row.put("parts", m.perPart().size());
                row.put("circuit", name);
                row.put("tests", c.tests());
                row.put("admitted", c.admitted());
                row.put("passed", c.passed());
                row.put("failedCounted", c.failedCounted());
                row.put("failedNotCounted", c.failedNotCounted());
                row.put("aborted", c.aborted());
                row.put("skipped", c.skipped());
                row.put("deferred", c.deferred());
                row.put("replayed", c.replayed());
                row.put("waited", c.waited());
                row.put("waitedMillis", c.waitedMillis());
                row.put("probes", c.probes());
                row.put("failureCostMillis", c.failureCostMillis());
                row.put("openings", c.openings());
                row.put("blips", m.blips());
                row.put("outageMillis", c.outageMillis());
                rows.add(row);
            }
        }
        return rows;
    }

    static List<Map<String, Object>> testRows(List<HistoryRun> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HistoryRun r : runs) {
            for (PartFile p : r.parts()) {
                Instant start = Instant.parse(p.startedAt());
                for (PartFile.Test t : p.tests()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("runId", r.runId());
                    row.put("partId", p.partId());
                    row.put("circuit", t.circuit());
                    row.put("framework", t.framework());
                    row.put("className", t.className());
                    row.put("name", t.name());
                    row.put("fate", t.fate());
                    row.put("at", start.plusMillis(t.at()).toString());
                    row.put("millis", t.ms());
                    row.put("waitedMillis", t.waitedMs());
                    row.put("probe", t.probe());
                    row.put("replayed", t.replayed());
                    row.put("reason", t.reason());
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static String csv(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            return "";
        }
        sb.append(String.join(",", rows.get(0).keySet())).append("\r\n");
        for (Map<String, Object> row : rows) {
            boolean first = true;
            for (Object v : row.values()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                String s = v == null ? "" : v.toString();
                sb.append(s.matches(".*[\",\r\n].*") || s.startsWith(" ") ? "\"" + s.replace("\"", "\"\"") + "\""
                        : s);
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String json(List<Map<String, Object>> rows) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private HistoryStore open() {
        if (settings.isOff()) {
            throw new IllegalArgumentException(HistorySettings.HISTORY + "=off is refused: the commands read a"
                    + " history; name its folder or store");
        }
        return settings.open(loader);
    }

    private static List<HistoryRun> selected(RunHistory history, RunSelection selection) throws IOException {
        List<HistoryRun> all = history.runs(id -> true, false);
        if (all.isEmpty()) {
            throw new IllegalStateException("the history in " + history.store().description() + " holds no run yet");
        }
        List<HistoryRun> runs = selection.of(all);
        if (runs.isEmpty()) {
            throw new IllegalStateException("no run of the history in " + history.store().description()
                    + " is selected by '" + selection + "' (it holds " + all.size() + " runs, from " + all.get(0)
                    .runId() + " to " + all.get(all.size() - 1).runId() + ")");
        }
        return runs;
    }

    private void warnings(RunHistory history) {
        history.warnings().forEach(w -> out.println("Tripswitch: WARNING: " + w));
    }

    private static void write(Path output, String text) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
