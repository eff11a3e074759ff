package dev.tripswitch.internal;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.store.SharedState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one JVM knows of a shared circuit ({@link SharedCircuit}): the last state the store gave it, with what the
 * hot path needs precomputed (the CLOSED permit of that epoch, the probe leases), the offset from this JVM's
 * clock to the store's, and the open episode this JVM counts (for the waiting budget).
 */
final class SharedView<P> {

    /** The circuit's state as the store last gave it (times in the store's clock). */
    final SharedState stored;
    final P closedPermit;
    final long clockOffset;
    final boolean unshared;
    final int liveLeases;
    final long firstLeaseExpiry;
    /** The open episode this JVM counts from the transitions it saw (see {@link Waitable#openEpisode()}). */
    final long openEpisode;

    SharedView(SharedState stored, P closedPermit, long clockOffset, boolean unshared, long openEpisode) {
        this.stored = stored;
        this.closedPermit = closedPermit;
        this.clockOffset = clockOffset;
        this.unshared = unshared;
        this.openEpisode = openEpisode;
        this.liveLeases = stored.leases().size();
        this.firstLeaseExpiry = stored.leases().values().stream().mapToLong(Long::longValue).min()
                .orElse(Long.MAX_VALUE);
    }

    /** The transitions of {@code next} this view has not seen, oldest first (the history is bounded). */
    List<SharedState.Change> unseen(SharedState next) {
        List<SharedState.Change> h = next.history();
        long transitions = Math.min(next.epoch() - stored.epoch(), h.size());
        return transitions <= 0 ? List.of() : h.subList(h.size() - (int) transitions, h.size());
    }

    /**
     * The episode after {@code next} replaced this view: one more for each opening from CLOSED and each reset
     * this JVM had not seen, and one more when some transitions were missed (beyond the bounded history).
     */
    long openEpisodeAfter(SharedState next) {
        long e = openEpisode + (next.epoch() - stored.epoch() > next.history().size() ? 1 : 0);
        for (SharedState.Change c : unseen(next)) {
            if ((c.from() == CircuitState.CLOSED && c.to() != CircuitState.CLOSED) || "reset".equals(c.reason())) {
                e++;
            }
        }
        return e;
    }

    /**
     * When an OPEN circuit lets a probe through by time alone (the store's clock): its wait elapsed; with a
     * {@code health} check (null: none), which decides, not before {@code recoveryTimeout} after the opening.
     */
    long probeDueMillis(HealthGate health, long recoveryTimeoutMillis) {
        return health == null ? stored.nextProbeMillis()
                : Math.max(stored.nextProbeMillis(),
                        Phase.saturatedAdd(stored.openedAtMillis(), recoveryTimeoutMillis));
    }

    /**
     * In this JVM's clock: when the OPEN circuit's probe falls due or {@code health} (null: none) may be asked,
     * or when the first lease of a HALF_OPEN circuit with every slot taken runs out; else {@link Long#MAX_VALUE}.
     */
    long nextChangeMillis(int permittedProbes, HealthGate health, long recoveryTimeoutMillis) {
        if (stored.state() == CircuitState.OPEN) {
            long due = probeDueMillis(health, recoveryTimeoutMillis) - clockOffset;
            return health == null ? due
                    : Math.min(due, health.nextAskMillis(stored.openedAtMillis() - clockOffset));
        }
        if (stored.state() == CircuitState.HALF_OPEN && liveLeases >= permittedProbes) {
            return firstLeaseExpiry == Long.MAX_VALUE ? Long.MAX_VALUE : firstLeaseExpiry - clockOffset;
        }
        return Long.MAX_VALUE;
    }

    /** True when {@code next} differs from this view in what a waiting caller looks at: state, epoch, probes. */
    boolean movedTo(SharedState next) {
        return next.state() != stored.state() || next.epoch() != stored.epoch()
                || !next.leases().keySet().equals(stored.leases().keySet());
    }

    /** The view as a circuit's snapshot (times are the store's clock). */
    CircuitSnapshot toSnapshot(String name, int failureThreshold, String healthCheck, long probeDueMillis) {
        SharedState.Totals t = stored.totals();
        boolean closed = stored.state() == CircuitState.CLOSED;
        SharedState.Failure f = stored.lastFailure();
        return new CircuitSnapshot(name, stored.state(), Instant.ofEpochMilli(stored.sinceMillis()),
                stored.failureCount(), failureThreshold, t.successes(), t.failures(), t.ignored(), t.rejected(),
                t.timesOpened(),
                closed || stored.openedAtMillis() == 0 ? null : Instant.ofEpochMilli(stored.openedAtMillis()),
                stored.state() == CircuitState.OPEN ? Instant.ofEpochMilli(probeDueMillis) : null,
                Duration.ofMillis(stored.waitMillis()),
                f == null ? null
                        : new CircuitSnapshot.FailureInfo(f.type(), f.message(), Instant.ofEpochMilli(f.atMillis())),
                stored.history().stream().map(c -> new CircuitSnapshot.Transition(c.from(), c.to(),
                        Instant.ofEpochMilli(c.atMillis()), c.reason())).toList(), healthCheck);
    }
}
