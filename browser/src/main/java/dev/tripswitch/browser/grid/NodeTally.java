package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the circuit of one Grid node ({@code browser@<host:port>}) did, for a run's summary: its state, how often it
 * opened, its failures, the sessions that ended well on it and the sessions it sent elsewhere. A program that runs
 * several suites, each with its circuits made anew, adds the suites' tallies up with {@link #overRuns} to speak of
 * the whole run.
 */
public record NodeTally(String circuit, CircuitState state, long openings, long failures, long sessionsEndedWell,
                        long sentElsewhere, String lastFailure) {

    static NodeTally of(CircuitSnapshot s) {
        return new NodeTally(s.name(), s.state(), s.timesOpened(), s.totalFailures(), s.totalSuccesses(),
                s.totalRejected(), s.lastFailure() == null ? null : s.lastFailure().describe());
    }

    /**
     * Each node's tallies of {@code runs} (in the order they ran) added up: counts summed, the state and last failure
     * those of the last run that used the node. A node appears where it first did.
     */
    public static List<NodeTally> overRuns(List<List<NodeTally>> runs) {
        Map<String, NodeTally> sum = new LinkedHashMap<>();
        for (List<NodeTally> run : runs) {
            for (NodeTally t : run) {
                sum.merge(t.circuit(), t, NodeTally::then);
            }
        }
        return new ArrayList<>(sum.values());
    }

    /** This tally followed by {@code later}'s, of the same node. */
    NodeTally then(NodeTally later) {
        return new NodeTally(circuit, later.state, openings + later.openings, failures + later.failures,
                sessionsEndedWell + later.sessionsEndedWell, sentElsewhere + later.sentElsewhere,
                later.lastFailure != null ? later.lastFailure : lastFailure);
    }

    /** One line, e.g. {@code browser@127.0.0.1:4444: CLOSED, opened 1 time(s), 2 failure(s), ...}. */
    public String line() {
        return circuit + ": " + state + ", opened " + openings + " time(s), " + failures + " failure(s), "
                + sessionsEndedWell + " session(s) ended well, " + sentElsewhere + " session(s) sent elsewhere"
                + (lastFailure == null ? "" : "; last failure: " + lastFailure);
    }
}
