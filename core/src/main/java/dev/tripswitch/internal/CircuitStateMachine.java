package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state machine behind a {@link dev.tripswitch.CircuitBreaker}: CLOSED counts consecutive failures and opens at the
 * threshold (or earlier, when its health check warns: {@link HealthGate#openingIfDue}); OPEN refuses until the next probe is due (or a health check reports the dependency back) and is
 * then found HALF_OPEN by whoever asks; HALF_OPEN lets {@code permittedProbes} probes through, closes after
 * {@code successThreshold} successes and re-opens with the wait doubled on a failure.
 *
 * <p>The whole state is one immutable {@link Phase} behind an {@link AtomicReference}; every transition is one
 * compare-and-set followed by its event. The CLOSED path (acquire, report success) allocates nothing and takes
 * no lock (with early warning it also reads the clock); the OPEN refusal reads the clock once and bumps a thread-owned counter.
 *
 * <p>Its permits carry the phase's {@link Phase#transitions} as their window and its {@link Phase#resets} as their
 * ticket: a probe granted before a reset holds no slot after it.
 *
 * @param <P> the permit type handed to callers (made by the {@link PermitFactory})
 */
public final class CircuitStateMachine<P> implements CircuitBackEnd<P> {

    private final String name;
    private final CircuitEvents events;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final long halfOpenAfterMillis;
    private final long recoveryTimeoutMillis;
    private final int failureThreshold;
    private final int permittedProbes;
    private final int successThreshold;
    private final PermitFactory<P> permits;
    private final AtomicReference<Phase<P>> phase;
    private final OwnedSlotCounter successes = new OwnedSlotCounter(); // on the CLOSED hot path
    private final OwnedSlotCounter rejected = new OwnedSlotCounter(); // on the OPEN refusal path
    private final LongAdder failures = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder timesOpened = new LongAdder();
    private final TransitionHistory history = new TransitionHistory(TransitionHistory.DEFAULT_CAPACITY);
    private volatile CircuitSnapshot.FailureInfo lastFailure;
    private final HealthGate health; // null without a health check
    private final HealthGate earlyWarning; // the health check when it is asked while CLOSED too, else null
    private volatile Runnable onTransition = () -> { };

    /**
     * @param name   the circuit's name
     * @param events where the circuit's events go (its listeners)
     * @param health the circuit's health check, or {@code null}
     */
    public CircuitStateMachine(String name, CircuitEvents events, CircuitBreakerConfig config,
                               PermitFactory<P> permits, HealthGate health) {
        this.name = name;
        this.events = events;
        this.config = config;
        this.clock = config.clock();
        this.halfOpenAfterMillis = config.halfOpenAfter().toMillis();
        this.recoveryTimeoutMillis = config.recoveryTimeout().toMillis();
        this.failureThreshold = config.failureThreshold();
        this.permittedProbes = config.permittedProbes();
        this.successThreshold = config.successThreshold();
        this.permits = permits;
        this.health = health;
        this.earlyWarning = health != null && health.earlyWarning() ? health : null;
        this.phase = new AtomicReference<>(closedPhase(0, 0, 0, clock.millis(), 0));
    }

    /** Where this circuit's events go (the shared path reports through the same). */
    CircuitEvents events() {
        return events;
    }

    public Clock clock() {
        return clock;
    }

    /** Called after every transition (after the listeners): how waiting callers learn that they may look again. */
    @Override
    public void onChange(Runnable hook) {
        this.onTransition = hook;
    }

    // ------------------------------------------------------------------ permission

    /** A permit, or {@code null} (counted and reported as a rejection) when the circuit refuses. */
    @Override
    public P tryAcquire() {
        P permit = acquire();
        if (permit == null) {
            rejected.increment();
            events.rejection();
        }
        return permit;
    }

    /** Like {@link #tryAcquire()}, but a refusal is neither counted nor reported (a waiting caller's retries). */
    @Override
    public P acquire() {
        while (true) {
            Phase<P> p = phase.get();
            if (p.state == CircuitState.CLOSED) {
                if (earlyWarning != null && openedByHealthCheck(p)) {
                    continue;
                }
                return p.closedPermit;
            }
            if (p.state == CircuitState.OPEN) {
                if (!leaveOpenIfDue(p)) {
                    return null;
                }
                continue;
            }
            if (p.probesInFlight >= permittedProbes) {
                return null;
            }
            if (phase.compareAndSet(p, p.withProbes(p.probesInFlight + 1, p.probeSuccesses))) {
                return permits.permit(this, p.transitions, p.resets, CircuitState.HALF_OPEN);
            }
        }
    }

    /**
     * CLOSED with early warning: asks the health check if it is due; unhealthy (the preflight, or
     * {@code unhealthyThreshold} answers in a row) opens the circuit.
     *
     * @return true when {@code p} has been left (by this call or another), so the caller looks again
     */
    private boolean openedByHealthCheck(Phase<P> p) {
        String reason = earlyWarning.openingIfDue(clock.millis(), clock);
        if (reason == null) {
            return false;
        }
        long now = clock.millis();
        for (Phase<P> c = p; c.state == CircuitState.CLOSED; c = phase.get()) { // a count may move meanwhile
            Phase<P> open = Phase.open(c.transitions + 1, c.resets, c.openEpisodes + 1, now, c.failureCount,
                    halfOpenAfterMillis, c.probesInFlight);
            if (moved(c, open, () -> reason)) {
                break;
            }
        }
        return true;
    }

    /** @return true when the probe was due and {@code p} has been left (by this call or another) */
    private boolean leaveOpenIfDue(Phase<P> p) {
        long now = clock.millis();
        if (health != null && health.healthyIfDue(now, p.openedAtMillis, clock)) {
            toHalfOpen(p, clock.millis(), health.description() + " reported the dependency healthy");
            return true;
        }
        if (now < probeDueMillis(p)) {
            return false;
        }
        toHalfOpen(p, now, health == null ? "wait of " + Duration.ofMillis(p.waitMillis) + " elapsed"
                : health.description() + " did not answer healthy within recoveryTimeout "
                + Durations.format(Duration.ofMillis(recoveryTimeoutMillis)) + " of the opening");
        return true;
    }

    /**
     * When an OPEN circuit lets a probe through by time alone. With a health check the check decides: its first
     * healthy answer ends OPEN, and only a check that has not answered healthy for {@code recoveryTimeout} since
     * the opening lets a probe through anyway (a broken check delays the recovery; it cannot prevent it).
     */
    private long probeDueMillis(Phase<P> p) {
        return health == null ? p.nextProbeMillis
                : Math.max(p.nextProbeMillis, Phase.saturatedAdd(p.openedAtMillis, recoveryTimeoutMillis));
    }

    // ------------------------------------------------------------------ outcomes

    /**
     * One outcome reported by {@code reporter}; {@code window} and {@code resets} are the permit's (its window and
     * ticket; ignored for {@link Reporter#DIRECT}). A failure that does not count is reported as not counted and,
     * for a probe, returns its slot like a release.
     */
    @Override
    public void report(Reporter reporter, long window, long resets, boolean succeeded, Throwable failure) {
        if (succeeded) {
            successes.increment();
        } else if (!config.counts(failure)) {
            ignored.increment();
            if (reporter == Reporter.PROBE) {
                release(resets);
            }
            events.failure(failure, false);
            return;
        } else {
            failures.increment();
            lastFailure = CircuitSnapshot.FailureInfo.of(failure, Instant.ofEpochMilli(clock.millis()));
        }
        while (!settle(phase.get(), reporter, window, resets, succeeded, failure)) {
            Thread.onSpinWait();
        }
        if (succeeded) {
            events.success();
        } else {
            events.failure(failure, true);
        }
    }

    /** @return true when done; false when a compare-and-set lost a race and the caller must look again */
    private boolean settle(Phase<P> p, Reporter reporter, long window, long resets, boolean succeeded,
                           Throwable failure) {
        if (reporter == Reporter.PROBE) {
            if (p.resets != resets) {
                return true; // granted before a reset
            }
            if (p.state != CircuitState.HALF_OPEN || p.transitions != window) {
                return returnSlot(p); // a probe of an earlier half-open window: its outcome is history
            }
            return succeeded ? probeSucceeded(p, true) : probeFailed(p, failure, true);
        }
        if (reporter == Reporter.CLOSED_PERMIT && (p.state != CircuitState.CLOSED || p.transitions != window)) {
            return true; // let through in an earlier CLOSED window: it goes into the totals only
        }
        switch (p.state) {
            case CLOSED:
                return succeeded ? (p.failureCount == 0 || phase.compareAndSet(p, p.withFailureCount(0)))
                        : closedFailure(p, failure);
            case OPEN:
                return true; // no timing changes while open
            default: // HALF_OPEN, reported directly: counts as a probe that held no slot
                return succeeded ? probeSucceeded(p, false) : probeFailed(p, failure, false);
        }
    }

    /** A probe granted while the reset count was {@code resets} ended without an outcome: its slot is returned. */
    @Override
    public void release(long resets) {
        while (true) {
            Phase<P> p = phase.get();
            if (p.resets != resets || returnSlot(p)) {
                return;
            }
        }
    }

    private boolean returnSlot(Phase<P> p) {
        return p.probesInFlight == 0
                || phase.compareAndSet(p, p.withProbes(p.probesInFlight - 1, p.probeSuccesses));
    }

    // ------------------------------------------------------------------ transitions

    private boolean closedFailure(Phase<P> p, Throwable failure) {
        int count = p.failureCount + 1;
        if (count < failureThreshold) {
            return phase.compareAndSet(p, p.withFailureCount(count));
        }
        Phase<P> open = Phase.open(p.transitions + 1, p.resets, p.openEpisodes + 1, clock.millis(), count,
                halfOpenAfterMillis, p.probesInFlight);
        return moved(p, open, () -> count + " consecutive failure" + (count == 1 ? "" : "s") + ", last: "
                + CircuitSnapshot.FailureInfo.of(failure, null).describe());
    }

    /** A probe failed: open again with the wait doubled; the other probes still out keep their slots. */
    private boolean probeFailed(Phase<P> p, Throwable failure, boolean heldSlot) {
        long wait = Math.min(p.waitMillis > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : p.waitMillis * 2,
                recoveryTimeoutMillis);
        int stillOut = heldSlot ? Math.max(0, p.probesInFlight - 1) : p.probesInFlight;
        Phase<P> open = Phase.open(p.transitions + 1, p.resets, p.openEpisodes, clock.millis(), p.failureCount, wait,
                stillOut);
        return moved(p, open, () -> "probe failed: " + CircuitSnapshot.FailureInfo.of(failure, null).describe()
                + "; next wait " + Duration.ofMillis(wait));
    }

    private boolean probeSucceeded(Phase<P> p, boolean heldSlot) {
        int inFlight = heldSlot ? Math.max(0, p.probesInFlight - 1) : p.probesInFlight;
        int succeeded = p.probeSuccesses + 1;
        if (succeeded < successThreshold) {
            return phase.compareAndSet(p, p.withProbes(inFlight, succeeded));
        }
        boolean closed = moved(p, closedPhase(p.transitions + 1, p.resets, p.openEpisodes, clock.millis(), inFlight),
                () -> succeeded + " successful probe" + (succeeded == 1 ? "" : "s"));
        if (closed && health != null) {
            health.closedByProbe();
        }
        return closed;
    }

    private void toHalfOpen(Phase<P> p, long now, String reason) {
        moved(p, p.halfOpen(now), () -> reason);
    }

    /** Returns the circuit to a fresh CLOSED state and clears its counters, history and last failure. */
    @Override
    public void reset() {
        Phase<P> before = phase.get();
        Phase<P> closed = closedPhase(before.transitions + 1, before.resets + 1, before.openEpisodes + 1,
                clock.millis(), 0);
        phase.set(closed);
        successes.reset();
        failures.reset();
        ignored.reset();
        rejected.reset();
        timesOpened.reset();
        lastFailure = null;
        history.clear();
        transitioned(before, closed, "reset");
    }

    private boolean moved(Phase<P> from, Phase<P> to, java.util.function.Supplier<String> reason) {
        if (!phase.compareAndSet(from, to)) {
            return false;
        }
        transitioned(from, to, reason.get());
        return true;
    }

    private void transitioned(Phase<P> from, Phase<P> to, String reason) {
        if (to.state == CircuitState.OPEN) {
            timesOpened.increment();
        }
        CircuitSnapshot.Transition t = new CircuitSnapshot.Transition(from.state, to.state,
                Instant.ofEpochMilli(to.sinceMillis), reason);
        history.add(to.transitions, t);
        events.transition(t);
        onTransition.run();
    }

    /** CLOSED; probes of the last half-open window that are still out keep their slots until reported. */
    private Phase<P> closedPhase(long transitions, long resets, long openEpisodes, long now, int probesOut) {
        return Phase.closed(transitions, resets, openEpisodes, now, halfOpenAfterMillis, probesOut,
                permits.permit(this, transitions, resets, CircuitState.CLOSED));
    }

    // ------------------------------------------------------------------ observation

    /** The current state; an OPEN circuit whose probe is due is moved to HALF_OPEN first. */
    @Override
    public CircuitState state() {
        Phase<P> p = phase.get();
        while (p.state == CircuitState.OPEN && leaveOpenIfDue(p)) {
            p = phase.get();
        }
        return p.state;
    }

    /** An immutable picture of the circuit now (moving OPEN to HALF_OPEN first when due). */
    @Override
    public CircuitSnapshot snapshot() {
        state();
        return snapshotAsIs();
    }

    /** The circuit as it is, not moved to HALF_OPEN even if the probe is due (the picture of a refusal). */
    @Override
    public CircuitSnapshot snapshotAsIs() {
        Phase<P> p = phase.get();
        boolean closed = p.state == CircuitState.CLOSED;
        return new CircuitSnapshot(name, p.state, Instant.ofEpochMilli(p.sinceMillis), p.failureCount,
                failureThreshold, successes.sum(), failures.sum(), ignored.sum(), rejected.sum(),
                timesOpened.sum(), closed ? null : Instant.ofEpochMilli(p.openedAtMillis),
                p.state == CircuitState.OPEN ? Instant.ofEpochMilli(probeDueMillis(p)) : null,
                Duration.ofMillis(p.waitMillis), lastFailure, history.toList(), health == null ? null : health.toString());
    }

    /** The state as it is, not moved on (for toString). */
    @Override
    public CircuitState currentState() {
        return phase.get().state;
    }

    @Override
    public long openEpisode() {
        return phase.get().openEpisodes;
    }

    /**
     * When an OPEN circuit may next change by itself, because its probe falls due or its health check may be
     * asked; {@link Long#MAX_VALUE} in the other states (they change only on reports).
     */
    @Override
    public long nextChangeMillis() {
        Phase<P> p = phase.get();
        if (p.state != CircuitState.OPEN) {
            return Long.MAX_VALUE;
        }
        return health == null ? p.nextProbeMillis : Math.min(probeDueMillis(p), health.nextAskMillis(p.openedAtMillis));
    }
}
