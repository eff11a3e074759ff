package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.store.SharedState;
import dev.tripswitch.store.StoreOperation;
import dev.tripswitch.store.StoreOperation.Kind;

import java.time.Clock;
import java.time.Instant;

/**
 * A circuit whose state lives in a store shared with other JVMs. Basic approach: the store decides every
 * transition (atomically, by its clock); this JVM keeps a {@link SharedView}, the last state it saw, which the
 * store's change notifications and every operation's answer keep current. Calls the view can answer alone are answered
 * without the store: a CLOSED permit, a success in CLOSED with no failures counted (added to local counters that
 * the {@link StoreBinding}'s thread sends), a refusal while OPEN and the probe not due. The rest (failures, the
 * probe falling due, probe outcomes, reset) is one store operation each.
 *
 * <p>Health check: asked by whoever asks an OPEN circuit, at most once per interval in this JVM; healthy, the
 * store's atomic HEALTHY operation moves the circuit to HALF_OPEN and makes the caller the probe if a slot is free.
 * With early warning it is asked while CLOSED too, and when it warns the store's UNHEALTHY operation opens the
 * circuit.
 * Waiters ({@link Waitable}) are woken through {@link #onChange} when the view's state, epoch or probes change.
 *
 * <p>The permits of this circuit carry the store's epoch as their window and, as their ticket, the probe's lease
 * number ({@link #NO_LEASE} for a CLOSED permit). When the store fails, the circuit carries on unshared with the
 * in-memory machine it was given (the fallback), which grants permits of its own: they are reported to it directly.
 */
public final class SharedCircuit<P> implements CircuitBackEnd<P> {

    /** The ticket of a CLOSED permit: it holds no lease (lease numbers start at 1). */
    private static final long NO_LEASE = 0;

    private final String name;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final StoreBinding binding;
    private final CircuitStateMachine<P> fallback;
    private final PermitFactory<P> permits;
    private final HealthGate health; // null without a health check
    private final HealthGate earlyWarning; // the health check when it is asked while CLOSED too, else null
    private final PendingTotals pending = new PendingTotals();
    private final ProbeLeases leases;
    private volatile long lastOperationNanos = System.nanoTime();
    private volatile SharedView<P> view;
    private volatile Runnable onChange = () -> { };

    /** @param health the circuit's health check (the fallback's too), or {@code null} */
    public SharedCircuit(String name, CircuitBreakerConfig config, StoreBinding binding,
                         CircuitStateMachine<P> fallback, PermitFactory<P> permits, HealthGate health) {
        this.name = name;
        this.config = config;
        this.clock = config.clock();
        this.binding = binding;
        this.fallback = fallback;
        this.permits = permits;
        this.health = health;
        this.earlyWarning = health != null && health.earlyWarning() ? health : null;
        this.leases = new ProbeLeases(binding);
        long now = clock.millis();
        this.view = new SharedView<>(SharedState.fresh(now, config.halfOpenAfter().toMillis()),
                permits.permit(this, 0, NO_LEASE, CircuitState.CLOSED), 0, false, 0);
        binding.bind(this);
        if (binding.failed()) {
            goUnshared();
        }
        refresh(); // reads the store unless unshared
    }

    public String name() {
        return name;
    }

    /**
     * Called after the view's state, epoch or probes changed, and after the fallback's transitions (how waiting
     * callers learn to look again).
     */
    @Override
    public void onChange(Runnable hook) {
        this.onChange = hook;
        fallback.onChange(hook);
    }

    /** The circuit's events: those of its fallback, so that whichever path reports, the same listeners hear it. */
    private CircuitEvents events() {
        return fallback.events();
    }

    // ------------------------------------------------------------------ permission

    @Override
    public P tryAcquire() {
        SharedView<P> v = warned(view);
        if (v.unshared) {
            return fallback.tryAcquire();
        }
        if (v.stored.state() == CircuitState.CLOSED) {
            return v.closedPermit;
        }
        P permit = acquireSlowly(v);
        if (permit == null) {
            pending.rejected();
            events().rejection();
        }
        return permit;
    }

    /** Like {@link #tryAcquire()}, but a refusal is neither counted nor reported. */
    @Override
    public P acquire() {
        SharedView<P> v = warned(view);
        if (v.unshared) {
            return fallback.acquire();
        }
        return v.stored.state() == CircuitState.CLOSED ? v.closedPermit : acquireSlowly(v);
    }

    /**
     * CLOSED with early warning: asks the health check if it is due in this JVM; when it warns, the store's
     * atomic UNHEALTHY operation opens the circuit for every JVM. Returns the view to go on with.
     */
    private SharedView<P> warned(SharedView<P> v) {
        if (earlyWarning == null || v.unshared || v.stored.state() != CircuitState.CLOSED) {
            return v;
        }
        String reason = earlyWarning.openingIfDue(clock.millis(), clock);
        if (reason == null) {
            return v;
        }
        send(StoreOperation.unhealthy(v.stored.epoch(), reason));
        return view;
    }

    private P acquireSlowly(SharedView<P> v) {
        String why = v.stored.state() == CircuitState.OPEN ? whyLeaveOpen(v) : "";
        if (why == null || (v.stored.state() == CircuitState.HALF_OPEN
                && v.liveLeases >= config.permittedProbes() && clock.millis() + v.clockOffset < v.firstLeaseExpiry)) {
            return null; // it stays OPEN, or every probe slot is taken
        }
        long number = leases.next();
        String lease = leases.id(number);
        SharedState s = send(leaving(v, why, lease));
        if (s == null) {
            return fallback.acquire();
        }
        if (s.state() == CircuitState.CLOSED || !s.holds(lease)) {
            return s.state() == CircuitState.CLOSED ? view.closedPermit : null;
        }
        leases.hold(number);
        return permits.permit(this, s.epoch(), number, CircuitState.HALF_OPEN);
    }

    /**
     * Whether the OPEN circuit of {@code v} leaves OPEN now: null, no; "", by the store's rule (its wait elapsed);
     * else why, for a HEALTHY operation: with a health check the check decides, as in memory (bounded by recoveryTimeout).
     */
    private String whyLeaveOpen(SharedView<P> v) {
        long now = clock.millis() + v.clockOffset;
        if (health == null) {
            return now >= v.stored.nextProbeMillis() ? "" : null;
        }
        if (health.healthyIfDue(clock.millis(), v.stored.openedAtMillis() - v.clockOffset, clock)) {
            return health.description() + " reported the dependency healthy";
        }
        return now < v.probeDueMillis(health, config.recoveryTimeout().toMillis()) ? null : health.description()
                + " did not answer healthy within recoveryTimeout " + Durations.format(config.recoveryTimeout())
                + " of the opening";
    }

    /** ACQUIRE {@code lease} (null: none), after moving the OPEN circuit of {@code v} on for reason {@code why}. */
    private StoreOperation leaving(SharedView<P> v, String why, String lease) {
        long millis = lease == null ? 0 : leases.millis();
        return why.isEmpty() ? StoreOperation.direct(Kind.ACQUIRE, lease, millis)
                : StoreOperation.healthy(v.stored.epoch(), lease, millis, why);
    }

    // ------------------------------------------------------------------ outcomes

    /** {@code epoch} and {@code leaseNumber} are the permit's window and ticket (see {@link CircuitBackEnd}). */
    @Override
    public void report(Reporter reporter, long epoch, long leaseNumber, boolean succeeded, Throwable failure) {
        SharedView<P> v = view;
        boolean probe = reporter == Reporter.PROBE;
        long reportedEpoch = reporter == Reporter.DIRECT ? StoreOperation.DIRECT : epoch;
        Kind kind = succeeded ? Kind.SUCCESS : config.counts(failure) ? Kind.FAILURE : Kind.IGNORED;
        if (v.unshared) {
            reportUnshared(reporter, succeeded, failure);
            return;
        }
        if (kind == Kind.SUCCESS && reporter == Reporter.CLOSED_PERMIT
                && (v.stored.state() != CircuitState.CLOSED || v.stored.epoch() != epoch
                        || v.stored.failureCount() == 0)) {
            pending.success(); // nothing to change in the store: counted locally, sent later
        } else if (kind == Kind.IGNORED && !probe) {
            pending.ignored();
        } else {
            SharedState.Failure f = kind != Kind.FAILURE || failure == null ? null
                    : new SharedState.Failure(failure.getClass().getName(), failure.getMessage(), 0);
            if (send(outcome(kind, reportedEpoch, probe ? leaseNumber : NO_LEASE, f)) == null) {
                reportUnshared(reporter, succeeded, failure);
                return;
            }
        }
        if (succeeded) {
            events().success();
        } else {
            events().failure(failure, kind == Kind.FAILURE);
        }
    }

    /**
     * After a store failure: a direct report drives the in-memory circuit; a permit this circuit granted before
     * goes into its totals only.
     */
    private void reportUnshared(Reporter reporter, boolean succeeded, Throwable failure) {
        boolean direct = reporter == Reporter.DIRECT;
        fallback.report(direct ? Reporter.DIRECT : Reporter.CLOSED_PERMIT, direct ? 0 : -1, 0, succeeded, failure);
    }

    /** The probe of lease {@code leaseNumber} ended without an outcome: its lease is returned. */
    @Override
    public void release(long leaseNumber) {
        if (leaseNumber != NO_LEASE && !view.unshared) {
            send(outcome(Kind.RELEASE, StoreOperation.DIRECT, leaseNumber, null));
        }
    }

    private StoreOperation outcome(Kind kind, long epoch, long leaseNumber, SharedState.Failure failure) {
        String lease = leaseNumber != NO_LEASE ? leases.settle(leaseNumber) : null;
        return new StoreOperation(kind, epoch, lease, leases.millis(), failure, SharedState.Totals.NONE);
    }

    @Override
    public void reset() {
        fallback.reset();
        synchronized (this) {
            pending.forget();
        }
        leases.clear();
        if (!view.unshared) {
            send(StoreOperation.direct(Kind.RESET, null, 0));
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
        long sentAt;
        synchronized (this) {
            sentAt = clock.millis();
            SharedState.Totals unsent = pending.unsent();
            try {
                s = binding.store().apply(name, config, unsent.isZero() ? op : op.withPending(unsent));
                pending.sent(unsent);
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
        take(s, sentAt, clock.millis());
        return s;
    }

    /**
     * Takes {@code s} as the view unless the view is newer; tells the listeners and, if it moved, the waiters.
     *
     * <p>The store's clock read {@code s.nowMillis()} at some moment between {@code sentAt} and {@code answeredAt} of
     * this JVM's clock, so the offset between the two clocks lies between {@code now - answeredAt} and
     * {@code now - sentAt}; the view keeps the offset it had when that still fits, else the nearest value that does.
     * A clock that moves while an answer is on its way (a test's clock, moved by another thread) then cannot put the
     * store's time behind or ahead, and a real offset is followed to within one round trip.
     */
    private void take(SharedState s, long sentAt, long answeredAt) {
        SharedView<P> before;
        synchronized (this) {
            before = view;
            if (before.unshared || (s.version() <= before.stored.version() && before.stored.version() != 0)) {
                return;
            }
            P closed = s.state() == CircuitState.CLOSED && s.epoch() == before.stored.epoch() ? before.closedPermit
                    : permits.permit(this, s.epoch(), NO_LEASE, CircuitState.CLOSED);
            long offset = Math.max(s.nowMillis() - answeredAt, Math.min(s.nowMillis() - sentAt, before.clockOffset));
            view = new SharedView<>(s, closed, offset, false, before.openEpisodeAfter(s));
        }
        for (SharedState.Change c : before.unseen(s)) {
            if (health != null && c.from() == CircuitState.HALF_OPEN && c.to() == CircuitState.CLOSED) {
                health.closedByProbe();
            }
            events().transition(
                    new CircuitSnapshot.Transition(c.from(), c.to(), Instant.ofEpochMilli(c.atMillis()), c.reason()));
        }
        if (before.movedTo(s)) {
            onChange.run();
        }
    }

    /** The store says the circuit changed (read it, on the store's thread), or pending totals are to be sent. */
    void refresh() {
        if (!view.unshared) {
            send(StoreOperation.read(SharedState.Totals.NONE));
        }
    }

    /** The binding's upkeep: send pending totals, poll, renew own leases. */
    void maintain() {
        long since = (System.nanoTime() - lastOperationNanos) / 1_000_000;
        if ((pending.any() && since >= StoreBinding.FLUSH_MILLIS) || since >= StoreBinding.POLL_MILLIS) {
            send(StoreOperation.read(SharedState.Totals.NONE));
        }
        SharedView<P> v = view;
        for (String lease : leases.dueForRenewal(v.stored.leases(), clock.millis() + v.clockOffset)) {
            send(StoreOperation.direct(Kind.RENEW, lease, leases.millis()));
        }
    }

    void goUnshared() {
        synchronized (this) {
            SharedView<P> v = view;
            if (!v.unshared) {
                view = new SharedView<>(v.stored, v.closedPermit, v.clockOffset, true, v.openEpisode);
            }
        }
        onChange.run(); // waiting callers now wait on the in-memory circuit
    }

    // ------------------------------------------------------------------ observation

    @Override
    public CircuitState state() {
        SharedView<P> v = view;
        String why = v.unshared || v.stored.state() != CircuitState.OPEN ? null : whyLeaveOpen(v);
        if (v.unshared || (why != null && send(leaving(v, why, null)) == null)) {
            return fallback.state();
        }
        return view.stored.state();
    }

    /** The circuit now, read from the store (with this JVM's pending totals sent first). */
    @Override
    public CircuitSnapshot snapshot() {
        if (!view.unshared) {
            refresh();
            state();
        }
        return snapshotAsIs();
    }

    /** The circuit as this JVM last saw it, without asking the store. */
    @Override
    public CircuitSnapshot snapshotAsIs() {
        SharedView<P> v = view;
        if (v.unshared) {
            return fallback.snapshotAsIs();
        }
        return v.toSnapshot(name, config.failureThreshold(), health == null ? null : health.toString(),
                v.probeDueMillis(health, config.recoveryTimeout().toMillis()));
    }

    /** In this JVM's clock: see {@link SharedView#nextChangeMillis}. */
    @Override
    public long nextChangeMillis() {
        SharedView<P> v = view;
        return v.unshared ? fallback.nextChangeMillis()
                : v.nextChangeMillis(config.permittedProbes(), health, config.recoveryTimeout().toMillis());
    }

    /**
     * The open episode this JVM counted from the store's transitions. Unshared, the episodes go on from the last
     * shared one: going unshared begins a new episode (the in-memory circuit is another circuit), and each of the
     * in-memory circuit's episodes adds one.
     */
    @Override
    public long openEpisode() {
        SharedView<P> v = view;
        return v.unshared ? v.openEpisode + 1 + fallback.openEpisode() : v.openEpisode;
    }

    @Override
    public CircuitState currentState() {
        SharedView<P> v = view;
        return v.unshared ? fallback.currentState() : v.stored.state();
    }

    /** True when the store failed and this circuit runs on its own. */
    public boolean unshared() {
        return view.unshared;
    }
}
