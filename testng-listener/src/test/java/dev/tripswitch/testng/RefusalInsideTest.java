package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.SkipException;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code CircuitOpenException} thrown inside a granted TestNG test (by a page object protected on its own
 * circuit, or any {@code circuit.execute}) makes the test SKIP with that circuit's reason, never a failure, and
 * counts nothing on the test's own circuit.
 */
class RefusalInsideTest extends WithTestRegistry {

    static CircuitBreaker pages;

    @BeforeEach
    void openThePagesCircuit() {
        pages = registry.circuit(CircuitDefinition.builder("pages", "a page object").failureThreshold(1).build());
        pages.recordFailure(new IOException("app down"));
    }

    @Test
    void pageObjectRefusedInTheBody_testIsSkippedWithTheReason_andItsOwnCircuitCountsNothing() {
        FixtureRun run = FixtureRun.of(UsesAnOpenPageCircuit.class);

        assertThat(run.statuses()).containsExactly("checkout SKIP", "home SUCCESS");
        assertThat(run.outcomes).filteredOn(FixtureRun.Outcome::skipped).singleElement().satisfies(o -> {
            assertThat(o.throwable()).isInstanceOf(SkipException.class);
            assertThat(o.reason()).isEqualTo("circuit 'pages' is OPEN since 2026-01-01T00:00:00Z after 1"
                    + " consecutive failure; last failure: java.io.IOException: app down;"
                    + " next probe at 2026-01-01T00:00:30Z");
        });
        CircuitSnapshot own = registry.find("shop").orElseThrow().snapshot();
        assertThat(own.totalFailures()).isZero();
        assertThat(own.totalSuccesses()).isEqualTo(1);
        assertThat(run.summary).satisfiesExactly( // the skip counts on the circuit that refused, which has its line
                l -> assertThat(l).contains("circuit 'pages' opened 0 times, skipped 1 test, let 0 through"),
                l -> assertThat(l).contains("circuit 'shop' opened 0 times, skipped 0 tests, let 1 through"
                        + " (1 passed, 0 failed, 0 aborted)"));
    }

    /** A TestNG fixture: not run by Surefire (JUnit Platform provider only). */
    @CircuitProtected(value = "shop", failureThreshold = 1)
    public static class UsesAnOpenPageCircuit {
        @org.testng.annotations.Test
        public void checkout() throws Exception {
            pages.execute(() -> "the checkout page");
        }

        @org.testng.annotations.Test
        public void home() {
        }
    }
}
