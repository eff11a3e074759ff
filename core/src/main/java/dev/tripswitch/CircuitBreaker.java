package dev.tripswitch;

import dev.tripswitch.event.CircuitEventListener;
import dev.tripswitch.internal.ListenerSet;
import dev.tripswitch.internal.OwnedSlotCounter;
import dev.tripswitch.internal.TransitionHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A named circuit breaker: CLOSED lets calls through and counts consecutive failures; at
 * {@code failureThreshold} it opens and refuses calls; after {@code halfOpenAfter} the next caller finds it
 * HALF_OPEN and up to {@code permittedProbes} probe calls go through. {@code successThreshold} successful
 * probes close it; a failed probe opens it again with the wait doubled, capped at {@code recoveryTimeout}.
 *
 * <p>OPEN becomes HALF_OPEN lazily, when somebody asks (permission, {@link #state()}, {@link #snapshot()});
 * there are no timer threads. All timing goes through the configured {@link java.time.Clock}.
 *
 * <p>Thread-safe and lock-free: the whole state is one immutable {@code Phase} behind an
 * {@link AtomicReference}, and every transition is one compare-and-set followed by its event. In CLOSED,
 * acquiring a permit and reporting its success allocate nothing.
 */
public final class CircuitBreaker {

    private final String name;
    private final CircuitBreakerConfig config;
    private final long halfOpenAfterMillis;
    private final long recoveryTimeoutMillis;
    private final AtomicReference<Phase> phase;
    private final OwnedSlotCounter successes = new OwnedSlotCounter(); // on the CLOSED hot path
    private final LongAdder failures = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder timesOpened = new LongAdder();
    private final TransitionHistory history = new TransitionHistory(TransitionHistory.DEFAULT_CAPACITY);
    private final ListenerSet listeners = new ListenerSet();
    private volatile CircuitSnapshot.FailureInfo lastFailure;

    /** One immutable state of the machine; {@code epoch} changes with every transition. */
    private static final class Phase {
        final CircuitState state;
        final long epoch;
        /** Changes only on reset: probes granted before a reset no longer hold slots. */
        final long cycle;
        final long sinceMillis;
        final int failureCount;
        final long waitMillis;
        final long openedAtMillis;
        final long nextProbeMillis;
        final int probesInFlight;
        final int probeSuccesses;
        final CircuitPermit closedPermit;

        Phase(CircuitState state, long epoch, long cycle, long sinceMillis, int failureCount, long waitMillis,
              long openedAtMillis, long nextProbeMillis, int probesInFlight, int probeSuccesses,
              CircuitPermit closedPermit) {
            this.state = state;
            this.epoch = epoch;
            this.cycle = cycle;
            this.sinceMillis = sinceMillis;
            this.failureCount = failureCount;
            this.waitMillis = waitMillis;
            this.openedAtMillis = openedAtMillis;
            this.nextProbeMillis = nextProbeMillis;
            this.probesInFlight = probesInFlight;
            this.probeSuccesses = probeSuccesses;
            this.closedPermit = closedPermit;
        }

        Phase withFailureCount(int count) {
            return new Phase(state, epoch, cycle, sinceMillis, count, waitMillis, openedAtMillis, nextProbeMillis,
                    probesInFlight, probeSuccesses, closedPermit);
        }

        Phase withProbes(int inFlight, int succeeded) {
            return new Phase(state, epoch, cycle, sinceMillis, failureCount, waitMillis, openedAtMillis,
                    nextProbeMillis, inFlight, succeeded, closedPermit);
        }
    }

    /** A circuit named {@code name} with the given configuration. Most users get circuits from a registry. */
    public static CircuitBreaker of(String name, CircuitBreakerConfig config) {
        return new CircuitBreaker(name, config);
    }

    /** A circuit with the default configuration. */
    public static CircuitBreaker ofDefaults(String name) {
        return new CircuitBreaker(name, CircuitBreakerConfig.ofDefaults());
    }

    private CircuitBreaker(String name, CircuitBreakerConfig config) {
        if (name == null || name.isBlank()) {
            throw new CircuitConfigurationException("name must be a non-blank string, but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
        this.config = Objects.requireNonNull(config, "config");
        this.halfOpenAfterMillis = config.halfOpenAfter().toMillis();
        this.recoveryTimeoutMillis = config.recoveryTimeout().toMillis();
        this.phase = new AtomicReference<>(closedPhase(0, 0, now(), 0));
    }

    public String name() {
        return name;
    }

    public CircuitBreakerConfig config() {
        return config;
    }

    /** Adds a listener for this circuit only. */
    public void addListener(CircuitEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CircuitEventListener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------ permission

    /**
     * A permit for one call, or {@code null} when the circuit refuses (OPEN before the next probe is due,
     * or HALF_OPEN with every probe slot taken). A refusal is counted and reported to listeners.
     */
    public CircuitPermit tryAcquirePermission() {
        while (true) {
            Phase p = phase.get();
            switch (p.state) {
                case CLOSED:
                    return p.closedPermit;
                case OPEN:
                    if (!probeDue(p)) {
                        reject();
                        return null;
                    }
                    toHalfOpen(p);
                    continue;
                default: // HALF_OPEN
                    if (p.probesInFlight >= config.permittedProbes()) {
                        reject();
                        return null;
                    }
                    if (phase.compareAndSet(p, p.withProbes(p.probesInFlight + 1, p.probeSuccesses))) {
                        return new CircuitPermit(this, p.epoch, p.cycle, CircuitState.HALF_OPEN);
                    }
            }
        }
    }

    /**
     * Like {@link #tryAcquirePermission()}, but a refusal throws {@link CircuitOpenException}, whose snapshot is
     * the circuit as it refused (not moved to HALF_OPEN even if the next probe fell due a moment later), so the
     * reason it gives is the reason of the refusal.
     */
    public CircuitPermit acquirePermission() {
        CircuitPermit permit = tryAcquirePermission();
        if (permit == null) {
            throw new CircuitOpenException(snapshotOf(phase.get()));
        }
        return permit;
    }

    // ------------------------------------------------------------------ execution

    /**
     * Runs {@code call} if the circuit permits and records its outcome. A refused call throws
     * {@link CircuitOpenException}; an exception from {@code call} is recorded (if it counts) and rethrown
     * unchanged.
     */
    public <T> T execute(Callable<T> call) throws Exception {
        Objects.requireNonNull(call, "call");
        CircuitPermit permit = acquirePermission();
        T result;
        try {
            result = call.call();
        } catch (Throwable t) {
            permit.onFailure(t);
            throw t;
        }
        permit.onSuccess();
        return result;
    }

    /**
     * Starts the asynchronous call if the circuit permits and records its outcome when it completes. A
     * refused call gives a stage failed with {@link CircuitOpenException}; the returned stage completes with
     * the call's own result or exception.
     */
    public <T> CompletionStage<T> executeAsync(Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(call, "call");
        CircuitPermit permit;
        try {
            permit = acquirePermission();
        } catch (CircuitOpenException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (Throwable t) {
            permit.onFailure(t);
            return CompletableFuture.failedFuture(t);
        }
        if (stage == null) {
            NullPointerException npe = new NullPointerException("executeAsync: the supplier returned null");
            permit.onFailure(npe);
            return CompletableFuture.failedFuture(npe);
        }
        return stage.whenComplete((value, error) -> {
            if (error == null) {
                permit.onSuccess();
            } else {
                permit.onFailure(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
    }

    // ------------------------------------------------------------------ direct recording

    /** Records a success observed outside a permit. In HALF_OPEN it counts as a successful probe. */
    public void recordSuccess() {
        successes.increment();
        while (true) {
            Phase p = phase.get();
            if (p.state == CircuitState.CLOSED) {
                if (p.failureCount == 0 || phase.compareAndSet(p, p.withFailureCount(0))) {
                    break;
                }
            } else if (p.state == CircuitState.OPEN) {
                break;
            } else if (probeSucceeded(p, false)) {
                break;
            }
        }
        listeners.success(this);
    }

    /** Records a counted failure observed outside a permit, with no exception at hand. */
    public void recordFailure() {
        recordFailure(null);
    }

    /**
     * Records a failure observed outside a permit. It counts unless {@code failure} is excluded by
     * {@code recordOn}/{@code ignoreOn}; {@code null} always counts. In HALF_OPEN a counted failure re-opens
     * the circuit; in OPEN it changes no timing.
     */
    public void recordFailure(Throwable failure) {
        if (!config.counts(failure)) {
            ignored.increment();
            listeners.failure(this, failure, false);
            return;
        }
        countFailure(failure);
        while (true) {
            Phase p = phase.get();
            if (p.state == CircuitState.OPEN) {
                break;
            }
            if (p.state == CircuitState.CLOSED ? closedFailure(p, failure) : probeFailed(p, failure, false)) {
                break;
            }
        }
        listeners.failure(this, failure, true);
    }

    // ------------------------------------------------------------------ permit callbacks

    void onPermitSuccess(CircuitPermit permit) {
        successes.increment();
        while (true) {
            Phase p = phase.get();
            if (!permit.isProbe()) {
                // a CLOSED permit of an earlier window goes into the totals only
                if (p.state != CircuitState.CLOSED || p.epoch != permit.epoch() || p.failureCount == 0
                        || phase.compareAndSet(p, p.withFailureCount(0))) {
                    break;
                }
            } else if (p.cycle != permit.cycle()) {
                break; // granted before a reset
            } else if (p.state == CircuitState.HALF_OPEN && p.epoch == permit.epoch()) {
                if (probeSucceeded(p, true)) {
                    break;
                }
            } else if (returnSlot(p)) {
                break; // a probe of an earlier half-open window: its slot is freed, its outcome is history
            }
        }
        listeners.success(this);
    }

    void onPermitFailure(CircuitPermit permit, Throwable failure) {
        if (!config.counts(failure)) {
            ignored.increment();
            onPermitRelease(permit);
            listeners.failure(this, failure, false);
            return;
        }
        countFailure(failure);
        while (true) {
            Phase p = phase.get();
            if (!permit.isProbe()) {
                // a CLOSED permit reporting after the circuit moved on changes no state and no timing
                if (p.state != CircuitState.CLOSED || p.epoch != permit.epoch() || closedFailure(p, failure)) {
                    break;
                }
            } else if (p.cycle != permit.cycle()) {
                break;
            } else if (p.state == CircuitState.HALF_OPEN && p.epoch == permit.epoch()) {
                if (probeFailed(p, failure, true)) {
                    break;
                }
            } else if (returnSlot(p)) {
                break;
            }
        }
        listeners.failure(this, failure, true);
    }

    void onPermitRelease(CircuitPermit permit) {
        if (!permit.isProbe()) {
            return;
        }
        while (true) {
            Phase p = phase.get();
            if (p.cycle != permit.cycle() || returnSlot(p)) {
                return;
            }
        }
    }

    private boolean returnSlot(Phase p) {
        return p.probesInFlight == 0
                || phase.compareAndSet(p, p.withProbes(p.probesInFlight - 1, p.probeSuccesses));
    }

    // ------------------------------------------------------------------ transitions

    /** @return true when done (the CAS succeeded) */
    private boolean closedFailure(Phase p, Throwable failure) {
        int count = p.failureCount + 1;
        if (count < config.failureThreshold()) {
            return phase.compareAndSet(p, p.withFailureCount(count));
        }
        long now = now();
        Phase open = openPhase(p.epoch + 1, p.cycle, now, count, halfOpenAfterMillis, p.probesInFlight);
        if (!phase.compareAndSet(p, open)) {
            return false;
        }
        transitioned(p, open, count + " consecutive failure" + (count == 1 ? "" : "s") + ", last: "
                + CircuitSnapshot.FailureInfo.of(failure, null).describe());
        return true;
    }

    /** A probe failed: open again with the wait doubled; probes of this cycle still out keep their slots. */
    private boolean probeFailed(Phase p, Throwable failure, boolean heldSlot) {
        long now = now();
        long wait = Math.min(saturatedDouble(p.waitMillis), recoveryTimeoutMillis);
        int stillOut = heldSlot ? Math.max(0, p.probesInFlight - 1) : p.probesInFlight;
        Phase open = openPhase(p.epoch + 1, p.cycle, now, p.failureCount, wait, stillOut);
        if (!phase.compareAndSet(p, open)) {
            return false;
        }
        transitioned(p, open, "probe failed: " + CircuitSnapshot.FailureInfo.of(failure, null).describe()
                + "; next wait " + Duration.ofMillis(wait));
        return true;
    }

    private boolean probeSucceeded(Phase p, boolean heldSlot) {
        int inFlight = heldSlot ? Math.max(0, p.probesInFlight - 1) : p.probesInFlight;
        int succeeded = p.probeSuccesses + 1;
        if (succeeded < config.successThreshold()) {
            return phase.compareAndSet(p, p.withProbes(inFlight, succeeded));
        }
        Phase closed = closedPhase(p.epoch + 1, p.cycle, now(), inFlight);
        if (!phase.compareAndSet(p, closed)) {
            return false;
        }
        transitioned(p, closed, succeeded + " successful probe" + (succeeded == 1 ? "" : "s"));
        return true;
    }

    private void toHalfOpen(Phase p) {
        long now = now();
        Phase half = new Phase(CircuitState.HALF_OPEN, p.epoch + 1, p.cycle, now, p.failureCount, p.waitMillis,
                p.openedAtMillis, 0, p.probesInFlight, 0, null);
        if (phase.compareAndSet(p, half)) {
            transitioned(p, half, "wait of " + Duration.ofMillis(p.waitMillis) + " elapsed");
        }
    }

    /** Returns the circuit to a fresh CLOSED state and clears its counters, history and last failure. */
    public void reset() {
        Phase before = phase.get();
        Phase closed = closedPhase(before.epoch + 1, before.epoch + 1, now(), 0);
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

    private void transitioned(Phase from, Phase to, String reason) {
        if (to.state == CircuitState.OPEN) {
            timesOpened.increment();
        }
        CircuitSnapshot.Transition t = new CircuitSnapshot.Transition(from.state, to.state,
                Instant.ofEpochMilli(to.sinceMillis), reason);
        history.add(to.epoch, t);
        listeners.transition(this, t);
    }

    /** CLOSED; probes of the last half-open window that are still out keep their slots until reported. */
    private Phase closedPhase(long epoch, long cycle, long now, int probesOut) {
        return new Phase(CircuitState.CLOSED, epoch, cycle, now, 0, halfOpenAfterMillis, 0, 0, probesOut, 0,
                new CircuitPermit(this, epoch, cycle, CircuitState.CLOSED));
    }

    private static Phase openPhase(long epoch, long cycle, long now, int failureCount, long wait, int probesOut) {
        return new Phase(CircuitState.OPEN, epoch, cycle, now, failureCount, wait, now, saturatedAdd(now, wait),
                probesOut, 0, null);
    }

    private boolean probeDue(Phase p) {
        return now() >= p.nextProbeMillis;
    }

    private void reject() {
        rejected.increment();
        listeners.rejection(this);
    }

    private void countFailure(Throwable failure) {
        failures.increment();
        lastFailure = CircuitSnapshot.FailureInfo.of(failure, Instant.ofEpochMilli(now()));
    }

    private long now() {
        return config.clock().millis();
    }

    private static long saturatedDouble(long v) {
        return v > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : v * 2;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    // ------------------------------------------------------------------ observation

    /** The current state; an OPEN circuit whose probe is due is moved to HALF_OPEN first. */
    public CircuitState state() {
        Phase p = phase.get();
        if (p.state == CircuitState.OPEN && probeDue(p)) {
            toHalfOpen(p);
            p = phase.get();
        }
        return p.state;
    }

    /** An immutable picture of the circuit now (moving OPEN to HALF_OPEN first when due). */
    public CircuitSnapshot snapshot() {
        state();
        return snapshotOf(phase.get());
    }

    private CircuitSnapshot snapshotOf(Phase p) {
        boolean closed = p.state == CircuitState.CLOSED;
        return new CircuitSnapshot(
                name,
                p.state,
                Instant.ofEpochMilli(p.sinceMillis),
                p.failureCount,
                config.failureThreshold(),
                successes.sum(),
                failures.sum(),
                ignored.sum(),
                rejected.sum(),
                timesOpened.sum(),
                closed ? null : Instant.ofEpochMilli(p.openedAtMillis),
                p.state == CircuitState.OPEN ? Instant.ofEpochMilli(p.nextProbeMillis) : null,
                Duration.ofMillis(p.waitMillis),
                lastFailure,
                history.toList());
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + phase.get().state + "]";
    }
}
