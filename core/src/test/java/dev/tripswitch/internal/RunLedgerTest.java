package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.MutableClock;
import dev.tripswitch.WaitOutcome;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
                "Tripswitch: WARNING: circuit 'browser' opened 1 time, skipped 2 tests, let 2 through (1 passed,"
                        + " 1 failed, 0 aborted), final state OPEN, last failure: java.io.IOException: grid down"
                        + "; the run ended with the circuit OPEN, so its skipped tests never ran");
    }

    @Test
    void aWaitCircuit_saysHowLongItHeldTestsAndHowManyWaited() throws Exception {
        MutableClock clock = MutableClock.start();
        CircuitBreaker cb = CircuitBreaker.of("shop", CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.WAIT).maxWait(Duration.ofMinutes(1))
                .clock(clock).build());
        RunLedger ledger = new RunLedger();
        ledger.use(cb);
        cb.recordFailure(new IOException("shop down"));
        CompletableFuture<WaitOutcome> waiter = CompletableFuture.supplyAsync(cb::awaitPermission);
        for (int i = 0; i < 6000 && cb.waitingCallers() == 0; i++) {
            Thread.sleep(10); // a ceiling of a minute for the waiter to start waiting, not a timing assertion
        }
        assertThat(cb.waitingCallers()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        WaitOutcome outcome = waiter.get(1, TimeUnit.MINUTES);
        outcome.permit().onSuccess();
        ledger.onTestFinished(new TestIdentity("test", "Shop", "t", "Shop.t"), Outcome.PASSED, null, cb.snapshot());

        assertThat(ledger.summaryLines()).singleElement().asString()
                .contains(", held tests for 10s (1 waited, 0 skipped once the waiting budget was spent), final state CLOSED");
    }
}
