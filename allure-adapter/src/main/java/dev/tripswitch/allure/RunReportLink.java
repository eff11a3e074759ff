package dev.tripswitch.allure;

import dev.tripswitch.history.RunRecord;
import dev.tripswitch.report.RunReports;
import dev.tripswitch.spi.RunRecordListener;

import java.util.List;

/**
 * Links the Allure report to Tripswitch's run report: at the end of each run, {@code environment.properties} of
 * the Allure results gets the entry {@value #KEY} with the run report's address, shown on the Allure report's
 * overview. Nothing when the history or its reports are off. Loaded by {@link java.util.ServiceLoader}.
 */
public final class RunReportLink implements RunRecordListener {

    static final String KEY = "Tripswitch run report";

    @Override
    public boolean wantsRecords() {
        return RunReports.pathFor("any").isPresent();
    }

    @Override
    public List<String> runEnded(RunRecord record) {
        RunReports.pathFor(record.runId()).ifPresent(report ->
                AllureResultsFiles.setEnvironmentEntry(KEY.replace(" ", "\\ "), report.toUri().toString()));
        return List.of();
    }
}
