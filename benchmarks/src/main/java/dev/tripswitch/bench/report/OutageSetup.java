package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageScenario;

/**
 * How the outage suite of a run was set up: which suite, which scenario, its circuits and the settings of the
 * waiting and replaying arms. Reports older than this record ran the shop suite in the transient scenario
 * ({@link #shopTransient()}).
 *
 * @param suite                 {@code shop} or {@code service}
 * @param scenario              an {@link OutageScenario}'s id
 * @param suiteDescription      what the tests do and how their dependency goes down
 * @param circuit               the circuit of the dependency that goes down
 * @param neighbourCircuit      the circuit of the healthy second dependency (parallel scenario), else {@code null}
 * @param failureThreshold      both circuits' {@code failureThreshold}
 * @param healthCheckIntervalMs the health-check arms' {@code healthCheckInterval}
 * @param replayBudgetMs        the replay arms' {@code tripswitch.replay.budget}; {@code null}: core's default
 * @param maxWaitMs             the WAIT arm's {@code maxWait}; {@code null}: core's default
 * @param parallelThreads       threads of the parallel scenario (1 otherwise)
 */
public record OutageSetup(String suite, String scenario, String suiteDescription, String circuit,
                          String neighbourCircuit, int failureThreshold, long healthCheckIntervalMs,
                          Long replayBudgetMs, Long maxWaitMs, int parallelThreads) {

    /** The setup of every report older than this record. */
    public static OutageSetup shopTransient() {
        return new OutageSetup("shop", OutageScenario.TRANSIENT.id(), "real-Chromium shopping journeys against the"
                + " sample shop", "shop-outage", null, 3, 1000, null, null, 1);
    }

    public OutageScenario outageScenario() {
        return OutageScenario.fromId(scenario);
    }

    /** Runs compare (for {@code --compare-with-previous}) only with runs of the same suite and scenario. */
    public String comparisonKey() {
        return suite + "/" + scenario;
    }
}
