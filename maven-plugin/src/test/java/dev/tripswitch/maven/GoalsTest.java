package dev.tripswitch.maven;

import dev.tripswitch.CircuitState;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.Parts;
import dev.tripswitch.report.history.RunHistory;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The goals over a real history folder, their parameters set as Maven would set them: the report over a range,
 * the table, the exports, and bad input refused naming the option, the value and what is allowed.
 */
class GoalsTest {

    @TempDir
    Path dir;
    private Path history;
    private final List<String> logged = new ArrayList<>();

    @BeforeEach
    void threeRunsInTheHistory() throws Exception {
        history = dir.resolve("top/.tripswitch/history");
        Files.createDirectories(dir.resolve("top/.mvn"));
        RunHistory h = new RunHistory(new FolderHistory(history));
        h.write(Parts.of(run("run-1", Instant.parse("2026-12-01T09:00:00Z"), false)));
        h.write(Parts.of(run("run-2", Instant.parse("2026-12-02T09:00:00Z"), true)));
        h.write(Parts.of(run("run-3", Instant.parse("2026-12-03T09:00:00Z"), false)));
    }

    private <T extends HistoryGoal> T goal(T goal, String... userProperties) {
        goal.topDirectory = dir.resolve("top").toFile(); // the default history is found from here
        Properties p = new Properties();
        for (int i = 0; i + 1 < userProperties.length; i += 2) {
            p.setProperty(userProperties[i], userProperties[i + 1]);
        }
        goal.userProperties = p;
        goal.setLog(new Lines(logged));
        return goal;
    }

    @Test
    void report_overARange_showsTheNewestRunOfIt_atTheDefaultHistory() throws Exception {
        ReportMojo report = goal(new ReportMojo());
        report.runs = "run-1..run-2";
        report.output = dir.resolve("out/report.html").toFile();
        report.execute();
        String html = Files.readString(dir.resolve("out/report.html"));
        assertThat(html).contains("<title>Tripswitch run report \u2014 run-2</title>").contains("Trends across 2 runs");
        assertThat(logged).contains("Tripswitch: report over 2 runs (run run-2 shown): " + dir.resolve(
                "out/report.html"));

        report.runs = "last:3";
        report.run = "run-1";
        report.execute();
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("Run <code>run-1</code>")
                .contains("Trends across 3 runs");
    }

    @Test
    void history_printsATableOfTheLastRunsPerCircuit_newestFirst() throws Exception {
        HistoryMojo table = goal(new HistoryMojo());
        table.runs = "last:10";
        table.execute();
        assertThat(logged.get(0)).isEqualTo("Run history in folder " + history + ": 3 runs (last:10)");
        int header = logged.indexOf("circuit 'shop'");
        assertThat(logged.get(header + 1)).startsWith("  run").contains("tests").contains("openings");
        assertThat(logged.get(header + 2)).startsWith("  run-3").contains("2026-12-03 09:00");
        assertThat(logged.get(header + 3)).startsWith("  run-2").contains(" 1 (1b) ");
        assertThat(logged.get(header + 4)).startsWith("  run-1");
    }

    @Test
    void export_csvARowPerRunAndCircuit_jsonARowPerTest() throws Exception {
        ExportMojo export = goal(new ExportMojo());
        export.runs = "all";
        export.format = "csv";
        export.level = "runs";
        export.output = dir.resolve("h.csv").toFile();
        export.execute();
        List<String> csv = Files.readAllLines(dir.resolve("h.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("runId,startedAt,endedAt,parts,circuit,tests,admitted,passed,failedCounted");
        assertThat(csv.get(2)).startsWith("run-2,2026-12-02T09:00:00Z,").contains(",shop,10,");

        export.format = "JSON";
        export.level = "tests";
        export.runs = "run-2";
        export.output = dir.resolve("t.json").toFile();
        export.execute();
        String json = Files.readString(dir.resolve("t.json"));
        assertThat(json).contains("\"fate\" : \"FAILED_COUNTED\"").contains("\"reason\" : \"java.net.ConnectException:"
                + " refused\"");
        assertThat(logged).contains("Tripswitch: exported 10 rows (tests, 1 run) as JSON: " + dir.resolve("t.json"));
    }

    @Test
    void badInput_isRefusedNamingTheOptionTheValueAndWhatIsAllowed() throws Exception {
        ExportMojo export = goal(new ExportMojo(), "tripswitch.rnus", "5", "tripswitch.circuit.shop.failureThreshold",
                "3");
        export.runs = "all";
        assertThatThrownBy(export::execute).isInstanceOf(MojoFailureException.class).hasMessage(
                "-Dtripswitch.rnus=5 is refused: no option of this goal; its options are -Dtripswitch.format,"
                        + " -Dtripswitch.history, -Dtripswitch.level, -Dtripswitch.output, -Dtripswitch.runs");

        ExportMojo format = goal(new ExportMojo());
        format.runs = "all";
        format.format = "xml";
        format.level = "runs";
        assertThatThrownBy(format::execute).hasMessage("-Dtripswitch.format=xml is refused: must be csv or json");

        HistoryMojo runs = goal(new HistoryMojo());
        runs.runs = "last:0";
        assertThatThrownBy(runs::execute).hasMessageStartingWith("-Dtripswitch.runs=last:0 is refused: must be all,"
                + " last:N (N from 1 to 100000)");
        runs.runs = "run-9";
        assertThatThrownBy(runs::execute).hasMessage("-Dtripswitch.runs=run-9 is refused: no run run-9 in the history");

        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        HistoryMojo atAFile = goal(new HistoryMojo());
        atAFile.runs = "all";
        atAFile.history = file.toString();
        assertThatThrownBy(atAFile::execute).isInstanceOf(MojoFailureException.class).hasMessage(
                "tripswitch.history=" + file + " (-Dtripswitch.history or the plugin's configuration) is refused: must"
                        + " be a folder that can be created and written (or off, or a history store URI), but " + file
                        + " is a file");
    }

    @Test
    void suggest_saysWhenTheHistoryIsTooShort_andReplaysItWhenItIsLongEnough() throws Exception {
        SuggestMojo suggest = goal(new SuggestMojo());
        suggest.runs = "all";
        suggest.minRuns = "8";
        suggest.allowBlipOpenings = "false";
        suggest.execute();
        assertThat(logged).contains("circuit 'shop': too little history: 3 runs of it, and a suggestion needs at"
                + " least 8 (5 more), to fit on the older runs and check on the newer ones");

        logged.clear();
        suggest.minRuns = "2";
        suggest.whenOpen = "SKIP,REPLAY";
        suggest.execute();
        assertThat(logged.get(0)).startsWith("Suggested settings from the run history in folder " + history
                + ": 3 runs (all)");
        assertThat(logged).anySatisfy(l -> assertThat(l).startsWith("circuit 'shop': 3 runs, the candidates scored on"
                + " the older 2 and the best one checked on the newer 1"));
        assertThat(logged).anySatisfy(l -> assertThat(l).startsWith("  why: in 3 runs the dependency was down once"));
        assertThat(logged).anySatisfy(l -> assertThat(l).startsWith("  keep your settings"));
    }

    @Test
    void suggest_refusesBadValuesNamingTheOptionTheValueAndWhatIsAllowed() {
        SuggestMojo empty = goal(new SuggestMojo());
        empty.runs = "all";
        empty.minRuns = "8";
        empty.halfOpenAfter = "60s..10s";
        assertThatThrownBy(empty::execute).isInstanceOf(MojoFailureException.class).hasMessageStartingWith(
                "-Dtripswitch.halfOpenAfter=60s..10s is refused: the range is empty (60s is longer than 10s); must be"
                        + " a range low..high (low at most high) or a list of durations");

        SuggestMojo few = goal(new SuggestMojo());
        few.runs = "all";
        few.minRuns = "1";
        assertThatThrownBy(few::execute).hasMessage("-Dtripswitch.minRuns=1 is refused: must be a whole number from 2"
                + " to 100000 (one run to fit on, one to check on)");

        SuggestMojo unknown = goal(new SuggestMojo());
        unknown.runs = "all";
        unknown.minRuns = "8";
        unknown.circuit = "payments";
        assertThatThrownBy(unknown::execute).hasMessage("-Dtripswitch.circuit=payments is refused: no circuit of that"
                + " name in these runs; they have shop");

        SuggestMojo typo = goal(new SuggestMojo(), "tripswitch.failureTreshold", "2..5");
        assertThatThrownBy(typo::execute).hasMessageStartingWith("-Dtripswitch.failureTreshold=2..5 is refused: no"
                + " option of this goal; its options are -Dtripswitch.allowBlipOpenings, -Dtripswitch.circuit,"
                + " -Dtripswitch.failureThreshold, -Dtripswitch.halfOpenAfter");
    }

    // ------------------------------------------------------------------ helpers

    /** A run of ten tests on circuit shop; {@code outage}: the third failed, opened it, and it closed at a probe. */
    private static RunRecord run(String id, Instant start, boolean outage) {
        List<TestMark> marks = new ArrayList<>();
        List<CircuitRecord.Transition> transitions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = start.plusSeconds(i);
            boolean fails = outage && i == 2;
            marks.add(new TestMark("junit5", "ShopTest", "t" + i + "()", null, fails ? TestMark.Fate.FAILED_COUNTED
                    : TestMark.Fate.PASSED, at, 900, 0, outage && i == 3, false, fails
                    ? "java.net.ConnectException: refused" : null));
        }
        if (outage) {
            CircuitRecord.Failure f = new CircuitRecord.Failure(start.plusSeconds(2), "java.net.ConnectException",
                    "refused");
            transitions.add(new CircuitRecord.Transition(CircuitState.CLOSED, CircuitState.OPEN, start.plusSeconds(2),
                    "1 consecutive failure", List.of(f)));
            transitions.add(new CircuitRecord.Transition(CircuitState.OPEN, CircuitState.HALF_OPEN,
                    start.plusSeconds(3), "wait elapsed", List.of()));
            transitions.add(new CircuitRecord.Transition(CircuitState.HALF_OPEN, CircuitState.CLOSED,
                    start.plusMillis(3900), "1 successful probe", List.of()));
        }
        CircuitRecord shop = new CircuitRecord("shop", "memory", CircuitState.CLOSED, Map.of(), transitions, List.of(),
                marks);
        return new RunRecord(id, "part-1", start, start.plusSeconds(11), new RunRecord.Jvm("ci", 7, "17", "/w", null,
                List.of("junit5")), List.of(shop));
    }

    /** A Maven log that keeps the lines of info and above. */
    private record Lines(List<String> lines) implements Log {
        public boolean isDebugEnabled() { return false; }
        public void debug(CharSequence c) { }
        public void debug(CharSequence c, Throwable t) { }
        public void debug(Throwable t) { }
        public boolean isInfoEnabled() { return true; }
        public void info(CharSequence c) { lines.add(c.toString()); }
        public void info(CharSequence c, Throwable t) { lines.add(c.toString()); }
        public void info(Throwable t) { lines.add(t.toString()); }
        public boolean isWarnEnabled() { return true; }
        public void warn(CharSequence c) { lines.add(c.toString()); }
        public void warn(CharSequence c, Throwable t) { lines.add(c.toString()); }
        public void warn(Throwable t) { lines.add(t.toString()); }
        public boolean isErrorEnabled() { return true; }
        public void error(CharSequence c) { lines.add(c.toString()); }
        public void error(CharSequence c, Throwable t) { lines.add(c.toString()); }
        public void error(Throwable t) { lines.add(t.toString()); }
    }
}
