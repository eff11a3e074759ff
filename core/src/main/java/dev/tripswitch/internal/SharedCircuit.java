package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.store.SharedState;
import dev.tripswitch.store.StoreOperation;
import dev.tripswitch.store.StoreOperation.Kind;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A circuit whose state lives in a store shared with other JVMs. Basic approach: the store decides every
 * transition (atomically, by its clock); this JVM keeps a {@link View}, the last state it saw, which the store's
 * change notifications and every operation's answer keep current. Calls the view can answer alone are answered
 * without the store: a CLOSED permit, a success in CLOSED with no failures counted (added to local counters that
 * the {@link StoreBinding}'s thread sends), a refusal while OPEN and the probe not due. The rest (failures, the
 * probe falling due, probe outcomes, reset) is one store operation each.
 *
 * <p>Permits of this path carry a negative cycle: {@link Long#MIN_VALUE} for CLOSED permits, minus the lease
 * number for probes. The in-memory machine's permits (cycle 0 and up) are the fallback's: when the store fails,
 * the circuit carries on with the breaker's own in-memory machine.
 */
public final class SharedCircuit<P> {

    private static final long CLOSED_CYCLE = Long.MIN_VALUE;

    private final CircuitBreaker owner;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final StoreBinding binding;
    private final CircuitStateMachine<P> fallback;
    private final PermitFactory<P> permits;
    private final OwnedSlotCounter successes = new OwnedSlotCounter();
    private final OwnedSlotCounter rejected = new OwnedSlotCounter();
    private final LongAdder ignored = new LongAdder();
    private final Map<Long, Long> ownLeases = new ConcurrentHashMap<>(); // lease number -> epoch granted in
    private long sentSuccesses;
    private long sentRejected;
    private long sentIgnored;
    private volatile long lastOperationNanos = System.nanoTime();
    private volatile SharedView<P> view;

    public SharedCircuit(CircuitBreaker owner, CircuitBreakerConfig config, StoreBinding binding,
                         CircuitStateMachine<P> fallback, PermitFactory<P> permits) {
        this.owner = owner;
        this.config = config;
        this.clock = config.clock();
        this.binding = binding;
        this.fallback = fallback;
        this.permits = permits;
        long now = clock.millis();
        this.view = new SharedView<>(SharedState.fresh(now, config.halfOpenAfter().toMillis()),
                permits.permit(0, CLOSED_CYCLE, CircuitState.CLOSED), 0, false);
        binding.bind(this);
        if (binding.failed()) {
            goUnshared();
        } else {
            send(StoreOperation.read(SharedState.Totals.NONE));
        }
    }

    public String name() {
        return owner.name();
    }

    // ------------------------------------------------------------------ permission

    public P tryAcquire() {
        SharedView<P> v = view;
        if (v.unshared) {
            return fallback.tryAcquire();
        }
        if (v.s.state() == CircuitState.CLOSED) {
            return v.closedPermit;
        }
        P permit = acquireSlowly(v);
        if (permit == null) {
            rejected.increment();
            fallback.listeners().rejection(owner);
        }
        return permit;
    }

    /** Like {@link #tryAcquire()}, but a refusal is neither counted nor reported. */
    public P acquire() {
        SharedView<P> v = view;
        if (v.unshared) {
            return fallback.acquire();
        }
        return v.s.state() == CircuitState.CLOSED ? v.closedPermit : acquireSlowly(v);
    }

    private P acquireSlowly(SharedView<P> v) {
        long now = clock.millis() + v.clockOffset;
        if (v.s.state() == CircuitState.OPEN && now < v.s.nextProbeMillis()) {
            return null;
        }
        if (v.s.state() == CircuitState.HALF_OPEN && v.liveLeases >= config.permittedProbes()
                && now < v.firstLeaseExpiry) {
            return null;
        }
        long number = binding.nextLeaseNumber();
        String lease = binding.leaseId(number);
        SharedState s = send(new StoreOperation(Kind.ACQUIRE, StoreOperation.DIRECT, lease, binding.leaseMillis(),
                null, SharedState.Totals.NONE));
        if (s == null) {
            return fallback.acquire();
        }
        if (s.state() == CircuitState.CLOSED) {
            return view.closedPermit;
        }
        if (!s.holds(lease)) {
            return null;
        }
        ownLeases.put(number, s.epoch());
        return permits.permit(s.epoch(), -number, CircuitState.HALF_OPEN);
    }

    // ------------------------------------------------------------------ outcomes

    public void report(Reporter reporter, long epoch, long cycle, boolean succeeded, Throwable failure) {
        SharedView<P> v = view;
        if (reporter != Reporter.DIRECT && cycle >= 0) {
            fallback.report(reporter, epoch, cycle, succeeded, failure); // granted by the fallback
            return;
        }
        boolean probe = reporter == Reporter.PROBE;
        long reportedEpoch = reporter == Reporter.DIRECT ? StoreOperation.DIRECT : epoch;
        if (v.unshared) {
            reportUnshared(reporter, succeeded, failure);
        } else if (succeeded) {
            if (reporter == Reporter.CLOSED_PERMIT
                    && (v.s.state() != CircuitState.CLOSED || v.s.epoch() != epoch || v.s.failureCount() == 0)) {
                successes.increment(); // nothing to change in the store: counted locally, sent later
            } else if (send(outcome(Kind.SUCCESS, reportedEpoch, probe ? -cycle : 0, null)) == null) {
                reportUnshared(reporter, true, null);
                return;
            }
            fallback.listeners().success(owner);
        } else if (!config.counts(failure)) {
            if (!probe) {
                ignored.increment();
            } else if (send(outcome(Kind.IGNORED, reportedEpoch, -cycle, null)) == null) {
                reportUnshared(reporter, false, failure);
                return;
            }
            fallback.listeners().failure(owner, failure, false);
        } else {
            SharedState.Failure f = failure == null ? null
                    : new SharedState.Failure(failure.getClass().getName(), failure.getMessage(), 0);
            if (send(outcome(Kind.FAILURE, reportedEpoch, probe ? -cycle : 0, f)) == null) {
                reportUnshared(reporter, false, failure);
                return;
            }
            fallback.listeners().failure(owner, failure, true);
        }
    }

    /**
     * An outcome once the store failed goes to the in-memory circuit: a direct report drives it; a permit's
     * (granted while shared) goes into its totals only.
     */
    private void reportUnshared(Reporter reporter, boolean succeeded, Throwable failure) {
        boolean direct = reporter == Reporter.DIRECT;
        fallback.report(direct ? Reporter.DIRECT : Reporter.CLOSED_PERMIT, direct ? 0 : -1, 0, succeeded, failure);
    }

    public void release(long cycle) {
        if (cycle >= 0) {
            fallback.release(cycle);
        } else if (cycle != CLOSED_CYCLE && !view.unshared) {
            send(outcome(Kind.RELEASE, StoreOperation.DIRECT, -cycle, null));
        }
    }

    private StoreOperation outcome(Kind kind, long epoch, long leaseNumber, SharedState.Failure failure) {
        String lease = null;
        if (leaseNumber > 0) {
            ownLeases.remove(leaseNumber);
            lease = binding.leaseId(leaseNumber);
        }
        return new StoreOperation(kind, epoch, lease, binding.leaseMillis(), failure, SharedState.Totals.NONE);
    }

    public void reset() {
        fallback.reset();
        synchronized (this) {
            sentSuccesses = successes.sum();
            sentRejected = rejected.sum();
            sentIgnored = ignored.sum();
        }
        ownLeases.clear();
        if (!view.unshared) {
            send(new StoreOperation(Kind.RESET, StoreOperation.DIRECT, null, 0, null, SharedState.Totals.NONE));
        }
    }

    // ------------------------------------------------------------------ the store

    /**
     * Sends {@code op} with the totals pending, and takes the answer as the new view. Returns {@code null} when
     * the store failed (the circuit is unshared from then on).
     */
    private SharedState send(StoreOperation op) {
        SharedState s;
        RuntimeException failure = null;
        synchronized (this) {
            long succ = successes.sum();
            long rej = rejected.sum();
            long ign = ignored.sum();
            SharedState.Totals pending = new SharedState.Totals(succ - sentSuccesses, 0, ign - sentIgnored,
                    rej - sentRejected, 0);
            StoreOperation withPending = pending.isZero() ? op : new StoreOperation(op.kind(), op.epoch(), op.lease(),
                    op.leaseMillis(), op.failure(), op.pending().plus(pending));
            try {
                s = binding.store().apply(owner.name(), config, withPending);
                sentSuccesses = succ;
                sentRejected = rej;
                sentIgnored = ign;
                lastOperationNanos = System.nanoTime();
            } catch (RuntimeException e) {
                s = null;
                failure = e;
            }
        }
        if (failure != null) {
            binding.fail(failure, clock); // outside this circuit's lock: it takes every bound circuit's
            return null;
        }
        take(s);
        return s;
    }

    /** Takes {@code s} as the view unless the view is newer, then tells the listeners of the transitions. */
    private void take(SharedState s) {
        SharedView<P> before;
        synchronized (this) {
            before = view;
            if (before.unshared || (s.version() <= before.s.version() && before.s.version() != 0)) {
                return;
            }
            P closed = s.state() == CircuitState.CLOSED && s.epoch() == before.s.epoch() ? before.closedPermit
                    : permits.permit(s.epoch(), CLOSED_CYCLE, CircuitState.CLOSED);
            view = new SharedView<>(s, closed, s.nowMillis() - clock.millis(), false);
        }
        long transitions = Math.min(s.epoch() - before.s.epoch(), s.history().size());
        List<SharedState.Change> changes = s.history();
        for (int i = changes.size() - (int) Math.max(0, transitions); i < changes.size(); i++) {
            SharedState.Change c = changes.get(i);
            fallback.listeners().transition(owner,
                    new CircuitSnapshot.Transition(c.from(), c.to(), Instant.ofEpochMilli(c.atMillis()), c.reason()));
        }
    }

    /** The store says the circuit changed: read it (on the store's thread). */
    void refresh() {
        if (!view.unshared) {
            send(StoreOperation.read(SharedState.Totals.NONE));
        }
    }

    /** The binding's upkeep: send pending totals, poll, renew own leases. */
    void maintain() {
        long since = (System.nanoTime() - lastOperationNanos) / 1_000_000;
        boolean pending = successes.sum() != sentSuccesses || rejected.sum() != sentRejected
                || ignored.sum() != sentIgnored;
        if ((pending && since >= StoreBinding.FLUSH_MILLIS) || since >= StoreBinding.POLL_MILLIS) {
            send(StoreOperation.read(SharedState.Totals.NONE));
        }
        SharedView<P> v = view;
        long now = clock.millis() + v.clockOffset;
        for (Long number : ownLeases.keySet()) {
            Long expiry = v.s.leases().get(binding.leaseId(number));
            if (expiry != null && expiry - now < binding.leaseMillis() * 2 / 3) {
                send(new StoreOperation(Kind.RENEW, StoreOperation.DIRECT, binding.leaseId(number),
                        binding.leaseMillis(), null, SharedState.Totals.NONE));
            }
        }
    }

    /** Sends the totals counted locally. */
    void flush() {
        if (!view.unshared) {
            send(StoreOperation.read(SharedState.Totals.NONE));
        }
    }

    void goUnshared() {
        synchronized (this) {
            SharedView<P> v = view;
            if (!v.unshared) {
                view = new SharedView<>(v.s, v.closedPermit, v.clockOffset, true);
            }
        }
    }

    // ------------------------------------------------------------------ observation

    public CircuitState state() {
        SharedView<P> v = view;
        if (v.unshared) {
            return fallback.state();
        }
        if (v.s.state() == CircuitState.OPEN && clock.millis() + v.clockOffset >= v.s.nextProbeMillis()) {
            SharedState s = send(new StoreOperation(Kind.ACQUIRE, StoreOperation.DIRECT, null, 0, null,
                    SharedState.Totals.NONE));
            return s == null ? fallback.state() : view.s.state();
        }
        return v.s.state();
    }

    /** The circuit now, read from the store (with this JVM's pending totals sent first). */
    public CircuitSnapshot snapshot() {
        if (!view.unshared) {
            flush();
            state();
        }
        return snapshotAsIs();
    }

    /** The circuit as this JVM last saw it, without asking the store. */
    public CircuitSnapshot snapshotAsIs() {
        SharedView<P> v = view;
        if (v.unshared) {
            return fallback.snapshotAsIs();
        }
        return v.toSnapshot(owner.name(), config.failureThreshold());
    }

    public CircuitState currentState() {
        SharedView<P> v = view;
        return v.unshared ? fallback.currentState() : v.s.state();
    }

    /** True when the store failed and this circuit runs on its own. */
    public boolean unshared() {
        return view.unshared;
    }
}
