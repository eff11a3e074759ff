package dev.tripswitch.report;

import dev.tripswitch.history.RunRecord;
import dev.tripswitch.report.history.HistorySettings;
import dev.tripswitch.report.history.HistoryStore;
import dev.tripswitch.report.history.Parts;
import dev.tripswitch.report.history.RunHistory;
import dev.tripswitch.spi.RunRecordListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps each run's record in the run history and writes the run's HTML report: core hands it the record at the end
 * of the run ({@link RunRecordListener}, found with {@link java.util.ServiceLoader}); its lines — where the record
 * went, the report's path, and any warning — are printed with the run's summary. Nothing here fails a run: bad
 * settings, a history that cannot be written and damaged history files each become one warning line.
 */
public final class HistoryRecorder implements RunRecordListener {

    /** Records are wanted unless the history is off; bad settings are reported at the end of the run. */
    @Override
    public boolean wantsRecords() {
        try {
            return !HistorySettings.fromSystem(loader(), workingDirectory()).isOff();
        } catch (IllegalArgumentException bad) {
            return true;
        }
    }

    @Override
    public List<String> runEnded(RunRecord record) {
        HistorySettings settings;
        try {
            settings = HistorySettings.fromSystem(loader(), workingDirectory());
        } catch (IllegalArgumentException bad) {
            return List.of(warning("this run's record was not kept: " + bad.getMessage()));
        }
        if (settings.isOff()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (HistoryStore store = settings.open(loader())) {
            RunHistory history = new RunHistory(store);
            String where = history.write(Parts.of(record));
            history.retain(settings.keep(), settings.maxBytes(), record.runId());
            List<RunHistory.RunEntry> kept = history.entries();
            String line = "Tripswitch: run record: " + where + " (run " + record.runId() + "; the history keeps "
                    + kept.size() + (kept.size() == 1 ? " run, " : " runs, ")
                    + megabytes(kept.stream().mapToLong(RunHistory.RunEntry::bytes).sum()) + " of at most "
                    + settings.keep() + " runs and " + megabytes(settings.maxBytes()) + ")";
            Path report = settings.writesReport()
                    ? RunReports.writeEndOfRun(history, settings.reportsFolder(workingDirectory(), System::getenv),
                    record.runId()) : null;
            history.warnings().forEach(w -> lines.add(warning(w)));
            lines.add(line);
            if (report != null) {
                lines.add("Tripswitch: run report: " + report);
            }
        } catch (IllegalArgumentException bad) {
            lines.add(warning("this run's record was not kept: " + bad.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            lines.add(warning("this run's record was not kept in " + settings.describe() + ": " + e
                    + "; the run's results are not affected"));
        }
        return lines;
    }

    private static String warning(String what) {
        return "Tripswitch: WARNING: " + what;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : HistoryRecorder.class.getClassLoader();
    }

    static Path workingDirectory() {
        return Path.of(System.getProperty("user.dir"));
    }
}
