package dev.tripswitch.samples.run;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.browser.grid.GridSessions;
import dev.tripswitch.browser.grid.NodeTally;
import dev.tripswitch.samples.shop.RefusedCalls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a sample suite did: every test's outcome in the order they ended, the suite's circuit as the
 * run left it (absent when no test asked it, e.g. with {@code tripswitch.enabled=false}), the wall time, the
 * page-object calls refused by an open circuit ({@link RefusedCalls}), and what the circuits of the Grid's nodes did
 * (none without a Grid).
 */
public record SuiteReport(String suite, List<TestRecord> tests, Optional<CircuitSnapshot> circuit,
                          Duration wallTime, List<RefusedCalls.Refusal> refusedCalls, List<NodeTally> gridNodes) {

    public SuiteReport {
        tests = List.copyOf(tests);
        refusedCalls = List.copyOf(refusedCalls);
        gridNodes = List.copyOf(gridNodes);
    }

    /** A run in which no page-object call was refused and no session ran on a Grid. */
    public SuiteReport(String suite, List<TestRecord> tests, Optional<CircuitSnapshot> circuit, Duration wallTime) {
        this(suite, tests, circuit, wallTime, List.of(), List.of());
    }

    /** The suite's run as the global registry holds it now (its circuits made anew for it). */
    static SuiteReport ofGlobalRegistry(String suite, List<TestRecord> tests, String circuitName, Duration wallTime) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.global();
        return new SuiteReport(suite, tests, registry.find(circuitName).map(CircuitBreaker::snapshot), wallTime,
                RefusedCalls.all(), GridSessions.nodeTallies(registry));
    }

    public long count(TestRecord.Status status) {
        return tests.stream().filter(t -> t.status() == status).count();
    }

    public long timesOpened() {
        return circuit.map(CircuitSnapshot::timesOpened).orElse(0L);
    }

    /** One line: {@code JUnit 5: 13 tests, 7 passed, 3 failed, 3 skipped; circuit 'shop' opened 1 time, now CLOSED; 21.4 s}. */
    public String summaryLine() {
        String circuitPart = circuit.map(c -> "circuit '" + c.name() + "' opened " + c.timesOpened()
                        + (c.timesOpened() == 1 ? " time" : " times") + ", now " + c.state())
                .orElse("no circuit used (circuit breaker off)");
        return String.format("%s: %d tests, %d passed, %d failed, %d skipped; %s; %.1f s", suite, tests.size(),
                count(TestRecord.Status.PASSED), count(TestRecord.Status.FAILED), count(TestRecord.Status.SKIPPED),
                circuitPart, wallTime.toMillis() / 1000.0);
    }
}
