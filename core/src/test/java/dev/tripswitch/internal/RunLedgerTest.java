package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.MutableClock;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RunLedgerTest {

    @Test
    void theSummary_countsOnlyWhatHappenedDuringTheRun() {
        MutableClock clock = MutableClock.start();
        CircuitBreaker cb = CircuitBreaker.of("browser", CircuitBreakerConfig.custom().failureThreshold(1).clock(clock).build());
        cb.recordFailure(); // opened before the run started
        cb.reset();
        RunLedger ledger = new RunLedger();
        ledger.use(cb);
        TestIdentity test = new TestIdentity("test", "Shop", "t", "Shop.t");
        ledger.onTestFinished(test, Outcome.PASSED, null, cb.snapshot());
        cb.recordFailure(new IOException("grid down"));
        ledger.onTestFinished(test, Outcome.FAILED_COUNTED, new IOException("grid down"), cb.snapshot());
        ledger.onTestRefused(test, cb.snapshot(), "open");
        ledger.onTestRefused(test, cb.snapshot(), "open");
        assertThat(ledger.summaryLines()).containsExactly(
                "Tripswitch: circuit 'browser' opened 1 time, skipped 2 tests, let 2 through (1 passed, 1 failed,"
                        + " 0 aborted), final state OPEN, last failure: java.io.IOException: grid down");
    }
}
