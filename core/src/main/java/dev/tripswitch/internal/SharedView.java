package dev.tripswitch.internal;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.store.SharedState;

import java.time.Duration;
import java.time.Instant;

/**
 * What one JVM knows of a shared circuit ({@link SharedCircuit}): the last state the store gave it, with what the
 * hot path needs precomputed (the CLOSED permit of that epoch, the probe leases), and the offset from this JVM's
 * clock to the store's.
 */
final class SharedView<P> {

    final SharedState s;
    final P closedPermit;
    final long clockOffset;
    final boolean unshared;
    final int liveLeases;
    final long firstLeaseExpiry;

    SharedView(SharedState s, P closedPermit, long clockOffset, boolean unshared) {
        this.s = s;
        this.closedPermit = closedPermit;
        this.clockOffset = clockOffset;
        this.unshared = unshared;
        this.liveLeases = s.leases().size();
        this.firstLeaseExpiry = s.leases().values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /** The view as a circuit's snapshot (times are the store's clock). */
    CircuitSnapshot toSnapshot(String name, int failureThreshold) {
        SharedState.Totals t = s.totals();
        boolean closed = s.state() == CircuitState.CLOSED;
        SharedState.Failure f = s.lastFailure();
        return new CircuitSnapshot(name, s.state(), Instant.ofEpochMilli(s.sinceMillis()), s.failureCount(),
                failureThreshold, t.successes(), t.failures(), t.ignored(), t.rejected(), t.timesOpened(),
                closed || s.openedAtMillis() == 0 ? null : Instant.ofEpochMilli(s.openedAtMillis()),
                s.state() == CircuitState.OPEN ? Instant.ofEpochMilli(s.nextProbeMillis()) : null,
                Duration.ofMillis(s.waitMillis()),
                f == null ? null : new CircuitSnapshot.FailureInfo(f.type(), f.message(), Instant.ofEpochMilli(f.atMillis())),
                s.history().stream().map(c -> new CircuitSnapshot.Transition(c.from(), c.to(),
                        Instant.ofEpochMilli(c.atMillis()), c.reason())).toList());
    }
}
