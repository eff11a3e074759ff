package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageScenario;
import dev.tripswitch.bench.stats.Stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import static dev.tripswitch.bench.report.WaitTargets.secs;

/**
 * Issue 21's targets, per arm with the circuit breaker (SKIP, WAIT and SKIP + replay, with and without a health check),
 * each from the medians of one report's runs:
 * <ul>
 *   <li>transient outage (and the parallel scenario, which has one): tests passed ≥ the tests passed without the
 *       circuit breaker (no coverage lost); failures reported ≤ {@code failureThreshold}; wall time ≤ the
 *       no-outage wall + the outage + one health-check interval + one test;</li>
 *   <li>the dependency never returns: wall time ≤ the wall time without the circuit breaker; failures reported ≤
 *       {@code failureThreshold} + the failed probes (transitions from HALF_OPEN back to OPEN);</li>
 *   <li>parallel: the tests on the healthy dependency are not held — as many of them finish during the outage as in
 *       the same stretch of the no-outage run (or all those still to run when it began, if fewer), and the last of
 *       them ends no later than there plus the time the failed tests held the threads (their time over the
 *       threads) plus one test. With tests on several threads, the failures bound allows the tests in flight on
 *       the other threads when the circuit opens.</li>
 * </ul>
 * "One test" is the median duration of the no-outage arm's passed tests (of the arm's own, without a reference);
 * "the outage" the median, over the report's runs that saw the dependency go down and come back, of the time it
 * was down (the configured window when none saw both). A target whose other arm is missing is left out.
 */
public final class ScenarioTargets {

    /** The arms the targets are for, in the report's order. */
    static final List<OutageArm> ARMS = List.of(OutageArm.WITH_CIRCUIT_BREAKER, OutageArm.WITH_CIRCUIT_BREAKER_WAIT,
            OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, OutageArm.WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH, OutageArm.WITH_CIRCUIT_BREAKER_REPLAY,
            OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH);

    private ScenarioTargets() {
    }

    /**
     * @param downAfterMs the dependency went down this long after the first test started
     * @param windowMs    for this long (transient and parallel scenarios)
     */
    public static List<Summary.ArmTargets> of(List<OutageRun> runs, OutageSetup setup, double downAfterMs,
                                              double windowMs) {
        OutageScenario scenario = setup.outageScenario();
        List<OutageRun> without = arm(runs, OutageArm.WITHOUT_CIRCUIT_BREAKER);
        List<OutageRun> reference = arm(runs, OutageArm.NO_OUTAGE);
        List<Summary.ArmTargets> out = new ArrayList<>();
        for (OutageArm a : ARMS) {
            List<OutageRun> mine = arm(runs, a);
            if (mine.isEmpty()) {
                continue;
            }
            List<Summary.Target> targets = new ArrayList<>();
            if (scenario.returns()) {
                transientTargets(targets, runs, mine, without, reference, setup, windowMs);
            } else {
                neverReturnsTargets(targets, mine, without, setup);
            }
            if (a.earlyWarning() && scenario.returns() && !scenario.parallel()) {
                earlyWarningTargets(targets, mine, reference, setup, scenario);
            }
            if (scenario.parallel() && !reference.isEmpty()) {
                neighbourTargets(targets, mine, reference, setup, downAfterMs, windowMs);
            }
            out.add(new Summary.ArmTargets(a.name(), scenario.id(), targets));
        }
        return out;
    }

    private static void transientTargets(List<Summary.Target> out, List<OutageRun> all, List<OutageRun> mine,
                                         List<OutageRun> without, List<OutageRun> reference, OutageSetup setup,
                                         double windowMs) {
        if (!without.isEmpty()) {
            double passed = median(mine, OutageRun::passed);
            double baseline = median(without, OutageRun::passed);
            out.add(new Summary.Target("tests passed", passed, baseline, true, "tests",
                    "tests passed without the circuit breaker", passed >= baseline));
        }
        double failed = median(mine, OutageRun::failed);
        int inFlight = Math.max(1, setup.parallelThreads()) - 1;
        double failureLimit = setup.failureThreshold() + inFlight;
        out.add(new Summary.Target("failures reported", failed, failureLimit, false, "tests", inFlight == 0
                ? "the circuit's failureThreshold" : String.format(Locale.ROOT, "failureThreshold %d + tests in flight"
                + " on the other threads %d", setup.failureThreshold(), inFlight), failed <= failureLimit));
        if (!reference.isEmpty()) {
            double wall = median(mine, OutageRun::wallMs);
            double referenceWall = median(reference, OutageRun::wallMs);
            double down = outageLengthMs(all, windowMs);
            double oneTest = WaitTargets.oneTestMs(reference);
            double interval = setup.healthCheckIntervalMs();
            double limit = referenceWall + down + interval + oneTest;
            out.add(new Summary.Target("wall time", wall, limit, false, "ms", String.format(Locale.ROOT,
                    "no-outage wall %s + outage %s + health interval %s + one test %s", secs(referenceWall),
                    secs(down), secs(interval), secs(oneTest)), wall <= limit));
        }
    }

    /**
     * Issue 24's targets for the early-warning arm. Down at the start: no failure at all, and the first test passed
     * after the dependency came back ends within one health-check interval + one test of its return. Down mid-run:
     * fewer failures than {@code failureThreshold}, and no more than the tests the check cannot have stopped. The
     * check is asked by tests as they start (no timer threads): the tests already running when the outage began
     * fail, those that start within one interval of it may go unasked, and the one whose start asks first runs on
     * the first unhealthy answer; the next start confirms it ({@value #UNHEALTHY_THRESHOLD} answers,
     * {@code unhealthyThreshold}'s default) and is refused. So the bound is: in flight at the outage + started
     * within one interval of it + ({@code unhealthyThreshold} - 1).
     */
    private static void earlyWarningTargets(List<Summary.Target> out, List<OutageRun> mine, List<OutageRun> reference,
                                            OutageSetup setup, OutageScenario scenario) {
        double failed = median(mine, OutageRun::failed);
        double interval = setup.healthCheckIntervalMs();
        if (scenario.downAtStart()) {
            out.add(new Summary.Target("failures reported (early warning)", failed, 0, false, "tests",
                    "none: the health check is asked before the first test", failed == 0));
            // every test waited for the return, so the first to pass is the suite's first, with its class set-up
            // (the browser starts there): the no-outage run takes as long from its start to its first test's end
            double afterReturn = median(mine, ScenarioTargets::firstPassAfterReturnMs);
            double firstTest = reference.isEmpty() ? WaitTargets.oneTestMs(mine)
                    : median(reference, ScenarioTargets::firstTestEndMs);
            double limit = interval + firstTest;
            out.add(new Summary.Target("first test passed after the return", afterReturn, limit, false, "ms",
                    String.format(Locale.ROOT, "health interval %s + %s %s", secs(interval), reference.isEmpty()
                            ? "one test" : "the no-outage run's start to its first test's end", secs(firstTest)),
                    afterReturn <= limit));
            return;
        }
        double unstoppable = median(mine, r -> startedWithin(r, interval)) + UNHEALTHY_THRESHOLD - 1;
        out.add(new Summary.Target("failures reported (early warning)", failed, unstoppable, false, "tests",
                String.format(Locale.ROOT, "tests in flight at the outage or started within one health interval %s"
                        + " of it + unhealthyThreshold %d - 1", secs(interval), UNHEALTHY_THRESHOLD),
                failed <= unstoppable));
        double below = setup.failureThreshold() - 1;
        out.add(new Summary.Target("failures reported below failureThreshold", failed, below, false, "tests",
                "failureThreshold " + setup.failureThreshold() + " - 1", failed <= below));
    }

    /** {@code unhealthyThreshold}'s default, which the benchmark's early-warning arm keeps. */
    static final int UNHEALTHY_THRESHOLD = 2;

    /** When the first test of {@code r} ended, from the suite's start (its class set-up started the browser). */
    static double firstTestEndMs(OutageRun r) {
        return r.results().stream().min(java.util.Comparator.comparingDouble(OutageRun.TestResult::startMs))
                .map(OutageRun.TestResult::endMs).orElse(Double.NaN);
    }

    /** From the dependency's return to the end of the first test that passed after it; NaN if none did. */
    static double firstPassAfterReturnMs(OutageRun r) {
        double up = r.outageEndMs();
        return r.results().stream().filter(t -> "PASSED".equals(t.outcome()) && t.endMs() >= up)
                .mapToDouble(t -> t.endMs() - up).min().orElse(Double.NaN);
    }

    /**
     * Tests of {@code r} that ran into the outage's first {@code ms}: in flight when it began, or started within
     * {@code ms} of it (refused ones left out).
     */
    static double startedWithin(OutageRun r, double ms) {
        double down = r.outageStartMs();
        return r.results().stream().filter(t -> !"SKIPPED".equals(t.outcome()) && t.endMs() >= down
                && t.startMs() <= down + ms).count();
    }

    private static void neverReturnsTargets(List<Summary.Target> out, List<OutageRun> mine, List<OutageRun> without,
                                            OutageSetup setup) {
        if (!without.isEmpty()) {
            double wall = median(mine, OutageRun::wallMs);
            double baseline = median(without, OutageRun::wallMs);
            out.add(new Summary.Target("wall time", wall, baseline, false, "ms",
                    "wall time without the circuit breaker", wall <= baseline));
        }
        double failed = median(mine, OutageRun::failed);
        double probes = median(mine, OutageRun::failedProbes);
        double limit = setup.failureThreshold() + probes;
        out.add(new Summary.Target("failures reported", failed, limit, false, "tests", String.format(Locale.ROOT,
                "failureThreshold %d + failed probes %s", setup.failureThreshold(), count(probes)), failed <= limit));
    }

    private static void neighbourTargets(List<Summary.Target> out, List<OutageRun> mine, List<OutageRun> reference,
                                         OutageSetup setup, double downAfterMs, double windowMs) {
        String circuit = setup.circuit();
        double during = median(mine, r -> HealthyNeighbour.finishedBetween(r, circuit, downMs(r, downAfterMs),
                upMs(r, downAfterMs, windowMs)));
        double left = median(mine, r -> HealthyNeighbour.tests(r, circuit).size()
                - HealthyNeighbour.finishedBetween(r, circuit, Double.NEGATIVE_INFINITY, downMs(r, downAfterMs) - 1e-9));
        double sameStretch = median(reference, r -> {
            double down = HealthyNeighbour.firstStartMs(r) + downAfterMs;
            return HealthyNeighbour.finishedBetween(r, circuit, down, down + windowMs);
        });
        double bound = Math.min(sameStretch, left);
        out.add(new Summary.Target("healthy-dependency tests finished during the outage", during, bound, true,
                "tests", String.format(Locale.ROOT, "the fewer of the no-outage run's healthy-dependency tests"
                + " finished in the same stretch (%s) and those still to run when the outage began (%s)",
                count(sameStretch), count(left)), during >= bound));
        double last = median(mine, r -> HealthyNeighbour.lastEndMs(r, circuit));
        double referenceLast = median(reference, r -> HealthyNeighbour.lastEndMs(r, circuit));
        double failedTime = median(mine, r -> r.results().stream().filter(t -> "FAILED".equals(t.outcome())
                && !HealthyNeighbour.isNeighbour(t, circuit)).mapToDouble(OutageRun.TestResult::durationMs).sum());
        int threads = Math.max(1, setup.parallelThreads());
        double oneTest = WaitTargets.oneTestMs(reference);
        double limit = referenceLast + failedTime / threads + oneTest;
        out.add(new Summary.Target("last healthy-dependency test ended", last, limit, false, "ms",
                String.format(Locale.ROOT, "no-outage run's last one %s + failed tests' time %s / %d threads + one"
                        + " test %s", secs(referenceLast), secs(failedTime), threads, secs(oneTest)), last <= limit));
    }

    /** When the dependency went down in {@code r}: as measured, else as it would have by the timer. */
    private static double downMs(OutageRun r, double downAfterMs) {
        return Double.isNaN(r.outageStartMs()) ? HealthyNeighbour.firstStartMs(r) + downAfterMs : r.outageStartMs();
    }

    /** When it came back: as measured, else (the run ended first) when the window ends. */
    private static double upMs(OutageRun r, double downAfterMs, double windowMs) {
        return Double.isNaN(r.outageEndMs()) ? downMs(r, downAfterMs) + windowMs : r.outageEndMs();
    }

    /**
     * The median time the dependency was down, over the runs that saw it go down and come back; {@code windowMs}
     * when none did.
     */
    static double outageLengthMs(List<OutageRun> runs, double windowMs) {
        List<OutageRun> seen = runs.stream().filter(r -> !Double.isNaN(r.outageStartMs())
                && !Double.isNaN(r.outageEndMs())).toList();
        return seen.isEmpty() ? windowMs : median(seen, r -> r.outageEndMs() - r.outageStartMs());
    }

    private static List<OutageRun> arm(List<OutageRun> runs, OutageArm arm) {
        return runs.stream().filter(r -> arm.name().equals(r.arm())).toList();
    }

    private static double median(List<OutageRun> runs, ToDoubleFunction<OutageRun> f) {
        return runs.isEmpty() ? Double.NaN : Stats.of(runs.stream().map(f::applyAsDouble).toList()).median();
    }

    private static String count(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
