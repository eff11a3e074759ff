package dev.tripswitch.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * The parallel scenario's tests on the second, healthy dependency: those whose circuit is not the one of the
 * dependency that goes down. When they finished, against the outage and the first circuit's OPEN stretches.
 */
public final class HealthyNeighbour {

    private HealthyNeighbour() {
    }

    /** The run's tests under a circuit other than {@code circuit} (none in reports older than the field). */
    public static List<OutageRun.TestResult> tests(OutageRun run, String circuit) {
        return run.results().stream().filter(t -> isNeighbour(t, circuit)).toList();
    }

    /** Whether {@code test} is under a circuit other than {@code circuit}. */
    public static boolean isNeighbour(OutageRun.TestResult test, String circuit) {
        return test.circuit() != null && !Objects.equals(test.circuit(), circuit);
    }

    /** Whether the run has tests on a second dependency. */
    public static boolean present(OutageRun run, String circuit) {
        return !tests(run, circuit).isEmpty();
    }

    /** How many of them finished (passed or not) between {@code fromMs} and {@code toMs} from the suite's start. */
    public static int finishedBetween(OutageRun run, String circuit, double fromMs, double toMs) {
        return (int) tests(run, circuit).stream().filter(t -> t.endMs() >= fromMs && t.endMs() <= toMs).count();
    }

    /**
     * How many of them finished while the first circuit was OPEN: from a transition to OPEN to the next
     * transition (or the end of the run).
     */
    public static int finishedWhileOpen(OutageRun run, String circuit) {
        List<OutageRun.CircuitEvent> events = run.circuitEvents();
        int n = 0;
        for (OutageRun.TestResult t : tests(run, circuit)) {
            for (int i = 0; i < events.size(); i++) {
                if (!"OPEN".equals(events.get(i).to())) {
                    continue;
                }
                double from = events.get(i).atMs();
                double to = i + 1 < events.size() ? events.get(i + 1).atMs() : run.wallMs();
                if (t.endMs() >= from && t.endMs() < to) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** When the last of them finished, from the suite's start; NaN when there are none. */
    public static double lastEndMs(OutageRun run, String circuit) {
        return tests(run, circuit).stream().mapToDouble(OutageRun.TestResult::endMs).max().orElse(Double.NaN);
    }

    /** When the first test of the run started, from the suite's start (the outage timer starts then). */
    public static double firstStartMs(OutageRun run) {
        return run.results().stream().mapToDouble(OutageRun.TestResult::startMs).min().orElse(0);
    }
}
