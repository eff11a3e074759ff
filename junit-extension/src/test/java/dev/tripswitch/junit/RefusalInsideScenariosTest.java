package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * A {@code CircuitOpenException} thrown inside a granted test — by a page object protected on its own circuit
 * (as the AspectJ aspect does), or by any {@code circuit.execute} — skips the test with that circuit's reason and
 * counts nothing on the test's own circuit.
 */
class RefusalInsideScenariosTest extends Fixtures {

    static CircuitBreaker pages;

    @BeforeEach
    void openThePagesCircuit() {
        pages = registry.circuit(CircuitDefinition.builder("pages", "a page object").failureThreshold(1).build());
        pages.recordFailure(new IOException("app down"));
    }

    @Test
    void pageObjectRefusedInTheBodyOrInBeforeEach_testIsAbortedWithTheReason_ownCircuitCountsNothing() {
        EngineExecutionResults results = run(UsesAnOpenPageCircuit.class, UsesItInBeforeEach.class);

        results.testEvents().assertStatistics(s -> s.started(3).aborted(2).succeeded(1).failed(0));
        String reason = "circuit 'pages' is OPEN since 2026-01-01T00:00:00Z after 1 consecutive failure;"
                + " last failure: java.io.IOException: app down; next probe at 2026-01-01T00:00:30Z";
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("checkout"), abortedWithReason(message(reason))))
                .haveExactly(1, event(test("search"), abortedWithReason(message(reason))));
        CircuitSnapshot own = circuit("shop").snapshot();
        assertThat(own.totalFailures()).isZero();
        assertThat(own.totalSuccesses()).as("only the test that passed").isEqualTo(1);
    }

    @Test
    void aCircuitOnlyPageObjectsUse_hasItsLineInTheSummary_countingTheTestsItsRefusalsSkipped() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run(UsesAnOpenPageCircuit.class, UnprotectedPageUser.class);
        } finally {
            System.setOut(original);
        }

        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("Tripswitch:"))).containsExactly(
                "Tripswitch: WARNING: circuit 'pages' opened 0 times, skipped 2 tests, let 0 through (0 passed, 0 failed,"
                        + " 0 aborted), final state OPEN, last failure: java.io.IOException: app down; the run ended with"
                        + " the circuit OPEN, so its skipped tests never ran",
                "Tripswitch: circuit 'shop' opened 0 times, skipped 0 tests, let 1 through (1 passed, 0 failed,"
                        + " 0 aborted), final state CLOSED");
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class UnprotectedPageUser {
        @Test
        void browse() throws Exception {
            pages.execute(() -> "the product page");
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "shop", failureThreshold = 1)
    static class UsesAnOpenPageCircuit {
        @Test
        void checkout() throws Exception {
            pages.execute(() -> "the checkout page");
        }

        @Test
        void home() {
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "shop", failureThreshold = 1)
    static class UsesItInBeforeEach {
        @BeforeEach
        void openSearch() throws Exception {
            pages.execute(() -> "the search page");
        }

        @Test
        void search() {
        }
    }
}
