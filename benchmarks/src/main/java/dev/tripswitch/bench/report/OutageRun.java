package dev.tripswitch.bench.report;

import java.util.List;

/**
 * One run of the outage suite in one arm.
 *
 * @param arm                   {@code WITH_CIRCUIT_BREAKER} or {@code WITHOUT_CIRCUIT_BREAKER}
 * @param repetition            from 1
 * @param tests                 tests in the suite
 * @param passed                tests passed
 * @param failed                tests failed
 * @param skipped               tests skipped (refused by the circuit)
 * @param wallMs                the suite's wall time
 * @param doomedMs              time spent in tests that could not pass (failed or skipped)
 * @param outageStartMs         when the app went down, from the suite's start
 * @param outageEndMs           when it came back
 * @param resumeMs              from the app's return to the end of the first test that passed after it;
 *                              {@code null} when no test passed after the return
 * @param testsAfterReturn      tests that started after the app came back
 * @param skippedAfterReturn    of those, tests skipped (they might have passed)
 * @param jvmCpuMs              CPU time of this JVM during the suite
 * @param browserCpuMs          CPU time of browser and driver processes during the suite
 * @param browserLaunches       browsers started during the suite
 * @param peakBrowserRssMb      peak resident memory of browser and driver processes
 * @param results               every test, in execution order
 */
public record OutageRun(String arm, int repetition, int tests, int passed, int failed, int skipped, double wallMs,
                        double doomedMs, double outageStartMs, double outageEndMs, Double resumeMs,
                        int testsAfterReturn, int skippedAfterReturn, double jvmCpuMs, double browserCpuMs, int browserLaunches,
                        double peakBrowserRssMb, List<TestResult> results) {

    public OutageRun {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /**
     * One test of the suite.
     *
     * @param index      the test's number
     * @param outcome    {@code PASSED}, {@code FAILED} or {@code SKIPPED}
     * @param startMs    start, from the suite's start
     * @param durationMs how long it took
     * @param reason     the failure's first line or the skip reason, or {@code null}
     */
    public record TestResult(int index, String outcome, double startMs, double durationMs, String reason) {
    }
}
