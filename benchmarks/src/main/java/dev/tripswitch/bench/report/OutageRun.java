package dev.tripswitch.bench.report;

import java.util.List;

/**
 * One run of the outage suite in one arm.
 *
 * @param arm                   an {@link dev.tripswitch.bench.outage.OutageArm}'s name
 * @param repetition            from 1
 * @param tests                 tests in the suite
 * @param passed                tests passed
 * @param failed                tests failed
 * @param skipped               tests skipped (refused by the circuit)
 * @param wallMs                the suite's wall time
 * @param doomedMs              time spent in tests that could not pass (failed or skipped)
 * @param outageStartMs         when the app went down, from the suite's start (NaN: it never did)
 * @param outageEndMs           when it came back (NaN: it never did before the suite ended)
 * @param resumeMs              from the app's return to the end of the first test that passed after it;
 *                              {@code null} when no test passed after the return
 * @param testsAfterReturn      tests that started after the app came back
 * @param skippedAfterReturn    of those, tests skipped (they might have passed)
 * @param jvmCpuMs              CPU time of this JVM during the suite
 * @param browserCpuMs          CPU time of browser and driver processes during the suite
 * @param browserLaunches       browsers started during the suite
 * @param peakBrowserRssMb      peak resident memory of browser and driver processes
 * @param results               every test, in execution order
 * @param circuitEvents         the circuit's state transitions during the suite, in order (none without the
 *                              circuit breaker; absent from reports older than the field)
 */
public record OutageRun(String arm, int repetition, int tests, int passed, int failed, int skipped, double wallMs,
                        double doomedMs, double outageStartMs, double outageEndMs, Double resumeMs,
                        int testsAfterReturn, int skippedAfterReturn, double jvmCpuMs, double browserCpuMs, int browserLaunches,
                        double peakBrowserRssMb, List<TestResult> results, List<CircuitEvent> circuitEvents) {

    public OutageRun {
        results = results == null ? List.of() : List.copyOf(results);
        circuitEvents = circuitEvents == null ? List.of() : List.copyOf(circuitEvents);
    }

    /** How many probes failed: transitions from HALF_OPEN back to OPEN. */
    public int failedProbes() {
        return (int) circuitEvents.stream().filter(e -> "HALF_OPEN".equals(e.from()) && "OPEN".equals(e.to())).count();
    }

    /** The median duration of this run's passed tests (0 when none passed). */
    public double medianPassedTestMs() {
        return dev.tripswitch.bench.stats.Stats.of(results.stream().filter(t -> "PASSED".equals(t.outcome()))
                .map(TestResult::durationMs).toList()).median();
    }

    /**
     * One test of the suite.
     *
     * @param index      the test's number
     * @param outcome    {@code PASSED}, {@code FAILED} or {@code SKIPPED}
     * @param startMs    start, from the suite's start
     * @param durationMs how long it took
     * @param reason     the failure's first line or the skip reason, or {@code null}
     * @param circuit    the test's circuit; {@code null} in reports older than the field, where every test was
     *                   under the suite's one circuit
     */
    public record TestResult(int index, String outcome, double startMs, double durationMs, String reason,
                             String circuit) {

        /** A test under the suite's one circuit. */
        public TestResult(int index, String outcome, double startMs, double durationMs, String reason) {
            this(index, outcome, startMs, durationMs, reason, null);
        }

        /** When the outcome was known, from the suite's start. */
        public double endMs() {
            return startMs + durationMs;
        }
    }

    /**
     * One state transition of the suite's circuit.
     *
     * @param atMs from the suite's start
     * @param from {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param to     the same
     * @param reason why, as the circuit gave it (a due probe, a healthy health check, the failures; absent from
     *               reports older than the field)
     */
    public record CircuitEvent(double atMs, String from, String to, String reason) {
    }
}
