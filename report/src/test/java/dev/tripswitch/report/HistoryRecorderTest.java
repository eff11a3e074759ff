package dev.tripswitch.report;

import dev.tripswitch.report.history.HistorySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a run as core hands it over: the record kept, the retention applied (the reports of the runs it removes
 * go with them), the report written; a damaged history file is one warning and the run's record is kept anyway.
 */
class HistoryRecorderTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private final Properties before = (Properties) System.getProperties().clone();
    private final HistoryRecorder recorder = new HistoryRecorder();

    @BeforeEach
    void historyInATempFolder() {
        System.setProperty(HistorySettings.HISTORY, dir.toString());
        System.setProperty(HistorySettings.REPORT, "true");
    }

    @AfterEach
    void restore() {
        for (String key : List.of(HistorySettings.HISTORY, HistorySettings.REPORT, HistorySettings.KEEP)) {
            if (before.getProperty(key) == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before.getProperty(key));
            }
        }
    }

    @Test
    void theRecordIsKept_theRetentionApplied_andTheReportsOfRemovedRunsGoWithThem() throws Exception {
        System.setProperty(HistorySettings.KEEP, "2");
        for (int i = 1; i <= 3; i++) {
            List<String> lines = recorder.runEnded(Records.part("run-" + i, "p", T0.plusSeconds(i), 30));
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).isEqualTo("Tripswitch: run report: " + dir.resolve("reports/run-" + i + ".html"));
            Thread.sleep(5); // distinct times of writing: the oldest run is the first written
        }
        try (var runs = Files.list(dir.resolve("runs"))) {
            assertThat(runs.map(p -> p.getFileName().toString()).sorted()).containsExactly("run-2", "run-3");
        }
        try (var reports = Files.list(dir.resolve("reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString()).sorted()).containsExactly("run-2.html",
                    "run-3.html");
        }
        assertThat(RunReports.lastWritten()).contains(dir.resolve("reports/run-3.html"));
    }

    @Test
    void aDamagedFileInTheHistory_isOneWarning_andTheRunsRecordIsKeptAnyway() throws Exception {
        Files.createDirectories(dir.resolve("runs/old-run"));
        Files.writeString(dir.resolve("runs/old-run/p.json.gz"), "{\"truncat");
        List<String> lines = recorder.runEnded(Records.part("run-1", "p", T0, 30));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("Tripswitch: WARNING: history file " + dir.resolve(
                "runs/old-run/p.json.gz") + " is corrupted: it is not gzip-compressed");
        assertThat(lines.get(1)).startsWith("Tripswitch: run record: " + dir.resolve("runs/run-1/p.json.gz"));
        assertThat(lines.get(2)).startsWith("Tripswitch: run report: ");
        assertThat(dir.resolve("damaged/old-run/p.json.gz")).hasContent("{\"truncat");
        assertThat(recorder.runEnded(Records.part("run-2", "p", T0, 30))).as("moved aside: no second warning")
                .noneMatch(l -> l.contains("WARNING"));
    }

    @Test
    void aHistoryThatCannotBeWritten_isOneWarning_neverAnException() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        System.setProperty(HistorySettings.HISTORY, file.toString());
        assertThat(recorder.runEnded(Records.part("run-1", "p", T0, 30))).singleElement().asString()
                .isEqualTo("Tripswitch: WARNING: this run's record was not kept: tripswitch.history=" + file
                        + " (system property) is refused: must be a folder that can be created and written (or off,"
                        + " or a history store URI), but " + file + " is a file");
        System.setProperty(HistorySettings.HISTORY, "off");
        assertThat(recorder.wantsRecords()).isFalse();
        assertThat(recorder.runEnded(Records.part("run-1", "p", T0, 30))).isEmpty();
    }
}
