package dev.tripswitch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tripswitch.CircuitState.CLOSED;
import static dev.tripswitch.CircuitState.HALF_OPEN;
import static dev.tripswitch.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link CircuitBreaker#awaitPermission()}: waiting for an OPEN circuit, driven by the controllable clock. */
class OpenCircuitWaitTest {

    private static final Duration HALF_OPEN_AFTER = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.start();

    private CircuitBreaker circuit(CircuitBreakerConfig.Builder settings) {
        return CircuitBreaker.of("shop", settings.clock(clock).failureThreshold(1).halfOpenAfter(HALF_OPEN_AFTER)
                .recoveryTimeout(Duration.ofSeconds(40)).whenOpen(WhenOpen.WAIT).build());
    }

    private CircuitBreaker openCircuit(CircuitBreakerConfig.Builder settings) {
        CircuitBreaker cb = circuit(settings);
        cb.recordFailure(new IOException("shop down"));
        assertThat(cb.state()).isEqualTo(OPEN);
        return cb;
    }

    @Test
    void closedCircuit_grantsAtOnceWithoutWaiting() {
        CircuitBreaker cb = circuit(CircuitBreakerConfig.custom());
        WaitOutcome outcome = cb.awaitPermission();
        assertThat(outcome.granted()).isTrue();
        assertThat(outcome.permit().grantedIn()).isEqualTo(CLOSED);
        assertThat(outcome.waited()).isZero();
        assertThat(outcome.reason()).isNull();
    }

    @Test
    void openCircuit_callerWaitsUntilTheProbeIsDue_thenRunsAsTheProbe() throws Exception {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom());
        try (WaitingCallers callers = new WaitingCallers(cb).start(1)) {
            clock.advance(Duration.ofSeconds(4));
            assertThat(cb.waitingCallers()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(6));

            WaitOutcome outcome = callers.next();
            assertThat(outcome.granted()).isTrue();
            assertThat(outcome.permit().isProbe()).isTrue();
            assertThat(outcome.waited()).isEqualTo(HALF_OPEN_AFTER);
            outcome.permit().onSuccess();
            callers.joinAll();
        }
        assertThat(cb.state()).isEqualTo(CLOSED);
        assertThat(cb.waitingCallers()).isZero();
        assertThat(cb.snapshot().totalRejected()).isZero();
    }

    @Test
    void probeFails_theOtherCallerWaitsAgainWithinTheBudget_andRunsWhenTheNextProbePasses() throws Exception {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().maxWait(Duration.ofMinutes(1)));
        try (WaitingCallers callers = new WaitingCallers(cb).start(2)) {
            clock.advance(HALF_OPEN_AFTER);
            WaitOutcome first = callers.next();
            assertThat(first.permit().isProbe()).isTrue();
            assertThat(cb.waitingCallers()).as("the other caller still waits for the probe").isEqualTo(1);
            first.permit().onFailure(new IOException("still down"));
            assertThat(cb.state()).isEqualTo(OPEN);

            clock.advance(Duration.ofSeconds(19)); // the wait doubled to 20 s
            assertThat(cb.waitingCallers()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            WaitOutcome second = callers.next();
            assertThat(second.permit().isProbe()).isTrue();
            assertThat(second.waited()).isEqualTo(Duration.ofSeconds(30));
            second.permit().onSuccess();
            callers.joinAll();
        }
        assertThat(cb.state()).isEqualTo(CLOSED);
    }

    @Test
    void budgetSpent_callerIsRefusedWithTheWaitingReason_andLaterCallersOfTheEpisodeAtOnce() throws Exception {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().halfOpenAfter(Duration.ofSeconds(30))
                .maxWait(Duration.ofSeconds(5)));
        try (WaitingCallers callers = new WaitingCallers(cb).start(3)) {
            clock.advance(Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) {
                WaitOutcome refused = callers.next();
                assertThat(refused.granted()).isFalse();
                assertThat(refused.waited()).isEqualTo(Duration.ofSeconds(5));
                assertThat(refused.reason())
                        .startsWith("waited 5s for circuit 'shop' (open since " + MutableClock.START + ") and gave up: "
                                + "its waiting budget (maxWait 5s per opening, shared by every waiting test) is spent; "
                                + "circuit 'shop' is OPEN");
                assertThat(refused.snapshot().state()).isEqualTo(OPEN);
            }
            callers.joinAll();
        }
        WaitOutcome late = cb.awaitPermission();
        assertThat(late.granted()).isFalse();
        assertThat(late.waited()).isZero();
        assertThat(late.reason()).startsWith("did not wait for circuit 'shop' (open since " + MutableClock.START
                + "): its waiting budget (maxWait 5s per opening, shared by every waiting test) is spent");
        assertThat(cb.snapshot().totalRejected()).as("each refusal counted once").isEqualTo(4);
    }

    @Test
    void budgetIsPerOpening_aFailedProbeKeepsTheEpisode_aNewOpeningStartsAFreshBudget() throws Exception {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().maxWait(Duration.ofSeconds(25)));
        try (WaitingCallers callers = new WaitingCallers(cb).start(1)) {
            clock.advance(HALF_OPEN_AFTER); // 10 s of the budget
            callers.next().permit().onFailure(new IOException("still down")); // re-opens for 20 s, same episode
        }
        try (WaitingCallers callers = new WaitingCallers(cb).start(1)) {
            clock.advance(Duration.ofSeconds(15)); // 25 s spent in all
            WaitOutcome refused = callers.next();
            assertThat(refused.granted()).isFalse();
            assertThat(refused.waited()).isEqualTo(Duration.ofSeconds(15));
            callers.joinAll();
        }
        clock.advance(Duration.ofSeconds(5));
        CircuitPermit probe = cb.tryAcquirePermission();
        probe.onSuccess();
        assertThat(cb.state()).isEqualTo(CLOSED);

        cb.recordFailure(new IOException("down again")); // a new opening
        try (WaitingCallers callers = new WaitingCallers(cb).start(1)) {
            clock.advance(HALF_OPEN_AFTER);
            WaitOutcome granted = callers.next();
            assertThat(granted.granted()).as("the new opening has its own budget").isTrue();
            assertThat(granted.waited()).isEqualTo(HALF_OPEN_AFTER);
            granted.permit().onSuccess();
            callers.joinAll();
        }
    }

    @Test
    void callersWaitingTogether_spendTheBudgetOnce() throws Exception {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().maxWait(Duration.ofSeconds(12)));
        try (WaitingCallers callers = new WaitingCallers(cb).start(5)) {
            clock.advance(HALF_OPEN_AFTER); // five callers for 10 s: 10 s of the budget, not 50
            WaitOutcome probe = callers.next();
            assertThat(probe.permit().isProbe()).isTrue();
            probe.permit().onSuccess();
            for (int i = 0; i < 4; i++) {
                WaitOutcome o = callers.next();
                assertThat(o.granted()).isTrue();
                assertThat(o.permit().grantedIn()).isEqualTo(CLOSED);
                assertThat(o.waited()).isEqualTo(HALF_OPEN_AFTER);
            }
            callers.joinAll();
        }
    }

    @Test
    void twoHundredFiftyCallersOnOneCircuit_exactAccounting_probesNeverAboveTheLimit_noThreadLeft() throws Exception {
        int callers = 250;
        int permittedProbes = 3;
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().permittedProbes(permittedProbes)
                .successThreshold(permittedProbes));
        AtomicInteger probesOut = new AtomicInteger();
        AtomicInteger mostProbesOut = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        try (WaitingCallers waiting = new WaitingCallers(cb).start(callers, outcome -> {
            if (outcome.granted() && outcome.permit().isProbe()) {
                probes.incrementAndGet();
                mostProbesOut.accumulateAndGet(probesOut.incrementAndGet(), Math::max);
                Thread.yield(); // give the others a chance to take a slot that is not free
                probesOut.decrementAndGet();
            }
            if (outcome.granted()) {
                outcome.permit().onSuccess();
            }
            return outcome;
        })) {
            clock.advance(HALF_OPEN_AFTER);
            for (int i = 0; i < callers; i++) {
                WaitOutcome o = waiting.next();
                assertThat(o.granted()).isTrue();
                assertThat(o.waited()).isEqualTo(HALF_OPEN_AFTER);
            }
            waiting.joinAll();
        }
        assertThat(mostProbesOut.get()).isBetween(1, permittedProbes);
        assertThat(probes.get()).isGreaterThanOrEqualTo(permittedProbes);
        assertThat(cb.waitingCallers()).isZero();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.totalSuccesses()).isEqualTo(callers);
        assertThat(s.totalRejected()).isZero();
        assertThat(s.transitions()).extracting(CircuitSnapshot.Transition::to).containsExactly(OPEN, HALF_OPEN, CLOSED);
    }

    @Test
    void interruptedCaller_stopsWaitingWithAReasonAndKeepsItsInterrupt() throws Exception {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom());
        try (WaitingCallers callers = new WaitingCallers(cb).start(1, outcome -> {
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            return outcome;
        })) {
            callers.close(); // interrupts the caller
            WaitOutcome refused = callers.next();
            assertThat(refused.granted()).isFalse();
            assertThat(refused.reason()).startsWith("did not wait for circuit 'shop'")
                    .contains("the waiting thread was interrupted");
            callers.joinAll();
        }
        assertThat(cb.waitingCallers()).isZero();
    }
}
