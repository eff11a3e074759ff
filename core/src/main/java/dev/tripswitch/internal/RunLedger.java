package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one test run did with each circuit it used: tests let through, tests skipped, and how often the circuit
 * opened during the run. A {@link ProtectedTestListener} fed by the run's own events ({@code TestRun}); it is
 * told of each circuit by {@link #use} before the circuit's first test asks for permission, so that it knows
 * how often the circuit had opened before.
 */
public final class RunLedger implements ProtectedTestListener {

    private static final class Usage {
        final CircuitBreaker circuit;
        final long openedBefore;
        final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);

        Usage(CircuitBreaker circuit) {
            this.circuit = circuit;
            this.openedBefore = circuit.snapshot().timesOpened();
            for (Outcome o : Outcome.values()) {
                outcomes.put(o, new LongAdder());
            }
        }

        long count(Outcome o) {
            return outcomes.get(o).sum();
        }
    }

    private final Map<String, Usage> usages = new ConcurrentHashMap<>();

    /** Notes that the run uses {@code circuit} (before its first test asks for permission). */
    public void use(CircuitBreaker circuit) {
        if (!usages.containsKey(circuit.name())) {
            usages.computeIfAbsent(circuit.name(), n -> new Usage(circuit));
        }
    }

    @Override
    public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
        counted(snapshot.name(), Outcome.SKIPPED_BY_CIRCUIT);
    }

    @Override
    public void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
        counted(after.name(), outcome);
    }

    /** What the two events above tell the ledger, for a caller that has no snapshot at hand. */
    public void counted(String circuitName, Outcome outcome) {
        Usage u = usages.get(circuitName);
        if (u == null) {
            throw new IllegalStateException("circuit '" + circuitName + "' was not announced to the ledger");
        }
        u.outcomes.get(outcome).increment();
    }

    public long count(String circuitName, Outcome outcome) {
        Usage u = usages.get(circuitName);
        return u == null ? 0 : u.count(outcome);
    }

    public boolean isEmpty() {
        return usages.isEmpty();
    }

    /** One line per circuit used, by name: times opened during the run, tests skipped, tests run, final state. */
    public List<String> summaryLines() {
        List<Usage> used = new ArrayList<>(usages.values());
        used.sort(Comparator.comparing(u -> u.circuit.name()));
        List<String> lines = new ArrayList<>();
        for (Usage u : used) {
            CircuitSnapshot s = u.circuit.snapshot();
            long opened = s.timesOpened() - u.openedBefore;
            long skipped = u.count(Outcome.SKIPPED_BY_CIRCUIT);
            long passed = u.count(Outcome.PASSED);
            long failed = u.count(Outcome.FAILED_COUNTED) + u.count(Outcome.FAILED_NOT_COUNTED);
            long aborted = u.count(Outcome.ABORTED);
            lines.add("Tripswitch: circuit '" + s.name() + "' opened " + opened + (opened == 1 ? " time" : " times")
                    + ", skipped " + skipped + (skipped == 1 ? " test" : " tests")
                    + ", let " + (passed + failed + aborted) + " through (" + passed + " passed, " + failed
                    + " failed, " + aborted + " aborted)"
                    + ", final state " + s.state()
                    + (s.lastFailure() == null ? "" : ", last failure: " + s.lastFailure().describe()));
        }
        return lines;
    }
}
