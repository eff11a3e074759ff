package dev.tripswitch.bench.outage;

import dev.tripswitch.bench.report.OutageRun;

import java.util.List;

/** Turns the per-test record of one suite run into an {@link OutageRun}; shared by the real run and the simulation. */
public final class OutageAnalysis {

    private OutageAnalysis() {
    }

    /**
     * @param downMs when the app went down, from the suite's start (NaN if it never did)
     * @param upMs   when it came back (NaN if it never did before the suite ended)
     * @param events the circuit's transitions, from the suite's start
     */
    public static OutageRun analyse(String arm, int repetition, List<OutageRun.TestResult> results, double wallMs,
                                    double downMs, double upMs, double jvmCpuMs, double browserCpuMs,
                                    int browserLaunches, double peakRssMb, List<OutageRun.CircuitEvent> events) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        double doomed = 0;
        int afterReturn = 0;
        int skippedAfterReturn = 0;
        Double resume = null;
        for (OutageRun.TestResult t : results) {
            switch (t.outcome()) {
                case "PASSED" -> passed++;
                case "FAILED" -> failed++;
                default -> skipped++;
            }
            if (!"PASSED".equals(t.outcome())) {
                doomed += t.durationMs();
            }
            if (!Double.isNaN(upMs) && t.startMs() >= upMs) {
                afterReturn++;
                if ("SKIPPED".equals(t.outcome())) {
                    skippedAfterReturn++;
                }
            }
            double end = t.startMs() + t.durationMs();
            if (resume == null && !Double.isNaN(upMs) && "PASSED".equals(t.outcome()) && end >= upMs) {
                resume = end - upMs;
            }
        }
        return new OutageRun(arm, repetition, results.size(), passed, failed, skipped, wallMs, doomed, downMs, upMs,
                resume, afterReturn, skippedAfterReturn, jvmCpuMs, browserCpuMs, browserLaunches, peakRssMb, results, events);
    }
}
