package dev.tripswitch.bench.report;

import dev.tripswitch.bench.stats.Stats;

import java.util.List;
import java.util.Map;

/**
 * The summaries of a run.
 *
 * @param recovery   per arm, over every case
 * @param byCategory dimension ({@code browser}, {@code failureType}, {@code intensity}) → category → arm → summary
 * @param outage     per arm, over every suite run
 * @param metrics    the headline metrics, by name (see {@link Regression})
 * @param waitTargets issue 13's targets for the WAIT arm, computed by {@link WaitTargets} (none without that arm,
 *                    and none when the dependency never returns)
 * @param comparison the comparison with the previous run, or {@code null}
 * @param armTargets issue 21's targets of the scenario, per arm, computed by {@link ScenarioTargets} (none in
 *                   reports older than the field)
 */
public record Summary(Map<String, ArmSummary> recovery, Map<String, Map<String, Map<String, ArmSummary>>> byCategory,
                      Map<String, OutageSummary> outage, Map<String, Double> metrics, List<Target> waitTargets,
                      Comparison comparison, List<ArmTargets> armTargets) {

    public Summary {
        waitTargets = waitTargets == null ? List.of() : List.copyOf(waitTargets);
        armTargets = armTargets == null ? List.of() : List.copyOf(armTargets);
    }

    public Summary withComparison(Comparison c) {
        return new Summary(recovery, byCategory, outage, metrics, waitTargets, c, armTargets);
    }

    /**
     * One arm's targets in the run's scenario, each from the medians of the report's runs.
     *
     * @param arm      an {@link dev.tripswitch.bench.outage.OutageArm}'s name
     * @param scenario the scenario's id
     * @param targets  in the order the scenario lists them
     */
    public record ArmTargets(String arm, String scenario, List<Target> targets) {

        public ArmTargets {
            targets = List.copyOf(targets);
        }

        public boolean allMet() {
            return targets.stream().allMatch(Target::met);
        }
    }

    /**
     * One of issue 13's or issue 21's targets, from the medians of one report's runs.
     *
     * @param name      what is compared
     * @param value     the arm's median, in {@code unit}; {@code null} when there is none (no test passed
     *                  after the shop's return)
     * @param limit     the bound it must keep
     * @param atLeast   {@code value >= limit} is required (else {@code value <= limit})
     * @param unit      {@code tests} or {@code ms}
     * @param limitFrom how the bound is made up, with its parts' values
     * @param met       whether the value keeps the bound
     */
    public record Target(String name, Double value, double limit, boolean atLeast, String unit, String limitFrom,
                         boolean met) {
    }

    /**
     * One arm's recoveries.
     *
     * @param cases              recoveries
     * @param recoveryMs         recovery time (failures at the budget)
     * @param successRate        share recovered within the budget, 0–1
     * @param eventualRate       share recovered at all, 0–1
     * @param jvmCpuMs           JVM CPU time per recovery
     * @param browserCpuMs       browser CPU time per recovery
     * @param totalCpuMs         JVM + browser CPU time per recovery
     * @param browserLaunches    browsers started per recovery
     * @param peakBrowserRssMb   peak browser memory per recovery
     */
    public record ArmSummary(int cases, Stats recoveryMs, double successRate, double eventualRate, Stats jvmCpuMs,
                             Stats browserCpuMs, Stats totalCpuMs, Stats browserLaunches, Stats peakBrowserRssMb) {
    }

    /**
     * One arm's outage runs (means over runs; the stats are over runs).
     *
     * @param runs            suite runs
     * @param tests           tests per run
     * @param wallMs          wall time
     * @param doomedMs        time in tests that could not pass
     * @param failed          failures reported
     * @param skipped         tests skipped
     * @param passed          tests passed
     * @param skippedAfterReturn tests skipped that started after the app was back (they might have passed)
     * @param resumeMs        app's return → first passing test, over the runs where a test passed after the return
     * @param resumedRuns     runs in which a test passed after the return
     * @param browserLaunches browsers started
     * @param totalCpuMs      JVM + browser CPU time
     * @param timesOpened     how often the circuit went from CLOSED to OPEN (0 without the circuit breaker)
     */
    public record OutageSummary(int runs, int tests, Stats wallMs, Stats doomedMs, Stats failed, Stats skipped,
                                Stats passed, Stats skippedAfterReturn, Stats resumeMs, int resumedRuns, Stats browserLaunches,
                                Stats totalCpuMs, Stats timesOpened) {
    }

    /**
     * A run compared with the previous one.
     *
     * @param previousDir the previous run's directory
     * @param previousAt  when it ran
     * @param rows        one row per metric both runs have
     * @param regressions names of the metrics that regressed beyond their tolerance
     */
    public record Comparison(String previousDir, String previousAt, List<Row> rows, List<String> regressions) {

        /**
         * @param metric    name
         * @param previous  previous value
         * @param current   this run's value
         * @param change    current − previous
         * @param tolerance what the metric may move in the bad direction, in words
         * @param regressed beyond the tolerance in the bad direction
         */
        public record Row(String metric, double previous, double current, double change, String tolerance,
                          boolean regressed) {
        }
    }
}
