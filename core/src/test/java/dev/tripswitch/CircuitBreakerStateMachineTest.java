package dev.tripswitch;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import static dev.tripswitch.CircuitState.CLOSED;
import static dev.tripswitch.CircuitState.HALF_OPEN;
import static dev.tripswitch.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every row of DESIGN.md's settings table and every rule of its "Rules" list, driven by a controllable clock. */
class CircuitBreakerStateMachineTest {

    private final MutableClock clock = MutableClock.start();

    private CircuitBreaker circuit(CircuitBreakerConfig.Builder b) {
        return CircuitBreaker.of("browser", b.clock(clock).build());
    }

    private CircuitBreaker defaults() {
        return circuit(CircuitBreakerConfig.custom());
    }

    private static void fail(CircuitBreaker cb, int times) {
        for (int i = 0; i < times; i++) {
            cb.recordFailure(new IOException("grid unreachable " + i));
        }
    }

    private void openAndWait(CircuitBreaker cb, Duration wait) {
        fail(cb, cb.config().failureThreshold());
        assertThat(cb.state()).isEqualTo(OPEN);
        clock.advance(wait);
    }

    @Nested
    class FailureThreshold {
        @Test
        void oneFailureShortOfTheDefaultThreshold_staysClosed() {
            CircuitBreaker cb = defaults();
            fail(cb, CircuitBreakerConfig.DEFAULT_FAILURE_THRESHOLD - 1);
            assertThat(cb.state()).isEqualTo(CLOSED);
            assertThat(cb.snapshot().failureCount()).isEqualTo(4);
        }

        @Test
        void consecutiveFailuresReachingTheThreshold_open() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().failureThreshold(3));
            fail(cb, 3);
            assertThat(cb.state()).isEqualTo(OPEN);
            assertThat(cb.snapshot().timesOpened()).isEqualTo(1);
            assertThat(cb.tryAcquirePermission()).isNull();
        }

        @Test
        void aSuccessBetweenFailures_resetsTheCount() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().failureThreshold(3));
            fail(cb, 2);
            cb.recordSuccess();
            fail(cb, 2);
            assertThat(cb.state()).isEqualTo(CLOSED);
            assertThat(cb.snapshot().failureCount()).isEqualTo(2);
        }

        @Test
        void aPermitSuccessBetweenFailures_resetsTheCount() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().failureThreshold(3));
            fail(cb, 2);
            cb.acquirePermission().onSuccess();
            assertThat(cb.snapshot().failureCount()).isZero();
        }
    }

    @Nested
    class HalfOpenAfter {
        @Test
        void beforeTheWaitIsOver_callsAreRefused() {
            CircuitBreaker cb = defaults();
            openAndWait(cb, CircuitBreakerConfig.DEFAULT_HALF_OPEN_AFTER.minusMillis(1));
            assertThat(cb.state()).isEqualTo(OPEN);
            assertThat(cb.tryAcquirePermission()).isNull();
            assertThat(cb.snapshot().totalRejected()).isEqualTo(1);
        }

        @Test
        void whenTheWaitIsOver_theNextAskerFindsItHalfOpen() {
            CircuitBreaker cb = defaults();
            openAndWait(cb, CircuitBreakerConfig.DEFAULT_HALF_OPEN_AFTER);
            CircuitPermit probe = cb.tryAcquirePermission();
            assertThat(probe).isNotNull();
            assertThat(probe.isProbe()).isTrue();
            assertThat(cb.state()).isEqualTo(HALF_OPEN);
        }

        @Test
        void theTransitionHappensWhenSomebodyAsks_notWhenItBecameDue() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().halfOpenAfter(Duration.ofSeconds(10)));
            openAndWait(cb, Duration.ofSeconds(25));
            Instant askedAt = clock.instant();
            assertThat(cb.snapshot().state()).isEqualTo(HALF_OPEN);
            CircuitSnapshot.Transition last = cb.snapshot().transitions().get(1);
            assertThat(last.to()).isEqualTo(HALF_OPEN);
            assertThat(last.at()).isEqualTo(askedAt);
        }

        @Test
        void creatingAndOpeningCircuits_startsNoThreads() throws InterruptedException {
            // run in a thread group of its own: a thread the circuits started would join it, while threads
            // other parts of this JVM start or end meanwhile do not count
            ThreadGroup circuits = new ThreadGroup("circuits-under-test");
            Thread worker = new Thread(circuits, () -> {
                for (int i = 0; i < 50; i++) {
                    CircuitBreaker cb = CircuitBreaker.of("c" + i, CircuitBreakerConfig.custom().clock(clock).build());
                    fail(cb, 5);
                }
            }, "circuit-maker");
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
            worker.setUncaughtExceptionHandler((t, e) -> failed.set(e));
            worker.start();
            worker.join();
            assertThat(failed.get()).as("the circuits' own work").isNull();
            assertThat(circuits.activeCount()).isZero();
        }
    }

    @Nested
    class RecoveryTimeout {
        @Test
        void eachFailedProbe_doublesTheWaitUpToTheCap() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom()
                    .halfOpenAfter(Duration.ofSeconds(10)).recoveryTimeout(Duration.ofSeconds(35)));
            fail(cb, 5);
            assertThat(cb.snapshot().currentWait()).isEqualTo(Duration.ofSeconds(10));
            long[] expectedWaits = {20, 35, 35};
            Duration wait = Duration.ofSeconds(10);
            for (long expected : expectedWaits) {
                clock.advance(wait);
                CircuitPermit probe = cb.acquirePermission();
                Instant failedAt = clock.instant();
                probe.onFailure(new IOException("still down"));
                CircuitSnapshot s = cb.snapshot();
                assertThat(s.state()).isEqualTo(OPEN);
                assertThat(s.currentWait()).isEqualTo(Duration.ofSeconds(expected));
                assertThat(s.nextProbeAt()).isEqualTo(failedAt.plusSeconds(expected));
                wait = Duration.ofSeconds(expected);
            }
        }

        @Test
        void oneMillisecondBeforeTheDoubledWait_stillRefuses() {
            CircuitBreaker cb = defaults();
            openAndWait(cb, Duration.ofSeconds(30));
            cb.acquirePermission().onFailure(new IOException("down"));
            clock.advance(Duration.ofSeconds(60).minusMillis(1));
            assertThat(cb.tryAcquirePermission()).isNull();
            clock.advance(Duration.ofMillis(1));
            assertThat(cb.tryAcquirePermission()).isNotNull();
        }

        @Test
        void closingResetsTheBackoff() {
            CircuitBreaker cb = defaults();
            openAndWait(cb, Duration.ofSeconds(30));
            cb.acquirePermission().onFailure(new IOException("down"));
            clock.advance(Duration.ofSeconds(60));
            cb.acquirePermission().onSuccess();
            assertThat(cb.state()).isEqualTo(CLOSED);
            fail(cb, 5);
            assertThat(cb.snapshot().currentWait()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Nested
    class PermittedProbes {
        @Test
        void inHalfOpen_onlyThePermittedNumberOfProbesGoThrough() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().permittedProbes(2).successThreshold(2));
            openAndWait(cb, Duration.ofSeconds(30));
            CircuitPermit a = cb.tryAcquirePermission();
            CircuitPermit b = cb.tryAcquirePermission();
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
            assertThat(cb.tryAcquirePermission()).isNull();
        }

        @Test
        void aReleasedProbe_returnsItsSlot() {
            CircuitBreaker cb = defaults();
            openAndWait(cb, Duration.ofSeconds(30));
            CircuitPermit probe = cb.acquirePermission();
            assertThat(cb.tryAcquirePermission()).isNull();
            probe.release();
            assertThat(cb.state()).isEqualTo(HALF_OPEN);
            assertThat(cb.tryAcquirePermission()).isNotNull();
        }

        @Test
        void aProbeReportedTwice_returnsItsSlotOnce() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().permittedProbes(2).successThreshold(3));
            openAndWait(cb, Duration.ofSeconds(30));
            CircuitPermit a = cb.acquirePermission();
            CircuitPermit b = cb.acquirePermission();
            a.release();
            a.release();
            assertThat(cb.tryAcquirePermission()).isNotNull();
            assertThat(cb.tryAcquirePermission()).isNull();
            b.release();
        }

        @Test
        void aProbeStillOutWhenItsSiblingReopens_keepsItsSlotInTheNextHalfOpen() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().permittedProbes(2));
            openAndWait(cb, Duration.ofSeconds(30));
            CircuitPermit slow = cb.acquirePermission();
            cb.acquirePermission().onFailure(new IOException("down"));
            clock.advance(Duration.ofSeconds(60));
            assertThat(cb.tryAcquirePermission()).isNotNull();
            assertThat(cb.tryAcquirePermission()).as("the slow probe still holds a slot").isNull();
            slow.onSuccess();
            assertThat(cb.state()).as("an outcome of an earlier window drives nothing").isEqualTo(HALF_OPEN);
            assertThat(cb.tryAcquirePermission()).isNotNull();
        }
    }

    @Nested
    class SuccessThreshold {
        @Test
        void fewerSuccessfulProbesThanTheThreshold_keepItHalfOpen() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().successThreshold(2));
            openAndWait(cb, Duration.ofSeconds(30));
            cb.acquirePermission().onSuccess();
            assertThat(cb.state()).isEqualTo(HALF_OPEN);
            cb.acquirePermission().onSuccess();
            assertThat(cb.state()).isEqualTo(CLOSED);
        }

        @Test
        void aFailedProbeInHalfOpen_reopensWithTheDoubledWait() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().successThreshold(2));
            openAndWait(cb, Duration.ofSeconds(30));
            cb.acquirePermission().onSuccess();
            cb.acquirePermission().onFailure(new IOException("flaky"));
            assertThat(cb.state()).isEqualTo(OPEN);
            assertThat(cb.snapshot().currentWait()).isEqualTo(Duration.ofSeconds(60));
            assertThat(cb.snapshot().timesOpened()).isEqualTo(2);
        }

        @Test
        void aDirectlyRecordedFailureInHalfOpen_reopens() {
            CircuitBreaker cb = defaults();
            openAndWait(cb, Duration.ofSeconds(30));
            assertThat(cb.state()).isEqualTo(HALF_OPEN);
            cb.recordFailure();
            assertThat(cb.state()).isEqualTo(OPEN);
        }
    }

    @Nested
    class RecordOnIgnoreOn {
        @Test
        void assertionErrors_doNotCountByDefault() {
            CircuitBreaker cb = defaults();
            for (int i = 0; i < 10; i++) {
                cb.recordFailure(new AssertionError("expected 3 but was 4"));
            }
            assertThat(cb.state()).isEqualTo(CLOSED);
            assertThat(cb.snapshot().totalIgnored()).isEqualTo(10);
            assertThat(cb.snapshot().totalFailures()).isZero();
        }

        @Test
        void everyOtherThrowable_countsByDefault() {
            CircuitBreaker cb = defaults();
            cb.recordFailure(new IllegalStateException());
            cb.recordFailure(new OutOfMemoryError());
            cb.recordFailure(new Exception());
            assertThat(cb.snapshot().failureCount()).isEqualTo(3);
        }

        @Test
        void recordOn_narrowsWhatCounts() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().recordOn(IOException.class).failureThreshold(1));
            cb.recordFailure(new IllegalStateException("not an I/O problem"));
            assertThat(cb.state()).isEqualTo(CLOSED);
            cb.recordFailure(new java.net.ConnectException("refused"));
            assertThat(cb.state()).isEqualTo(OPEN);
        }

        @Test
        void ignoreOn_winsOverRecordOn() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().recordOn(IOException.class)
                    .ignoreOn(java.io.FileNotFoundException.class).failureThreshold(1));
            cb.recordFailure(new java.io.FileNotFoundException("x"));
            assertThat(cb.state()).isEqualTo(CLOSED);
        }

        @Test
        void emptyIgnoreOn_countsAssertionErrors() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().ignoreOn().failureThreshold(2));
            cb.recordFailure(new AssertionError("a"));
            cb.recordFailure(new AssertionError("b"));
            assertThat(cb.state()).isEqualTo(OPEN);
        }

        @Test
        void anIgnoredFailureOfAProbe_returnsTheSlotAndRecordsNothing() {
            CircuitBreaker cb = defaults();
            openAndWait(cb, Duration.ofSeconds(30));
            cb.acquirePermission().onFailure(new AssertionError("wrong title"));
            assertThat(cb.state()).isEqualTo(HALF_OPEN);
            assertThat(cb.tryAcquirePermission()).isNotNull();
        }
    }

    @Nested
    class ClockSetting {
        @Test
        void allTimingGoesThroughTheConfiguredClock() {
            CircuitBreaker cb = defaults();
            Instant start = clock.instant();
            fail(cb, 5);
            CircuitSnapshot s = cb.snapshot();
            assertThat(s.openedAt()).isEqualTo(start);
            assertThat(s.stateSince()).isEqualTo(start);
            assertThat(s.nextProbeAt()).isEqualTo(start.plusSeconds(30));
            assertThat(s.lastFailure().at()).isEqualTo(start);
        }
    }

    @Nested
    class WhileOpen {
        @Test
        void recordingFailures_doesNotExtendTheOpenWindow() {
            CircuitBreaker cb = defaults();
            fail(cb, 5);
            Instant nextProbe = cb.snapshot().nextProbeAt();
            clock.advance(Duration.ofSeconds(20));
            fail(cb, 7);
            assertThat(cb.snapshot().nextProbeAt()).isEqualTo(nextProbe);
            clock.advance(Duration.ofSeconds(10));
            assertThat(cb.state()).isEqualTo(HALF_OPEN);
        }

        @Test
        void aClosedPermitReportingAfterTheCircuitOpened_changesNoState() {
            CircuitBreaker cb = defaults();
            CircuitPermit early = cb.acquirePermission();
            fail(cb, 5);
            early.onFailure(new IOException("late"));
            early.onSuccess();
            assertThat(cb.state()).isEqualTo(OPEN);
            assertThat(cb.snapshot().nextProbeAt()).isEqualTo(clock.instant().plusSeconds(30));
        }
    }

    @Nested
    class Execute {
        @Test
        void theCallersOwnCheckedException_propagatesUnchanged() {
            CircuitBreaker cb = defaults();
            IOException original = new IOException("connection reset");
            assertThatThrownBy(() -> cb.execute(() -> {
                throw original;
            })).isSameAs(original);
            assertThat(cb.snapshot().failureCount()).isEqualTo(1);
        }

        @Test
        void aResult_isReturnedAndCountsAsSuccess() throws Exception {
            CircuitBreaker cb = defaults();
            assertThat(cb.execute(() -> 42)).isEqualTo(42);
            assertThat(cb.snapshot().totalSuccesses()).isEqualTo(1);
        }

        @Test
        void aRefusedCall_throwsWithAReasonNamingEverything() {
            CircuitBreaker cb = defaults();
            fail(cb, 4);
            cb.recordFailure(new TimeoutException("page load took 30 s"));
            assertThatThrownBy(() -> cb.execute(() -> "never"))
                    .isInstanceOf(CircuitOpenException.class)
                    .hasMessage("circuit 'browser' is OPEN since 2026-01-01T00:00:00Z after 5 consecutive failures;"
                            + " last failure: java.util.concurrent.TimeoutException: page load took 30 s;"
                            + " next probe at 2026-01-01T00:00:30Z")
                    .satisfies(e -> assertThat(((CircuitOpenException) e).snapshot().state()).isEqualTo(OPEN));
        }

        @Test
        void aRefusal_describesTheCircuitAsItRefused_evenIfTheProbeFallsDueRightAfter() {
            CircuitBreaker cb = defaults();
            fail(cb, 5);
            clock.advance(Duration.ofSeconds(30).minusMillis(1));
            cb.addListener(new dev.tripswitch.CircuitEventListener() {
                @Override
                public void onRejection(CircuitBreaker c) {
                    clock.advance(Duration.ofMillis(5)); // the probe falls due between refusal and description
                }
            });
            assertThatThrownBy(cb::acquirePermission)
                    .isInstanceOf(CircuitOpenException.class)
                    .hasMessageContaining("is OPEN since")
                    .hasMessageContaining("next probe at 2026-01-01T00:00:30Z");
        }

        @Test
        void async_success_failure_andRefusal() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().failureThreshold(1));
            assertThat(cb.executeAsync(() -> CompletableFuture.completedFuture("ok")).toCompletableFuture().join())
                    .isEqualTo("ok");
            UncheckedIOException boom = new UncheckedIOException(new IOException("down"));
            CompletionStage<String> failed = cb.executeAsync(() -> CompletableFuture.failedFuture(boom));
            assertThatThrownBy(() -> failed.toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class).hasCause(boom);
            assertThat(cb.state()).isEqualTo(OPEN);
            assertThatThrownBy(() -> cb.executeAsync(() -> CompletableFuture.completedFuture("x"))
                    .toCompletableFuture().join()).hasCauseInstanceOf(CircuitOpenException.class);
        }
    }

    @Nested
    class Snapshot {
        @Test
        void carriesThresholdPercentAndTotals() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().failureThreshold(4));
            cb.recordSuccess();
            fail(cb, 3);
            CircuitSnapshot s = cb.snapshot();
            assertThat(s.thresholdPercent()).isEqualTo(75.0);
            assertThat(s.totalSuccesses()).isEqualTo(1);
            assertThat(s.totalFailures()).isEqualTo(3);
            assertThat(s.lastFailure().type()).isEqualTo("java.io.IOException");
            assertThat(s.lastFailure().message()).isEqualTo("grid unreachable 2");
        }

        @Test
        void transitionHistory_isBoundedAndOrdered() {
            CircuitBreaker cb = circuit(CircuitBreakerConfig.custom().failureThreshold(1));
            for (int i = 0; i < 40; i++) {
                cb.recordFailure();
                clock.advance(Duration.ofSeconds(30));
                cb.acquirePermission().onSuccess();
            }
            var transitions = cb.snapshot().transitions();
            assertThat(transitions).hasSize(32);
            for (int i = 1; i < transitions.size(); i++) {
                assertThat(transitions.get(i).at()).isAfterOrEqualTo(transitions.get(i - 1).at());
                assertThat(transitions.get(i).from()).isEqualTo(transitions.get(i - 1).to());
            }
        }

        @Test
        void reset_returnsAFreshClosedCircuit() {
            CircuitBreaker cb = defaults();
            fail(cb, 5);
            cb.reset();
            CircuitSnapshot s = cb.snapshot();
            assertThat(s.state()).isEqualTo(CLOSED);
            assertThat(s.failureCount()).isZero();
            assertThat(s.totalFailures()).isZero();
            assertThat(s.lastFailure()).isNull();
            assertThat(cb.tryAcquirePermission()).isNotNull();
        }
    }
}
