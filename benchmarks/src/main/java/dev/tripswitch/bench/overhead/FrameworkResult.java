package dev.tripswitch.bench.overhead;

import dev.tripswitch.bench.stats.Stats;

import java.util.ArrayList;
import java.util.List;

/**
 * One framework's measured runs and the overhead they show, in wall time (what issue 12 asks for) and in the CPU
 * time of the thread that ran the suite (which other processes on a loaded machine do not inflate).
 *
 * @param framework      the framework and how it was run
 * @param tests          tests per suite run
 * @param wall           wall time of the runs
 * @param threadCpu      CPU time of the running thread
 * @param targetMicros   issue 12's target per protected test
 * @param wallTargetMet  whether the wall-time overhead is within the target
 * @param cpuTargetMet   whether the CPU-time overhead is within the target
 * @param perSuite       the cost of a protected suite run apart from its tests, when measured; else {@code null}
 */
public record FrameworkResult(String framework, int tests, Arms wall, Arms threadCpu, double targetMicros,
                              boolean wallTargetMet, boolean cpuTargetMet, PerSuite perSuite) {

    /**
     * What a protected suite run costs whatever its size, measured with one test per run, and what is left per test
     * of the full-size runs once it is taken off. A fixed cost per run (TestNG's replay {@code <test>}s, which TestNG
     * sets up whether or not a test is deferred) is divided by the tests of a run in the headline figure; this
     * separates it.
     *
     * @param runs                  measured one-test runs per arm
     * @param wall                  the one-test runs, wall time: the overheads are µs per suite run
     * @param threadCpu             the same runs, CPU time of the running thread
     * @param wallBeyondMicros      the median over the rounds of (a full-size run's difference − the one-test
     *                              run's difference) ÷ tests, wall, µs per protected test
     * @param threadCpuBeyondMicros the same in thread CPU time
     */
    public record PerSuite(int runs, Arms wall, Arms threadCpu, double wallBeyondMicros, double threadCpuBeyondMicros) {
    }

    /**
     * One measure of both arms.
     *
     * @param protectedMs                 each measured protected run, in run order
     * @param unprotectedMs               each measured unprotected run, in run order (run i of both arms ran back
     *                                    to back, alternating which went first)
     * @param medianProtectedMs           median of {@code protectedMs}
     * @param medianUnprotectedMs         median of {@code unprotectedMs}
     * @param overheadMicrosPerTest       (median protected − median unprotected) ÷ tests, in µs: the headline
     * @param pairedOverheadMicrosPerTest median over the rounds of (protected − unprotected) ÷ tests, in µs: less
     *                                    sensitive to load drifting between rounds
     */
    public record Arms(List<Double> protectedMs, List<Double> unprotectedMs, double medianProtectedMs,
                       double medianUnprotectedMs, double overheadMicrosPerTest, double pairedOverheadMicrosPerTest) {

        public Arms {
            protectedMs = List.copyOf(protectedMs);
            unprotectedMs = List.copyOf(unprotectedMs);
        }

        /** Computes the medians and overheads from the runs of both arms (the same number of each). */
        public static Arms of(List<Double> protectedMs, List<Double> unprotectedMs, int tests) {
            if (protectedMs.size() != unprotectedMs.size() || protectedMs.isEmpty()) {
                throw new IllegalArgumentException("both arms need the same, non-zero number of runs; got "
                        + protectedMs.size() + " protected and " + unprotectedMs.size() + " unprotected");
            }
            double p = Stats.of(protectedMs).median();
            double u = Stats.of(unprotectedMs).median();
            List<Double> differences = new ArrayList<>();
            for (int i = 0; i < protectedMs.size(); i++) {
                differences.add(protectedMs.get(i) - unprotectedMs.get(i));
            }
            return new Arms(protectedMs, unprotectedMs, p, u, perTestMicros(p - u, tests),
                    perTestMicros(Stats.of(differences).median(), tests));
        }

        private static double perTestMicros(double ms, int tests) {
            return ms * 1000.0 / tests;
        }
    }

    public static FrameworkResult of(String framework, int tests, Arms wall, Arms threadCpu, double targetMicros) {
        return new FrameworkResult(framework, tests, wall, threadCpu, targetMicros,
                wall.overheadMicrosPerTest() <= targetMicros, threadCpu.overheadMicrosPerTest() <= targetMicros, null);
    }

    /**
     * This result with the one-test runs {@code wallOfOne} and {@code cpuOfOne} (each of {@code Arms.of(..., 1)}, run
     * in the same rounds as this result's) as its per-suite cost.
     */
    public FrameworkResult withPerSuite(Arms wallOfOne, Arms cpuOfOne) {
        return new FrameworkResult(framework, tests, wall, threadCpu, targetMicros, wallTargetMet, cpuTargetMet,
                new PerSuite(wallOfOne.protectedMs().size(), wallOfOne, cpuOfOne, beyond(wall, wallOfOne),
                        beyond(threadCpu, cpuOfOne)));
    }

    /** The median over the rounds of (full-size difference − one-test difference) ÷ tests, µs per test. */
    private double beyond(Arms full, Arms ofOne) {
        List<Double> left = new ArrayList<>();
        for (int i = 0; i < full.protectedMs().size(); i++) {
            double fullMs = full.protectedMs().get(i) - full.unprotectedMs().get(i);
            double oneMs = ofOne.protectedMs().get(i) - ofOne.unprotectedMs().get(i);
            left.add((fullMs - oneMs) * 1000.0 / tests);
        }
        return Stats.of(left).median();
    }
}
