package dev.tripswitch.report;

import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.HistorySettings;
import dev.tripswitch.report.history.RunHistory;
import dev.tripswitch.report.html.RunReportPage;
import dev.tripswitch.report.suggest.ReportAdvice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The HTML run reports: one per run, {@code reports/<run id>.html} beside the history's runs, written at the end of
 * each run (and by the command over any range of runs). Reports of runs the retention removed go with them.
 */
public final class RunReports {

    /** How many runs the trends of an end-of-run report cover, at most: the newest. */
    public static final int TREND_RUNS = 100;

    private static final AtomicReference<Path> LAST = new AtomicReference<>();

    private RunReports() {
    }

    /** The last report this JVM wrote, if any. */
    public static Optional<Path> lastWritten() {
        return Optional.ofNullable(LAST.get());
    }

    /**
     * Where the report of run {@code runId} is written under the settings in force in this JVM; empty when the
     * history or its reports are off, or the settings are bad.
     */
    public static Optional<Path> pathFor(String runId) {
        try {
            HistorySettings s = HistorySettings.fromSystem(HistoryRecorder.loader(), HistoryRecorder.workingDirectory());
            if (s.isOff() || !s.writesReport()) {
                return Optional.empty();
            }
            return Optional.of(s.reportsFolder(HistoryRecorder.workingDirectory(), System::getenv)
                    .resolve(runId + ".html"));
        } catch (IllegalArgumentException bad) {
            return Optional.empty();
        }
    }

    /**
     * Writes the report of run {@code runId} into {@code folder}: the run with its tests, and the trends of the
     * newest {@value #TREND_RUNS} runs of {@code history}. Reads again and rewrites when another JVM added a part of
     * the run meanwhile (the forks of one build end close together), so the last writer's report holds every part.
     */
    static Path writeEndOfRun(RunHistory history, Path folder, String runId) throws IOException {
        Path target = folder.resolve(runId + ".html");
        for (int attempt = 0; attempt < 3; attempt++) {
            List<HistoryRun> all = history.runs(id -> true, false);
            List<HistoryRun> trend = all.subList(Math.max(0, all.size() - TREND_RUNS), all.size());
            List<HistoryRun> full = history.runs(runId::equals, true);
            if (full.isEmpty()) {
                throw new IOException("run " + runId + " is not in the history " + history.store().description());
            }
            ReportAdvice.Outcome advice = ReportAdvice.of(history, trend);
            write(target, RunReportPage.render(full.get(0), trend, history.store().description(), Instant.now(),
                    advice.advice(), advice.whyNone()));
            int parts = history.runs(runId::equals, false).stream().mapToInt(r -> r.parts().size()).sum();
            if (parts == full.get(0).parts().size()) {
                break;
            }
        }
        removeReportsOfRunsGone(history, folder);
        LAST.set(target);
        return target;
    }

    /** Writes {@code html} to {@code target} through a temporary file, so a reader never sees half a page. */
    static void write(Path target, String html) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void removeReportsOfRunsGone(RunHistory history, Path folder) throws IOException {
        Set<String> kept = history.entries().stream().map(RunHistory.RunEntry::runId).collect(Collectors.toSet());
        try (DirectoryStream<Path> reports = Files.newDirectoryStream(folder, "*.html")) {
            for (Path r : reports) {
                String name = r.getFileName().toString();
                if (!kept.contains(name.substring(0, name.length() - ".html".length()))) {
                    Files.deleteIfExists(r);
                }
            }
        }
    }
}
