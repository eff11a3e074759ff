package dev.tripswitch.samples.run;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.samples.shop.RefusedCalls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a sample suite did: every test's outcome in the order they ended, the suite's circuit as the
 * run left it (absent when no test asked it, e.g. with {@code tripswitch.enabled=false}), the wall time, and the
 * page-object calls refused by an open circuit ({@link RefusedCalls}).
 */
public record SuiteReport(String suite, List<TestRecord> tests, Optional<CircuitSnapshot> circuit,
                          Duration wallTime, List<RefusedCalls.Refusal> refusedCalls) {

    public SuiteReport {
        tests = List.copyOf(tests);
        refusedCalls = List.copyOf(refusedCalls);
    }

    /** A run in which no page-object call was refused. */
    public SuiteReport(String suite, List<TestRecord> tests, Optional<CircuitSnapshot> circuit, Duration wallTime) {
        this(suite, tests, circuit, wallTime, List.of());
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
