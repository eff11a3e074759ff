package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.WaitTotals;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.event.ProtectedTestListener;

import java.time.Duration;
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
        final WaitTotals waitsBefore;
        final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
        final OpeningNotices notices = new OpeningNotices(() -> System.out);

        Usage(CircuitBreaker circuit) {
            this.circuit = circuit;
            this.openedBefore = circuit.snapshot().timesOpened();
            this.waitsBefore = circuit.waitTotals();
            for (Outcome o : Outcome.values()) {
                outcomes.put(o, new LongAdder());
            }
            circuit.addListener(notices); // until the run's summary: its openings are told as they happen
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

    /** Whether the run used the circuit called {@code name}. */
    public boolean uses(String name) {
        return usages.containsKey(name);
    }

    public boolean isEmpty() {
        return usages.isEmpty();
    }

    /**
     * One line per circuit used, by name: times opened during the run, tests skipped, tests run, how long it held
     * waiting tests (a {@code WAIT} circuit, or one that was waited on), final state. A circuit that ends the run
     * OPEN after skipping tests gets a warning line instead: those tests were never given back.
     */
    public List<String> summaryLines() {
        List<Usage> used = new ArrayList<>(usages.values());
        for (Usage u : used) {
            u.circuit.removeListener(u.notices); // the run is over: its openings are no longer told
        }
        used.sort(Comparator.comparing(u -> u.circuit.name()));
        List<String> lines = new ArrayList<>();
        for (Usage u : used) {
            CircuitSnapshot s = u.circuit.snapshot();
            long opened = s.timesOpened() - u.openedBefore;
            long skipped = u.count(Outcome.SKIPPED_BY_CIRCUIT);
            long passed = u.count(Outcome.PASSED);
            long failed = u.count(Outcome.FAILED_COUNTED) + u.count(Outcome.FAILED_NOT_COUNTED);
            long aborted = u.count(Outcome.ABORTED);
            boolean endsOpenWithSkips = s.state() == CircuitState.OPEN && skipped > 0;
            lines.add("Tripswitch: " + (endsOpenWithSkips ? "WARNING: " : "") + "circuit '" + s.name() + "' opened "
                    + opened + (opened == 1 ? " time" : " times")
                    + ", skipped " + skipped + (skipped == 1 ? " test" : " tests")
                    + ", let " + (passed + failed + aborted) + " through (" + passed + " passed, " + failed
                    + " failed, " + aborted + " aborted)"
                    + waiting(u)
                    + ", final state " + s.state()
                    + (s.lastFailure() == null ? "" : s.timesOpened() == 0
                    ? ", last failure (counted, below the threshold: it never opened): " + s.lastFailure().describe()
                    : ", last failure: " + s.lastFailure().describe())
                    + (endsOpenWithSkips ? "; the run ended with the circuit OPEN, so its skipped tests never ran"
                    : ""));
        }
        return lines;
    }

    /**
     * ", held tests for 12s (5 waited, 2 skipped once the waiting budget was spent, 1 skipped without waiting)", or
     * nothing: the skips that did not come from waiting (refused inside by protected code, or while every probe slot
     * was taken) are said apart, so that the numbers add up to the line's "skipped".
     */
    private static String waiting(Usage u) {
        WaitTotals now = u.circuit.waitTotals();
        long waited = now.waited() - u.waitsBefore.waited();
        long refused = now.refused() - u.waitsBefore.refused();
        if (u.circuit.config().whenOpen() != WhenOpen.WAIT && waited == 0 && refused == 0) {
            return "";
        }
        Duration held = Duration.ofMillis(now.held().toMillis() - u.waitsBefore.held().toMillis());
        long otherSkips = Math.max(0, u.count(Outcome.SKIPPED_BY_CIRCUIT) - refused);
        return ", held tests for " + Durations.format(held) + " (" + waited + " waited, " + refused
                + " skipped once the waiting budget was spent"
                + (otherSkips == 0 ? "" : ", " + otherSkips + " skipped without waiting") + ")";
    }
}
