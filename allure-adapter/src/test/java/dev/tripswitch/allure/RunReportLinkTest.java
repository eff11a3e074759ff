package dev.tripswitch.allure;

import dev.tripswitch.history.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The Allure report's environment names the run's Tripswitch report, and keeps the user's own entries. */
class RunReportLinkTest {

    @TempDir
    Path dir;
    private ResultsDirectoryForTests results;

    private final Properties before = (Properties) System.getProperties().clone();

    @AfterEach
    void restore() {
        results.restore();
        for (String key : List.of("tripswitch.history", "tripswitch.history.report")) {
            if (before.getProperty(key) == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before.getProperty(key)); // what the build set
            }
        }
    }

    @Test
    void theEnvironmentGetsTheRunReportsAddress_replacingAnEarlierRunsOne() throws Exception {
        results = ResultsDirectoryForTests.use(dir.resolve("allure-results"));
        System.setProperty("tripswitch.history", dir.resolve("history").toString());
        System.setProperty("tripswitch.history.report", "true");
        Files.createDirectories(dir.resolve("allure-results"));
        Files.writeString(dir.resolve("allure-results/environment.properties"), "Browser=Chromium 156\n");
        RunReportLink link = new RunReportLink();
        assertThat(link.wantsRecords()).isTrue();
        link.runEnded(record("run-1"));
        link.runEnded(record("run-2"));

        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("allure-results/environment.properties"))) {
            env.load(r);
        }
        assertThat(env).containsEntry("Browser", "Chromium 156")
                .containsEntry("Tripswitch run report", dir.resolve("history/reports/run-2.html").toUri().toString())
                .hasSize(2);
    }

    @Test
    void noReport_noLink_andNoRecordWanted() {
        results = ResultsDirectoryForTests.use(dir.resolve("allure-results"));
        System.setProperty("tripswitch.history", "off");
        assertThat(new RunReportLink().wantsRecords()).isFalse();
        new RunReportLink().runEnded(record("run-1"));
        assertThat(dir.resolve("allure-results/environment.properties")).doesNotExist();
    }

    private static RunRecord record(String id) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new RunRecord(id, "p", t, t, new RunRecord.Jvm("h", 1, "17", "/", null, List.of()), List.of());
    }
}
