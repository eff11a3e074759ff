package dev.tripswitch.store;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The circuit's rules over a {@link SharedState}, for stores that run Java next to their data (the file store):
 * the same rules as the in-memory circuit, decided by the store's clock. A store that runs them elsewhere
 * (Redis, in Lua) must give the same results; {@code CircuitRulesContract} (core's tests) states them once for
 * the three engines, {@code SharedRulesTest} what only the stores have (the HEALTHY and UNHEALTHY operations, versions).
 */
public final class SharedRules {

    private final long halfOpenAfter;
    private final long recoveryTimeout;
    private final int failureThreshold;
    private final int permittedProbes;
    private final int successThreshold;

    public SharedRules(CircuitBreakerConfig config) {
        this.halfOpenAfter = config.halfOpenAfter().toMillis();
        this.recoveryTimeout = config.recoveryTimeout().toMillis();
        this.failureThreshold = config.failureThreshold();
        this.permittedProbes = config.permittedProbes();
        this.successThreshold = config.successThreshold();
    }

    /** A fresh CLOSED circuit at {@code now}. */
    public SharedState fresh(long now) {
        return SharedState.fresh(now, halfOpenAfter);
    }

    /** {@code s} after {@code op} at {@code now}; {@code s} is {@code null} for a circuit not stored yet. */
    public SharedState apply(SharedState s, StoreOperation op, long now) {
        Work w = new Work(s == null ? fresh(now) : s, now);
        w.totals = w.totals.plus(op.pending());
        switch (op.kind()) {
            case READ -> { }
            case ACQUIRE -> acquire(w, op);
            case HEALTHY -> {
                if (w.state == CircuitState.OPEN && w.epoch == op.epoch()) {
                    toHalfOpen(w, op.reason());
                }
                acquire(w, op);
            }
            case UNHEALTHY -> {
                if (w.state == CircuitState.CLOSED && w.epoch == op.epoch()) {
                    w.wait = halfOpenAfter;
                    open(w, op.reason());
                }
            }
            case SUCCESS -> success(w, op);
            case FAILURE -> failure(w, op);
            case IGNORED -> {
                w.totals = w.totals.plus(new SharedState.Totals(0, 0, 1, 0, 0));
                w.leases.remove(op.lease());
            }
            case RELEASE -> w.leases.remove(op.lease());
            case RENEW -> w.leases.computeIfPresent(op.lease(), (k, v) -> now + op.leaseMillis());
            case RESET -> {
                SharedState f = fresh(now);
                w = new Work(f, now);
                w.epoch = s == null ? 1 : s.epoch() + 1;
                w.history.add(new SharedState.Change(s == null ? CircuitState.CLOSED : s.state(),
                        CircuitState.CLOSED, now, "reset"));
            }
        }
        // the first write of a circuit is version 1, as in Redis: version 0 is "not stored", which a view that
        // has seen a stored state never takes (a state file read while it is being replaced or deleted)
        boolean changed = op.kind() != StoreOperation.Kind.READ || !op.pending().isZero();
        return w.build((s == null ? 0 : s.version()) + (changed ? 1 : 0));
    }

    private void acquire(Work w, StoreOperation op) {
        if (w.state == CircuitState.OPEN && w.now >= w.nextProbe) {
            toHalfOpen(w, "wait of " + Duration.ofMillis(w.wait) + " elapsed");
        }
        if (w.state == CircuitState.HALF_OPEN && op.lease() != null && w.leases.size() < permittedProbes) {
            w.leases.put(op.lease(), w.now + op.leaseMillis());
        }
    }

    private static void toHalfOpen(Work w, String reason) {
        w.move(CircuitState.HALF_OPEN, reason);
        w.nextProbe = 0;
        w.probeSuccesses = 0;
    }

    private void success(Work w, StoreOperation op) {
        w.totals = w.totals.plus(new SharedState.Totals(1, 0, 0, 0, 0));
        if (op.byProbe()) {
            boolean held = w.leases.remove(op.lease()) != null;
            if (held && w.state == CircuitState.HALF_OPEN && w.epoch == op.epoch()) {
                probeSucceeded(w);
            }
            return;
        }
        if (op.epoch() != StoreOperation.DIRECT && (w.state != CircuitState.CLOSED || w.epoch != op.epoch())) {
            return; // let through in an earlier window: totals only
        }
        if (w.state == CircuitState.CLOSED) {
            w.failureCount = 0;
        } else if (w.state == CircuitState.HALF_OPEN) {
            probeSucceeded(w);
        }
    }

    private void failure(Work w, StoreOperation op) {
        SharedState.Failure f = op.failure() == null ? new SharedState.Failure("(recorded without an exception)",
                null, w.now) : new SharedState.Failure(op.failure().type(), op.failure().message(), w.now);
        w.totals = w.totals.plus(new SharedState.Totals(0, 1, 0, 0, 0));
        w.lastFailure = f;
        String described = new CircuitSnapshot.FailureInfo(f.type(), f.message(), null).describe(); // as in memory
        if (op.byProbe()) {
            boolean held = w.leases.remove(op.lease()) != null;
            if (held && w.state == CircuitState.HALF_OPEN && w.epoch == op.epoch()) {
                probeFailed(w, described);
            }
            return;
        }
        if (op.epoch() != StoreOperation.DIRECT && (w.state != CircuitState.CLOSED || w.epoch != op.epoch())) {
            return;
        }
        if (w.state == CircuitState.CLOSED) {
            w.failureCount++;
            if (w.failureCount >= failureThreshold) {
                int count = w.failureCount;
                w.wait = halfOpenAfter;
                open(w, count + " consecutive failure" + (count == 1 ? "" : "s") + ", last: " + described);
            }
        } else if (w.state == CircuitState.HALF_OPEN) {
            probeFailed(w, described);
        }
    }

    private void probeSucceeded(Work w) {
        w.probeSuccesses++;
        if (w.probeSuccesses >= successThreshold) {
            int n = w.probeSuccesses;
            w.move(CircuitState.CLOSED, n + " successful probe" + (n == 1 ? "" : "s"));
            w.failureCount = 0;
            w.wait = halfOpenAfter;
            w.openedAt = 0;
            w.probeSuccesses = 0;
        }
    }

    private void probeFailed(Work w, String described) {
        w.wait = Math.min(w.wait > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : w.wait * 2, recoveryTimeout);
        open(w, "probe failed: " + described + "; next wait " + Duration.ofMillis(w.wait));
    }

    private void open(Work w, String reason) {
        w.move(CircuitState.OPEN, reason);
        w.openedAt = w.now;
        w.nextProbe = w.now + w.wait < w.now ? Long.MAX_VALUE : w.now + w.wait;
        w.probeSuccesses = 0;
        w.totals = w.totals.plus(new SharedState.Totals(0, 0, 0, 0, 1));
    }

    /** A mutable copy of a state while one operation is applied. */
    private static final class Work {
        final long now;
        CircuitState state;
        long epoch;
        long since;
        int failureCount;
        long wait;
        long openedAt;
        long nextProbe;
        int probeSuccesses;
        final Map<String, Long> leases = new HashMap<>();
        SharedState.Totals totals;
        SharedState.Failure lastFailure;
        final List<SharedState.Change> history;

        Work(SharedState s, long now) {
            this.now = now;
            state = s.state();
            epoch = s.epoch();
            since = s.sinceMillis();
            failureCount = s.failureCount();
            wait = s.waitMillis();
            openedAt = s.openedAtMillis();
            nextProbe = s.nextProbeMillis();
            probeSuccesses = s.probeSuccesses();
            s.leases().forEach((id, expiry) -> {
                if (expiry > now) {
                    leases.put(id, expiry); // an expired lease is a probe whose JVM is gone
                }
            });
            totals = s.totals();
            lastFailure = s.lastFailure();
            history = new ArrayList<>(s.history());
        }

        void move(CircuitState to, String reason) {
            history.add(new SharedState.Change(state, to, now, reason));
            while (history.size() > SharedState.HISTORY_CAPACITY) {
                history.remove(0);
            }
            state = to;
            epoch++;
            since = now;
        }

        SharedState build(long version) {
            return new SharedState(state, version, epoch, since, failureCount, wait, openedAt, nextProbe,
                    probeSuccesses, leases, totals, lastFailure, history, now);
        }
    }
}
