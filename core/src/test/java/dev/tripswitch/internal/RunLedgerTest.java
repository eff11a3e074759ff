package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.MutableClock;
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
        ledger.record(cb, RunLedger.Outcome.PASSED);
        cb.recordFailure(new IOException("grid down"));
        ledger.record(cb, RunLedger.Outcome.FAILED_COUNTED);
        ledger.record(cb, RunLedger.Outcome.SKIPPED_BY_CIRCUIT);
        ledger.record(cb, RunLedger.Outcome.SKIPPED_BY_CIRCUIT);
        assertThat(ledger.summaryLines()).containsExactly(
                "Tripswitch: circuit 'browser' opened 1 time, skipped 2 tests, let 2 through (1 passed, 1 failed,"
                        + " 0 aborted), final state OPEN, last failure: java.io.IOException: grid down");
    }
}
