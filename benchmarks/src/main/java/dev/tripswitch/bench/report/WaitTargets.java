package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.stats.Stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Issue 13's four targets for the {@code WAIT + health check} arm, each from the medians of one report's runs:
 * <ol>
 *   <li>failures reported ≤ the circuit's {@code failureThreshold};</li>
 *   <li>tests passed ≥ the tests passed without the circuit breaker (no coverage lost);</li>
 *   <li>the shop's return → the end of the first passing test ≤ {@code healthCheckInterval} + one test;</li>
 *   <li>wall time ≤ the no-outage arm's wall time + the time the shop was down + {@code healthCheckInterval} +
 *       one test.</li>
 * </ol>
 * "One test" is the median duration of the passed tests of the no-outage arm (of the WAIT arm's, when there is no
 * reference arm); "the time the shop was down" the median over the WAIT arm's runs of return − outage start.
 * A target whose other arm is missing from the report is left out; none at all without a WAIT arm.
 */
public final class WaitTargets {

    private WaitTargets() {
    }

    public static List<Summary.Target> of(List<OutageRun> runs, int failureThreshold, double intervalMs) {
        List<OutageRun> wait = arm(runs, OutageArm.WITH_CIRCUIT_BREAKER_WAIT);
        if (wait.isEmpty()) {
            return List.of();
        }
        List<OutageRun> without = arm(runs, OutageArm.WITHOUT_CIRCUIT_BREAKER);
        List<OutageRun> reference = arm(runs, OutageArm.NO_OUTAGE);
        double oneTest = oneTestMs(reference.isEmpty() ? wait : reference);
        List<Summary.Target> out = new ArrayList<>();
        double failed = median(wait, OutageRun::failed);
        out.add(new Summary.Target("failures reported", failed, failureThreshold, false, "tests",
                "the circuit's failureThreshold", failed <= failureThreshold));
        if (!without.isEmpty()) {
            double passed = median(wait, OutageRun::passed);
            double baseline = median(without, OutageRun::passed);
            out.add(new Summary.Target("tests passed", passed, baseline, true, "tests",
                    "tests passed without the circuit breaker", passed >= baseline));
        }
        Double resume = medianResume(wait);
        double resumeLimit = intervalMs + oneTest;
        out.add(new Summary.Target("shop's return → first passing test", resume, resumeLimit, false, "ms",
                String.format(Locale.ROOT, "healthCheckInterval %s + one test %s", secs(intervalMs), secs(oneTest)),
                resume != null && resume <= resumeLimit));
        if (!reference.isEmpty()) {
            double wall = median(wait, OutageRun::wallMs);
            double referenceWall = median(reference, OutageRun::wallMs);
            double down = median(wait.stream().filter(r -> !Double.isNaN(r.outageStartMs())
                    && !Double.isNaN(r.outageEndMs())).toList(), r -> r.outageEndMs() - r.outageStartMs());
            double limit = referenceWall + down + intervalMs + oneTest;
            out.add(new Summary.Target("wall time", wall, limit, false, "ms", String.format(Locale.ROOT,
                    "no-outage wall %s + shop down %s + healthCheckInterval %s + one test %s", secs(referenceWall),
                    secs(down), secs(intervalMs), secs(oneTest)), wall <= limit));
        }
        return out;
    }

    private static List<OutageRun> arm(List<OutageRun> runs, OutageArm arm) {
        return runs.stream().filter(r -> arm.name().equals(r.arm())).toList();
    }

    /** The median duration of every passed test of these runs, pooled. */
    static double oneTestMs(List<OutageRun> runs) {
        return Stats.of(runs.stream().flatMap(r -> r.results().stream()).filter(t -> "PASSED".equals(t.outcome()))
                .map(OutageRun.TestResult::durationMs).toList()).median();
    }

    /** NaN when there are no runs: a bound made of it keeps nothing. */
    private static double median(List<OutageRun> runs, java.util.function.ToDoubleFunction<OutageRun> f) {
        return runs.isEmpty() ? Double.NaN : Stats.of(runs.stream().map(r -> f.applyAsDouble(r)).toList()).median();
    }

    /** The median resume time, a run in which no test passed after the return counting as endless. */
    private static Double medianResume(List<OutageRun> runs) {
        List<Double> v = new ArrayList<>();
        for (OutageRun r : runs) {
            v.add(r.resumeMs() == null ? Double.POSITIVE_INFINITY : r.resumeMs());
        }
        Collections.sort(v);
        int n = v.size();
        double m = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return Double.isInfinite(m) ? null : m;
    }

    static String secs(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
}
