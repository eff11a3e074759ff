package dev.tripswitch.bench.report;

import java.util.List;

/**
 * What a run was asked to do.
 *
 * @param profile               {@code quick}, {@code comprehensive} or {@code extreme}
 * @param mode                  {@code real} or {@code simulated}
 * @param seed                  seed of the case order (and of the simulation)
 * @param browsersRequested     browsers asked for
 * @param browsersRun           browsers that could be driven and were run
 * @param unavailableBrowsers   browsers asked for that cannot be driven here, with the reason
 * @param failureTypes          failure types
 * @param intensities           intensities
 * @param repetitions           repetitions of each combination
 * @param budgetMs              recovery budget per case
 * @param pageLoadTimeoutMs     page-load timeout of the recovery sessions
 * @param outageTests           tests in the outage suite
 * @param outageRepetitions     runs of the suite per arm
 * @param outageDownAfterMs     the app goes down this long after the suite starts
 * @param outageWindowMs        and stays down this long
 * @param outageCircuit         the outage suite's circuit settings
 * @param costSource            simulation only: where the per-step costs came from
 * @param outageNotes           arms of the outage suite that were asked for but not run, with the reason
 *                              (none in reports older than the field)
 * @param outageSetup           the outage suite's suite, scenario and arm settings; {@code null} in reports older
 *                              than the field ({@link #outage()} gives the setup they had)
 */
public record RunConfig(String profile, String mode, long seed, List<String> browsersRequested,
                        List<String> browsersRun, List<String> unavailableBrowsers, List<String> failureTypes,
                        List<String> intensities, int repetitions, long budgetMs, long pageLoadTimeoutMs,
                        int outageTests, int outageRepetitions, long outageDownAfterMs, long outageWindowMs,
                        String outageCircuit, String costSource, List<String> outageNotes,
                        OutageSetup outageSetup) {

    public RunConfig {
        outageNotes = outageNotes == null ? List.of() : List.copyOf(outageNotes);
    }

    /** The outage suite's setup; for a report older than the field, the shop suite's transient outage. */
    public OutageSetup outage() {
        return outageSetup == null ? OutageSetup.shopTransient() : outageSetup;
    }
}
