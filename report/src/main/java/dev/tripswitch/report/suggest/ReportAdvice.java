package dev.tripswitch.report.suggest;

import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.RunHistory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The advice a run report shows: the standard grid over the newest {@value #RUNS} runs, unless replaying them would
 * take long (then the report says to run the goal), so that the end of a run stays quick. It never fails a report.
 */
public final class ReportAdvice {

    /** How many of the newest runs the report's advice is worked out from. */
    public static final int RUNS = 20;
    /** The most test replays (tests of runs with failures × candidates) a report spends on advice. */
    static final long MOST_TEST_REPLAYS = 2_000_000; // about a second (0.6 µs a test replay, measured)
    /** Candidates of the standard grid, for the estimate (a circuit without a health check). */
    private static final long CANDIDATES = CandidateGrid.standard()
            .candidates(Candidate.defaults(), false).size();

    /** The advice, or why there is none. */
    public record Outcome(List<CircuitAdvice> advice, String whyNone) {
    }

    private ReportAdvice() {
    }

    /** From the newest runs of {@code runs} (summaries, oldest first), read again with their tests. */
    public static Outcome of(RunHistory history, List<HistoryRun> runs) {
        try {
            List<HistoryRun> newest = runs.subList(Math.max(0, runs.size() - RUNS), runs.size());
            long tests = 0;
            for (HistoryRun r : newest) {
                for (String name : r.circuitNames()) {
                    HistoryRun.Merged m = r.circuit(name);
                    if (m.counts().failedCounted() > 0 || m.counts().openings() > 0) {
                        tests += m.counts().tests();
                    }
                }
            }
            if (tests == 0) { // the usual run: nothing to read again, nothing to replay
                return new Outcome(null, "No circuit failed or opened in the newest " + newest.size() + " run"
                        + (newest.size() == 1 ? "" : "s") + ": there is nothing to learn settings from yet.");
            }
            if (tests * CANDIDATES > MOST_TEST_REPLAYS) {
                return new Outcome(null, "The newest " + newest.size() + " runs hold " + tests + " tests around"
                        + " failures; replaying them for each of " + CANDIDATES + " candidates is left to"
                        + " mvn tripswitch:suggest, so that the end of a run stays quick.");
            }
            List<String> ids = newest.stream().map(HistoryRun::runId).toList();
            List<HistoryRun> full = history.runs(ids::contains, true);
            Suggester suggester = new Suggester(CandidateGrid.standard(), Suggester.DEFAULT_MIN_RUNS, false);
            List<CircuitAdvice> advice = new ArrayList<>();
            for (String circuit : Suggester.circuitsOf(full)) {
                advice.add(suggester.suggest(circuit, full));
            }
            return new Outcome(advice, null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, "Could not be worked out: " + e);
        }
    }
}
