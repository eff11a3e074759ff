package dev.tripswitch.report.suggest;

import java.util.List;

/**
 * What one circuit met during one part of a run, as reconstructed from the history ({@link Reconstruction}): when its
 * dependency was down, and its tests in the order they asked it, with how long each takes when the dependency is up
 * and when it is down. A replay runs these tests through a circuit with other settings.
 *
 * @param runId       the run
 * @param partId      the part (one JVM)
 * @param circuit     the circuit's name
 * @param availability when the dependency was down
 * @param tests       the tests, in the order they first asked the circuit
 * @param healthCheck the circuit had a health check (its answers are replayed from {@code availability})
 * @param blips       outages that ended before the next test asked (the failures did not go on)
 * @param downSigns   counted failures and unhealthy answers in the part: none means there is nothing to replay
 */
public record CircuitTimeline(String runId, String partId, String circuit, Availability availability,
                              List<ReplayTest> tests, boolean healthCheck, int blips, int downSigns) {

    public CircuitTimeline {
        tests = List.copyOf(tests);
    }

    /** True when the part shows no sign of the dependency down: every setting replays it at no cost. */
    public boolean quiet() {
        return downSigns == 0;
    }
}
