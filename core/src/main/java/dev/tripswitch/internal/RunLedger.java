package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one test run did with each circuit it used: tests let through, tests skipped, and how often the
 * circuit opened during the run. Framework adapters keep one per run and print {@link #summaryLines()} at
 * its end.
 */
public final class RunLedger {

    /** How a protected test ended, as far as the ledger is concerned. */
    public enum Outcome { PASSED, FAILED_COUNTED, FAILED_NOT_COUNTED, ABORTED, SKIPPED_BY_CIRCUIT }

    private static final class Usage {
        final CircuitBreaker circuit;
        final long openedBefore;
        final Map<Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();

        Usage(CircuitBreaker circuit) {
            this.circuit = circuit;
            this.openedBefore = circuit.snapshot().timesOpened();
        }
    }

    private final Map<String, Usage> usages = new ConcurrentSkipListMap<>();

    /** Notes that the run uses {@code circuit} (call before its first test asks for permission). */
    public void use(CircuitBreaker circuit) {
        usages.computeIfAbsent(circuit.name(), n -> new Usage(circuit));
    }

    public void record(CircuitBreaker circuit, Outcome outcome) {
        use(circuit);
        usages.get(circuit.name()).outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    public long count(String circuitName, Outcome outcome) {
        Usage u = usages.get(circuitName);
        LongAdder a = u == null ? null : u.outcomes.get(outcome);
        return a == null ? 0 : a.sum();
    }

    public boolean isEmpty() {
        return usages.isEmpty();
    }

    /** One line per circuit used: times opened during the run, tests skipped, tests run, final state. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        for (Usage u : usages.values()) {
            CircuitSnapshot s = u.circuit.snapshot();
            long opened = s.timesOpened() - u.openedBefore;
            long skipped = count(u.circuit.name(), Outcome.SKIPPED_BY_CIRCUIT);
            long ran = u.outcomes.entrySet().stream().filter(e -> e.getKey() != Outcome.SKIPPED_BY_CIRCUIT)
                    .mapToLong(e -> e.getValue().sum()).sum();
            lines.add("Tripswitch: circuit '" + s.name() + "' opened " + opened + (opened == 1 ? " time" : " times")
                    + ", skipped " + skipped + (skipped == 1 ? " test" : " tests")
                    + ", let " + ran + " through (" + count(s.name(), Outcome.PASSED) + " passed, "
                    + (count(s.name(), Outcome.FAILED_COUNTED) + count(s.name(), Outcome.FAILED_NOT_COUNTED))
                    + " failed, " + count(s.name(), Outcome.ABORTED) + " aborted)"
                    + ", final state " + s.state()
                    + (s.lastFailure() == null ? "" : ", last failure: " + s.lastFailure().describe()));
        }
        return lines;
    }
}
