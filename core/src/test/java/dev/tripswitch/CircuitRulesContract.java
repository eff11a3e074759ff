package dev.tripswitch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tripswitch.CircuitState.CLOSED;
import static dev.tripswitch.CircuitState.HALF_OPEN;
import static dev.tripswitch.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The circuit's rules (DESIGN.md, "The circuit breaker") as one contract for the three engines that implement
 * them: the in-memory state machine, the file store's Java rules ({@code SharedRules}) and the Redis store's Lua
 * script ({@code transition.lua}). A subclass per engine says how a circuit is made on it; every scenario expects
 * of each the same states, totals, reasons and deadlines.
 *
 * <p>Time is {@link #clock}, a {@link MutableClock}: it is the circuits' clock, the file store times its rules by
 * the circuit's clock, and the Redis subclass opens its store with this clock standing in for the server's
 * {@code TIME}. Nothing here sleeps or races the real clock. Scenarios that need a second JVM (a probe holder that
 * dies) are skipped by an engine that keeps a circuit in one JVM.
 *
 * <p>Shared with the other modules' tests through core's test jar.
 */
public abstract class CircuitRulesContract {

    /** How long a probe's lease lasts without renewal, for the engines that lease probes to JVMs. */
    protected static final Duration PROBE_LEASE = Duration.ofMinutes(10);
    protected static final String NAME = "rules";
    protected static final Duration HALF_OPEN_AFTER = Duration.ofSeconds(30);
    protected static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(100);
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);
    private static final String HEALTH = "health check " + SwitchedHealth.class.getName();

    protected final MutableClock clock = MutableClock.start();

    /** Circuit {@link #NAME} as {@code config} describes it (its clock is {@link #clock}), on the engine under test. */
    protected abstract CircuitBreaker circuit(CircuitBreakerConfig config);

    /**
     * Circuit {@link #NAME} as a second JVM holds it (its own store connection, probe leases of
     * {@link #PROBE_LEASE}); an engine whose circuits live in one JVM aborts the scenario (an assumption).
     */
    protected abstract CircuitBreaker inAnotherJvm(CircuitBreakerConfig config);

    /** The JVM of {@code circuit} (from {@link #inAnotherJvm}) stops as a crash would: it renews no lease any more. */
    protected abstract void crash(CircuitBreaker circuit);

    /** A dependency the scenario switches on and off; asked by the circuits' health gate. */
    public static final class SwitchedHealth implements HealthCheck {
        static final AtomicBoolean healthy = new AtomicBoolean();
        static final AtomicInteger asked = new AtomicInteger();

        @Override
        public boolean isHealthy() {
            asked.incrementAndGet();
            return healthy.get();
        }
    }

    @BeforeEach
    void dependencyDown() {
        SwitchedHealth.healthy.set(false);
        SwitchedHealth.asked.set(0);
    }

    /** Threshold 3, halfOpenAfter 30 s, recoveryTimeout 100 s (waits 30, 60, 100, 100 s), one probe closes. */
    protected CircuitBreakerConfig.Builder settings() {
        return CircuitBreakerConfig.custom().clock(clock).failureThreshold(3).halfOpenAfter(HALF_OPEN_AFTER)
                .recoveryTimeout(RECOVERY_TIMEOUT);
    }

    private static void fail(CircuitBreaker cb, int times) {
        for (int i = 0; i < times; i++) {
            cb.recordFailure(new IOException("grid unreachable"));
        }
    }

    /** Opens {@code cb} one second after the clock's start (so the opening differs from the creation); returns when. */
    private Instant open(CircuitBreaker cb) {
        clock.advance(Duration.ofSeconds(1));
        Instant openedAt = clock.instant();
        fail(cb, 3);
        assertThat(cb.state()).isEqualTo(OPEN);
        return openedAt;
    }

    private static CircuitSnapshot.Transition lastTransition(CircuitBreaker cb) {
        var transitions = cb.snapshot().transitions();
        return transitions.get(transitions.size() - 1);
    }

    // ------------------------------------------------------------------ CLOSED

    @Test
    void failuresReachingTheThreshold_openTheCircuit_whichRefusesNamingWhy() {
        CircuitBreaker cb = circuit(settings().build());
        clock.advance(Duration.ofSeconds(1));
        fail(cb, 2);
        assertThat(cb.state()).isEqualTo(CLOSED);
        assertThat(cb.snapshot().failureCount()).isEqualTo(2);
        assertThat(cb.snapshot().thresholdPercent()).isEqualTo(200.0 / 3);

        clock.advance(Duration.ofSeconds(1));
        Instant openedAt = clock.instant();
        cb.recordFailure(new IOException("grid unreachable"));
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(OPEN);
        assertThat(s.failureCount()).isEqualTo(3);
        assertThat(s.stateSince()).isEqualTo(openedAt);
        assertThat(s.openedAt()).isEqualTo(openedAt);
        assertThat(s.currentWait()).isEqualTo(HALF_OPEN_AFTER);
        assertThat(s.nextProbeAt()).isEqualTo(openedAt.plus(HALF_OPEN_AFTER));
        assertThat(s.lastFailure()).isEqualTo(new CircuitSnapshot.FailureInfo("java.io.IOException",
                "grid unreachable", openedAt));
        assertThat(s.transitions()).containsExactly(new CircuitSnapshot.Transition(CLOSED, OPEN, openedAt,
                "3 consecutive failures, last: java.io.IOException: grid unreachable"));

        assertThat(cb.tryAcquirePermission()).isNull();
        assertThatThrownBy(cb::acquirePermission).isInstanceOf(CircuitOpenException.class)
                .hasMessage("circuit 'rules' is OPEN since 2026-01-01T00:00:02Z after 3 consecutive failures;"
                        + " last failure: java.io.IOException: grid unreachable;"
                        + " next probe at 2026-01-01T00:00:32Z");
        s = cb.snapshot();
        assertThat(s.totalRejected()).isEqualTo(2);
        assertThat(s.totalFailures()).isEqualTo(3);
        assertThat(s.timesOpened()).isEqualTo(1);
    }

    @Test
    void aSuccessBetweenFailures_resetsTheCount_whetherRecordedOrByAPermit() {
        CircuitBreaker cb = circuit(settings().build());
        fail(cb, 2);
        cb.recordSuccess();
        assertThat(cb.snapshot().failureCount()).isZero();
        fail(cb, 2);
        cb.acquirePermission().onSuccess();
        assertThat(cb.snapshot().failureCount()).isZero();
        fail(cb, 2);
        assertThat(cb.state()).isEqualTo(CLOSED);
        assertThat(cb.snapshot().failureCount()).isEqualTo(2);
        cb.recordFailure(); // no exception at hand
        assertThat(cb.state()).isEqualTo(OPEN);
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.totalFailures()).isEqualTo(7);
        assertThat(s.totalSuccesses()).isEqualTo(2);
        assertThat(s.lastFailure()).isEqualTo(new CircuitSnapshot.FailureInfo("(recorded without an exception)", null,
                clock.instant()));
        assertThat(lastTransition(cb).reason())
                .isEqualTo("3 consecutive failures, last: (recorded without an exception)");
    }

    @Test
    void theReasonOfAnOpening_namesTheFirstLineOfTheLastFailure_orItsTypeWhenTheMessageIsBlank() {
        CircuitBreaker cb = circuit(settings().build());
        fail(cb, 2);
        cb.recordFailure(new IOException("no such element\nBuild info: version 4.52"));
        assertThat(lastTransition(cb).reason())
                .isEqualTo("3 consecutive failures, last: java.io.IOException: no such element");
        assertThat(cb.snapshot().lastFailure().message()).isEqualTo("no such element\nBuild info: version 4.52");

        clock.advance(HALF_OPEN_AFTER);
        cb.acquirePermission().onFailure(new IOException("x".repeat(250)));
        assertThat(lastTransition(cb).reason()).isEqualTo("probe failed: java.io.IOException: " + "x".repeat(200)
                + "...; next wait PT1M");

        clock.advance(Duration.ofSeconds(60));
        cb.acquirePermission().onFailure(new IOException("   "));
        assertThat(lastTransition(cb).reason()).isEqualTo("probe failed: java.io.IOException; next wait PT1M40S");

        clock.advance(RECOVERY_TIMEOUT);
        cb.acquirePermission().onFailure(new IOException("connection reset\r\n\tat line 2"));
        assertThat(lastTransition(cb).reason()).as("a Windows line break ends the line too")
                .isEqualTo("probe failed: java.io.IOException: connection reset; next wait PT1M40S");

        clock.advance(RECOVERY_TIMEOUT);
        cb.acquirePermission().onFailure(new IOException("élément introuvable ".repeat(15)));
        assertThat(lastTransition(cb).reason()).as("200 characters, not bytes").isEqualTo("probe failed:"
                + " java.io.IOException: " + "élément introuvable ".repeat(10) + "...; next wait PT1M40S");
    }

    @Test
    void aClosedPermit_drivesOnlyTheClosedWindowItWasGrantedIn() {
        CircuitBreaker cb = circuit(settings().build());
        CircuitPermit early = cb.acquirePermission();
        assertThat(early.grantedIn()).isEqualTo(CLOSED);
        Instant openedAt = open(cb);
        early.onFailure(new IOException("late"));
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(OPEN);
        assertThat(s.nextProbeAt()).isEqualTo(openedAt.plus(HALF_OPEN_AFTER));
        assertThat(s.failureCount()).isEqualTo(3);
        assertThat(s.totalFailures()).as("counted in the totals").isEqualTo(4);
        assertThat(s.timesOpened()).isEqualTo(1);

        clock.advance(HALF_OPEN_AFTER);
        cb.acquirePermission().onSuccess();
        assertThat(cb.state()).isEqualTo(CLOSED);
        fail(cb, 2);
        early.onSuccess(); // granted in an earlier CLOSED window: it does not reset this window's count
        assertThat(cb.snapshot().failureCount()).isEqualTo(2);
        assertThat(cb.snapshot().totalSuccesses()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ OPEN

    @Test
    void failuresAndSuccessesRecordedWhileOpen_changeNoTiming() {
        CircuitBreaker cb = circuit(settings().build());
        Instant openedAt = open(cb);
        clock.advance(Duration.ofSeconds(20));
        for (int i = 0; i < 7; i++) {
            cb.recordFailure(new IOException("still down"));
        }
        cb.recordSuccess();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.totalSuccesses()).isEqualTo(1);
        assertThat(s.state()).isEqualTo(OPEN);
        assertThat(s.stateSince()).isEqualTo(openedAt);
        assertThat(s.openedAt()).isEqualTo(openedAt);
        assertThat(s.nextProbeAt()).isEqualTo(openedAt.plus(HALF_OPEN_AFTER));
        assertThat(s.currentWait()).isEqualTo(HALF_OPEN_AFTER);
        assertThat(s.failureCount()).isEqualTo(3);
        assertThat(s.timesOpened()).isEqualTo(1);
        assertThat(s.totalFailures()).isEqualTo(10);
        assertThat(s.lastFailure()).isEqualTo(new CircuitSnapshot.FailureInfo("java.io.IOException", "still down",
                clock.instant()));
        assertThat(s.transitions()).hasSize(1);

        clock.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(cb.tryAcquirePermission()).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(cb.state()).isEqualTo(HALF_OPEN);
    }

    @Test
    void openTurnsHalfOpen_whenSomebodyAsksAfterHalfOpenAfter_notBefore_andNotByItself() {
        CircuitBreaker cb = circuit(settings().build());
        Instant openedAt = open(cb);
        clock.advance(HALF_OPEN_AFTER.minusMillis(1));
        assertThat(cb.state()).isEqualTo(OPEN);
        assertThat(cb.tryAcquirePermission()).isNull();

        clock.advance(Duration.ofSeconds(14).plusMillis(1)); // due 14 s ago; nobody asked meanwhile
        Instant askedAt = clock.instant();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(HALF_OPEN);
        assertThat(s.stateSince()).isEqualTo(askedAt);
        assertThat(s.openedAt()).isEqualTo(openedAt);
        assertThat(s.nextProbeAt()).isNull();
        assertThat(s.currentWait()).isEqualTo(HALF_OPEN_AFTER);
        assertThat(s.transitions()).last()
                .isEqualTo(new CircuitSnapshot.Transition(OPEN, HALF_OPEN, askedAt, "wait of PT30S elapsed"));
        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).isNotNull();
        assertThat(probe.isProbe()).isTrue();
        assertThat(probe.grantedIn()).isEqualTo(HALF_OPEN);
    }

    @Test
    void nextProbeAt_isTheOpeningPlusTheCurrentWait_andOnlyWhileOpen() {
        CircuitBreaker cb = circuit(settings().build());
        assertThat(cb.snapshot().nextProbeAt()).isNull();
        fail(cb, 2);
        assertThat(cb.snapshot().nextProbeAt()).isNull();
        Instant openedAt = open(cb);
        assertThat(cb.snapshot().nextProbeAt()).isEqualTo(openedAt.plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        CircuitPermit probe = cb.acquirePermission();
        assertThat(cb.snapshot().nextProbeAt()).as("HALF_OPEN").isNull();
        clock.advance(Duration.ofSeconds(3)); // the probe takes its time
        probe.onFailure(new IOException("still down"));
        assertThat(cb.snapshot().nextProbeAt()).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(cb.snapshot().openedAt()).isEqualTo(clock.instant());
    }

    // ------------------------------------------------------------------ HALF_OPEN

    @Test
    void halfOpen_letsThePermittedProbesThrough_andAReleasedOrIgnoredProbeReturnsItsSlot() {
        CircuitBreaker cb = circuit(settings().permittedProbes(2).successThreshold(2).build());
        open(cb);
        clock.advance(HALF_OPEN_AFTER);
        CircuitPermit a = cb.tryAcquirePermission();
        CircuitPermit b = cb.tryAcquirePermission();
        assertThat(a).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(b).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(cb.tryAcquirePermission()).as("both slots taken").isNull();

        a.release();
        assertThat(cb.state()).isEqualTo(HALF_OPEN);
        CircuitPermit c = cb.tryAcquirePermission();
        assertThat(c).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(cb.tryAcquirePermission()).isNull();

        c.onFailure(new AssertionError("wrong title")); // does not count: returns the slot
        assertThat(cb.state()).isEqualTo(HALF_OPEN);
        CircuitPermit d = cb.tryAcquirePermission();
        assertThat(d).isNotNull().matches(CircuitPermit::isProbe);

        b.onSuccess();
        assertThat(cb.state()).isEqualTo(HALF_OPEN);
        d.onSuccess();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.transitions()).last().extracting(CircuitSnapshot.Transition::reason)
                .isEqualTo("2 successful probes");
        assertThat(s.totalRejected()).isEqualTo(2);
        assertThat(s.totalIgnored()).isEqualTo(1);
        assertThat(s.totalSuccesses()).isEqualTo(2);
    }

    @Test
    void aProbeHolderThatDies_keepsItsSlotUntilItsLeaseRunsOut_thenAnotherCallerProbes() {
        CircuitBreaker here = circuit(settings().build());
        open(here);
        CircuitBreaker there = inAnotherJvm(settings().build()); // joins now: it reads the opening from the store
        clock.advance(HALF_OPEN_AFTER);
        CircuitPermit held = there.tryAcquirePermission();
        assertThat(held).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(here.tryAcquirePermission()).as("the one probe slot is held in the other JVM").isNull();

        crash(there);
        clock.advance(PROBE_LEASE.minusMillis(1));
        assertThat(here.tryAcquirePermission()).as("the lease still runs").isNull();
        assertThat(here.state()).isEqualTo(HALF_OPEN);
        clock.advance(Duration.ofMillis(1));
        CircuitPermit probe = here.tryAcquirePermission();
        assertThat(probe).isNotNull().matches(CircuitPermit::isProbe);
        probe.onSuccess();
        CircuitSnapshot s = here.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.totalRejected()).isEqualTo(2);
    }

    @Test
    void successfulProbes_closeAtSuccessThreshold_aRecordedSuccessCounting_andClosingResetsTheBackoff() {
        CircuitBreaker cb = circuit(settings().successThreshold(2).build());
        open(cb);
        clock.advance(HALF_OPEN_AFTER);
        cb.acquirePermission().onFailure(new IOException("still down"));
        assertThat(cb.snapshot().currentWait()).isEqualTo(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        cb.acquirePermission().onSuccess();
        assertThat(cb.state()).as("one of two successes").isEqualTo(HALF_OPEN);
        clock.advance(Duration.ofSeconds(2));
        Instant closedAt = clock.instant();
        cb.recordSuccess(); // a success recorded outside a permit counts as a probe that held no slot
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.stateSince()).isEqualTo(closedAt);
        assertThat(s.failureCount()).isZero();
        assertThat(s.openedAt()).isNull();
        assertThat(s.nextProbeAt()).isNull();
        assertThat(s.currentWait()).isEqualTo(HALF_OPEN_AFTER);
        assertThat(s.transitions()).extracting(CircuitSnapshot.Transition::to)
                .containsExactly(OPEN, HALF_OPEN, OPEN, HALF_OPEN, CLOSED);
        assertThat(s.transitions()).last()
                .isEqualTo(new CircuitSnapshot.Transition(HALF_OPEN, CLOSED, closedAt, "2 successful probes"));

        clock.advance(Duration.ofSeconds(1));
        fail(cb, 3);
        assertThat(cb.snapshot().currentWait()).as("the backoff starts again").isEqualTo(HALF_OPEN_AFTER);
        assertThat(cb.snapshot().nextProbeAt()).isEqualTo(clock.instant().plus(HALF_OPEN_AFTER));
    }

    @Test
    void aFailedProbe_reopensWithTheWaitDoubled_cappedAtRecoveryTimeout() {
        CircuitBreaker cb = circuit(settings().build());
        open(cb);
        long[] expectedWaits = {60, 100, 100};
        String[] shown = {"PT1M", "PT1M40S", "PT1M40S"};
        Duration wait = HALF_OPEN_AFTER;
        for (int i = 0; i < expectedWaits.length; i++) {
            clock.advance(wait.minusMillis(1));
            assertThat(cb.tryAcquirePermission()).isNull();
            clock.advance(Duration.ofMillis(1));
            CircuitPermit probe = cb.acquirePermission();
            assertThat(probe.isProbe()).isTrue();
            Instant failedAt = clock.instant();
            probe.onFailure(new IOException("still down"));
            wait = Duration.ofSeconds(expectedWaits[i]);
            CircuitSnapshot s = cb.snapshot();
            assertThat(s.state()).isEqualTo(OPEN);
            assertThat(s.currentWait()).isEqualTo(wait);
            assertThat(s.openedAt()).isEqualTo(failedAt);
            assertThat(s.stateSince()).isEqualTo(failedAt);
            assertThat(s.nextProbeAt()).isEqualTo(failedAt.plus(wait));
            assertThat(s.failureCount()).as("the count that opened it").isEqualTo(3);
            assertThat(s.timesOpened()).isEqualTo(2 + i);
            assertThat(s.transitions()).last().isEqualTo(new CircuitSnapshot.Transition(HALF_OPEN, OPEN, failedAt,
                    "probe failed: java.io.IOException: still down; next wait " + shown[i]));
        }
        clock.advance(wait);
        assertThat(cb.state()).isEqualTo(HALF_OPEN);
        cb.recordFailure(new IOException("down again")); // recorded outside a permit: re-opens all the same
        assertThat(cb.state()).isEqualTo(OPEN);
        assertThat(cb.snapshot().currentWait()).isEqualTo(RECOVERY_TIMEOUT);
        assertThat(cb.snapshot().timesOpened()).isEqualTo(5);
    }

    @Test
    void aProbeStillOutWhenItsSiblingFails_keepsItsSlot_andItsLateOutcomeDrivesNothing() {
        CircuitBreaker cb = circuit(settings().permittedProbes(2).build());
        open(cb);
        clock.advance(HALF_OPEN_AFTER);
        CircuitPermit slow = cb.acquirePermission();
        cb.acquirePermission().onFailure(new IOException("down"));
        clock.advance(Duration.ofSeconds(60));
        CircuitPermit next = cb.tryAcquirePermission();
        assertThat(next).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(cb.tryAcquirePermission()).as("the slow probe still holds a slot").isNull();
        slow.onSuccess();
        assertThat(cb.state()).as("an outcome of an earlier window drives nothing").isEqualTo(HALF_OPEN);
        CircuitPermit third = cb.tryAcquirePermission();
        assertThat(third).as("its slot is free").isNotNull().matches(CircuitPermit::isProbe);
        next.onSuccess();
        assertThat(cb.state()).isEqualTo(CLOSED);
        third.onFailure(new IOException("late")); // its window closed: history
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.failureCount()).isZero();
        assertThat(s.totalSuccesses()).isEqualTo(2);
        assertThat(s.totalFailures()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ health check

    @Test
    void aHealthyAnswer_turnsOpenHalfOpenBeforeTheWaitIsOver_andTheAskerIsTheProbe() {
        CircuitBreaker cb = circuit(settings().healthCheck(SwitchedHealth.class)
                .healthCheckInterval(HEALTH_INTERVAL).build());
        Instant openedAt = open(cb);
        assertThat(cb.snapshot().nextProbeAt()).as("the check decides; a probe by time only at recoveryTimeout")
                .isEqualTo(openedAt.plus(RECOVERY_TIMEOUT));
        clock.advance(HEALTH_INTERVAL);
        assertThat(cb.state()).as("asked: not healthy").isEqualTo(OPEN);
        clock.advance(HALF_OPEN_AFTER);
        assertThat(cb.tryAcquirePermission()).as("past halfOpenAfter, still not healthy").isNull();

        SwitchedHealth.healthy.set(true);
        clock.advance(HEALTH_INTERVAL);
        Instant healthyAt = clock.instant();
        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(cb.tryAcquirePermission()).as("one probe slot").isNull();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(HALF_OPEN);
        assertThat(s.stateSince()).isEqualTo(healthyAt);
        assertThat(s.transitions()).last().isEqualTo(new CircuitSnapshot.Transition(OPEN, HALF_OPEN, healthyAt,
                HEALTH + " reported the dependency healthy"));
        probe.onSuccess();
        assertThat(cb.state()).isEqualTo(CLOSED);
    }

    @Test
    void aHealthCheckThatNeverAnswersHealthy_letsAProbeThroughAtRecoveryTimeoutOfTheOpening() {
        CircuitBreaker cb = circuit(settings().healthCheck(SwitchedHealth.class)
                .healthCheckInterval(HEALTH_INTERVAL).build());
        Instant openedAt = open(cb);
        clock.advance(RECOVERY_TIMEOUT.minusMillis(1));
        assertThat(cb.tryAcquirePermission()).isNull();
        assertThat(cb.state()).isEqualTo(OPEN);
        clock.advance(Duration.ofMillis(1));
        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(lastTransition(cb)).isEqualTo(new CircuitSnapshot.Transition(OPEN, HALF_OPEN,
                openedAt.plus(RECOVERY_TIMEOUT), HEALTH + " did not answer healthy within recoveryTimeout 100s of"
                        + " the opening"));
    }

    // ------------------------------------------------------------------ early warning (health check while CLOSED)

    private CircuitBreakerConfig.Builder withHealthCheck() {
        return settings().healthCheck(SwitchedHealth.class).healthCheckInterval(HEALTH_INTERVAL);
    }

    @Test
    void aDependencyDownBeforeTheFirstTest_opensTheCircuitAtItsFirstAsk_withoutAFailure() {
        CircuitBreaker cb = circuit(withHealthCheck().build());
        clock.advance(Duration.ofSeconds(1));
        Instant openedAt = clock.instant();
        assertThat(cb.tryAcquirePermission()).as("the preflight answer opens at once").isNull();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(OPEN);
        assertThat(s.openedAt()).isEqualTo(openedAt);
        assertThat(s.nextProbeAt()).as("the check decides when the probe goes").isEqualTo(openedAt.plus(RECOVERY_TIMEOUT));
        assertThat(s.transitions()).containsExactly(new CircuitSnapshot.Transition(CLOSED, OPEN, openedAt,
                HEALTH + " reported the dependency down before any test ran: it answered false"));
        assertThat(s.totalFailures()).isZero();
        assertThat(s.totalRejected()).isEqualTo(1);
        assertThat(s.timesOpened()).isEqualTo(1);
        assertThat(SwitchedHealth.asked).hasValue(1);

        clock.advance(HEALTH_INTERVAL.minusMillis(1));
        assertThat(cb.tryAcquirePermission()).isNull();
        assertThat(SwitchedHealth.asked).as("not again within the interval").hasValue(1);
        SwitchedHealth.healthy.set(true);
        clock.advance(Duration.ofMillis(1));
        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).isNotNull().matches(CircuitPermit::isProbe);
        probe.onSuccess();
        assertThat(cb.state()).isEqualTo(CLOSED);
        assertThat(cb.snapshot().totalFailures()).isZero();
    }

    @Test
    void whileClosed_unhealthyThresholdAnswersInARowOpenTheCircuit_oneBadAnswerBetweenGoodOnesDoesNot() {
        CircuitBreaker cb = circuit(withHealthCheck().unhealthyThreshold(2).build());
        SwitchedHealth.healthy.set(true);
        assertThat(cb.tryAcquirePermission()).as("preflight: healthy").isNotNull();
        assertThat(cb.tryAcquirePermission()).as("up: asked once per interval, not per caller").isNotNull();
        assertThat(SwitchedHealth.asked).hasValue(1);

        SwitchedHealth.healthy.set(false); // flapping: one bad answer, then a good one
        clock.advance(HEALTH_INTERVAL);
        assertThat(cb.tryAcquirePermission()).as("one unhealthy answer").isNotNull();
        SwitchedHealth.healthy.set(true);
        assertThat(cb.tryAcquirePermission()).as("in doubt: the next caller asks at once, healthy").isNotNull();
        assertThat(cb.tryAcquirePermission()).as("up again: not asked before the interval").isNotNull();
        assertThat(cb.state()).isEqualTo(CLOSED);
        assertThat(SwitchedHealth.asked).hasValue(3);

        SwitchedHealth.healthy.set(false);
        clock.advance(HEALTH_INTERVAL);
        assertThat(cb.tryAcquirePermission()).as("one unhealthy answer").isNotNull();
        clock.advance(Duration.ofMillis(10));
        Instant openedAt = clock.instant();
        assertThat(cb.tryAcquirePermission()).as("the second unhealthy answer in a row, asked at once").isNull();
        assertThat(SwitchedHealth.asked).hasValue(5);
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(OPEN);
        assertThat(s.openedAt()).isEqualTo(openedAt);
        assertThat(s.transitions()).containsExactly(new CircuitSnapshot.Transition(CLOSED, OPEN, openedAt,
                HEALTH + " answered not healthy 2 times in a row while CLOSED (unhealthyThreshold 2), last: it"
                        + " answered false"));
        assertThat(s.totalFailures()).isZero();
        assertThat(s.timesOpened()).isEqualTo(1);
    }

    @Test
    void aCheckThatStaysUnhealthyWhileAProbePasses_isNoLongerAskedWhileClosed() {
        CircuitBreaker cb = circuit(withHealthCheck().build()); // a wrong check: it never answers healthy
        clock.advance(Duration.ofSeconds(1));
        Instant openedAt = clock.instant();
        assertThat(cb.tryAcquirePermission()).as("the preflight opens").isNull();
        clock.advance(RECOVERY_TIMEOUT);
        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).as("recoveryTimeout after the opening the probe goes anyway").isNotNull()
                .matches(CircuitPermit::isProbe);
        probe.onSuccess();
        assertThat(cb.state()).isEqualTo(CLOSED);
        int asked = SwitchedHealth.asked.get();
        for (int i = 0; i < 5; i++) {
            clock.advance(HEALTH_INTERVAL);
            assertThat(cb.tryAcquirePermission()).as("a passing probe outweighs the check").isNotNull();
        }
        assertThat(SwitchedHealth.asked).as("not asked while CLOSED any more").hasValue(asked);
        assertThat(cb.snapshot().timesOpened()).isEqualTo(1);
        assertThat(openedAt).isEqualTo(cb.snapshot().transitions().get(0).at());
    }

    @Test
    void withoutEarlyWarning_aClosedCircuitNeverAsksItsHealthCheck() {
        CircuitBreaker cb = circuit(withHealthCheck().earlyWarning(false).build());
        for (int i = 0; i < 10; i++) {
            cb.tryAcquirePermission().onSuccess();
            clock.advance(HEALTH_INTERVAL);
        }
        assertThat(cb.state()).isEqualTo(CLOSED);
        assertThat(SwitchedHealth.asked).hasValue(0);
    }

    @Test
    void aWarningInOneJvm_opensTheCircuitForEveryJvm() {
        CircuitBreakerConfig config = withHealthCheck().unhealthyThreshold(1).build();
        CircuitBreaker here = circuit(config);
        CircuitBreaker there = inAnotherJvm(config);
        SwitchedHealth.healthy.set(true);
        assertThat(here.tryAcquirePermission()).isNotNull();
        assertThat(there.tryAcquirePermission()).isNotNull();
        SwitchedHealth.healthy.set(false);
        clock.advance(HEALTH_INTERVAL);
        assertThat(here.tryAcquirePermission()).isNull();
        CircuitSnapshot seen = there.snapshot();
        assertThat(seen.state()).isEqualTo(OPEN);
        assertThat(seen.transitions()).last().extracting(CircuitSnapshot.Transition::reason)
                .isEqualTo(HEALTH + " answered not healthy 1 time in a row while CLOSED (unhealthyThreshold 1), last:"
                        + " it answered false");
        assertThat(there.tryAcquirePermission()).isNull();
        assertThat(SwitchedHealth.asked).as("the other JVM's check is not due yet").hasValue(3);
    }

    // ------------------------------------------------------------------ reset and totals

    @Test
    void reset_returnsAFreshClosedCircuit_andAProbeGrantedBeforeItDrivesNothing() {
        CircuitBreaker cb = circuit(settings().build());
        open(cb);
        clock.advance(HALF_OPEN_AFTER);
        CircuitPermit probe = cb.acquirePermission();
        clock.advance(Duration.ofSeconds(1));
        Instant resetAt = clock.instant();
        cb.reset();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.stateSince()).isEqualTo(resetAt);
        assertThat(s.failureCount()).isZero();
        assertThat(s.totalSuccesses()).isZero();
        assertThat(s.totalFailures()).isZero();
        assertThat(s.totalIgnored()).isZero();
        assertThat(s.totalRejected()).isZero();
        assertThat(s.timesOpened()).isZero();
        assertThat(s.lastFailure()).isNull();
        assertThat(s.openedAt()).isNull();
        assertThat(s.nextProbeAt()).isNull();
        assertThat(s.currentWait()).isEqualTo(HALF_OPEN_AFTER);
        assertThat(s.transitions())
                .containsExactly(new CircuitSnapshot.Transition(HALF_OPEN, CLOSED, resetAt, "reset"));
        assertThat(cb.tryAcquirePermission()).isNotNull().matches(p -> p.grantedIn() == CLOSED);

        probe.onFailure(new IOException("late"));
        s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.failureCount()).isZero();
        assertThat(s.totalFailures()).as("counted in the totals").isEqualTo(1);

        fail(cb, 3);
        assertThat(cb.snapshot().currentWait()).isEqualTo(HALF_OPEN_AFTER);
        assertThat(cb.snapshot().timesOpened()).isEqualTo(1);
    }

    @Test
    void totals_countEverySuccessFailureIgnoredFailureRefusalAndOpeningOnce() {
        CircuitBreaker cb = circuit(settings().build());
        for (int i = 0; i < 4; i++) {
            cb.acquirePermission().onSuccess();
        }
        cb.recordSuccess();
        cb.recordFailure(new AssertionError("expected 3 but was 4"));
        cb.recordFailure(new AssertionError("expected 3 but was 5"));
        cb.acquirePermission().onFailure(new AssertionError("wrong title"));
        fail(cb, 3);
        assertThat(cb.tryAcquirePermission()).isNull();
        assertThat(cb.tryAcquirePermission()).isNull();
        assertThatThrownBy(cb::acquirePermission).isInstanceOf(CircuitOpenException.class);
        clock.advance(HALF_OPEN_AFTER);
        cb.acquirePermission().onFailure(new IOException("still down"));
        clock.advance(Duration.ofSeconds(60));
        CircuitPermit probe = cb.acquirePermission();
        assertThat(cb.tryAcquirePermission()).isNull();
        probe.onSuccess();
        CircuitSnapshot s = cb.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.totalSuccesses()).isEqualTo(6);
        assertThat(s.totalFailures()).isEqualTo(4);
        assertThat(s.totalIgnored()).isEqualTo(3);
        assertThat(s.totalRejected()).isEqualTo(4);
        assertThat(s.timesOpened()).isEqualTo(2);
        assertThat(s.transitions()).extracting(CircuitSnapshot.Transition::to)
                .containsExactly(OPEN, HALF_OPEN, OPEN, HALF_OPEN, CLOSED);
    }
}
