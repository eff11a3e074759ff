package dev.tripswitch.store;

import java.util.Objects;

/**
 * One change a JVM asks a {@link CircuitStore} to make to a circuit's {@link SharedState}, applied atomically by
 * the store (the rules are {@link SharedRules}'). Every operation also carries the totals the JVM has counted
 * locally since its last operation ({@code pending}), so the hot path never waits for the store.
 *
 * <p>Who reports decides which state the report may still drive, as in the in-memory circuit: a probe
 * ({@code lease} set) only its own half-open window; a permit granted in CLOSED ({@code epoch >= 0}) only the
 * CLOSED window of that epoch; a direct report ({@code epoch} {@link #DIRECT}) whatever is current.
 *
 * @param kind        what happens
 * @param epoch       the epoch the permit was granted in, or {@link #DIRECT}
 * @param lease       the probe's lease id (ACQUIRE: the id to grant; probe reports, RELEASE, RENEW), or null
 * @param leaseMillis how long a granted or renewed lease lasts without renewal
 * @param failure     the failure of a FAILURE report (its {@code atMillis} is ignored: the store's clock counts)
 * @param pending     totals counted by the JVM and not sent yet
 * @param reason      HEALTHY: why the circuit leaves OPEN early; UNHEALTHY: why it opens (the transition's reason);
 *                    otherwise null
 */
public record StoreOperation(Kind kind, long epoch, String lease, long leaseMillis, SharedState.Failure failure,
                             SharedState.Totals pending, String reason) {

    /** The epoch of a report made outside a permit. */
    public static final long DIRECT = -1;

    /** What an operation does. */
    public enum Kind {
        /** Changes nothing but the totals (a read, or a flush of pending totals). */
        READ,
        /** OPEN and due: to HALF_OPEN; HALF_OPEN with a free slot: grants {@code lease}. */
        ACQUIRE,
        /**
         * A JVM's health check decided that the circuit leaves OPEN (it found the dependency back, or it has not
         * answered healthy within {@code recoveryTimeout} of the opening): OPEN in {@code epoch} (the opening the
         * JVM saw) goes to HALF_OPEN with {@code reason}, whatever its wait; then as {@link #ACQUIRE}. An OPEN
         * circuit of another epoch (it changed meanwhile) stays as it is.
         */
        HEALTHY,
        /**
         * A JVM's health check warned while the circuit was CLOSED (its answer before the first test, or
         * {@code unhealthyThreshold} unhealthy answers in a row): CLOSED in {@code epoch} (the window the JVM saw)
         * opens with {@code reason}, as a failure reaching the threshold would open it. A circuit that changed
         * meanwhile stays as it is.
         */
        UNHEALTHY,
        /** A success. */
        SUCCESS,
        /** A counted failure. */
        FAILURE,
        /** A failure that does not count: totals only; a probe's lease is returned. */
        IGNORED,
        /** A probe ended without an outcome: its lease is returned. */
        RELEASE,
        /** Extends the lease of a probe still running. */
        RENEW,
        /** A fresh CLOSED circuit with zero totals. */
        RESET
    }

    public StoreOperation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pending, "pending");
    }

    /** An operation with no reason (every kind but HEALTHY and UNHEALTHY). */
    public StoreOperation(Kind kind, long epoch, String lease, long leaseMillis, SharedState.Failure failure,
                          SharedState.Totals pending) {
        this(kind, epoch, lease, leaseMillis, failure, pending, null);
    }

    public static StoreOperation read(SharedState.Totals pending) {
        return new StoreOperation(Kind.READ, DIRECT, null, 0, null, pending);
    }

    /** An operation outside a permit ({@link #DIRECT}), with {@code lease} (or null) and no failure. */
    public static StoreOperation direct(Kind kind, String lease, long leaseMillis) {
        return new StoreOperation(kind, DIRECT, lease, leaseMillis, null, SharedState.Totals.NONE);
    }

    /** The health check of the JVM said healthy while it saw the circuit OPEN in {@code epoch}. */
    public static StoreOperation healthy(long epoch, String lease, long leaseMillis, String reason) {
        return new StoreOperation(Kind.HEALTHY, epoch, lease, leaseMillis, null, SharedState.Totals.NONE,
                Objects.requireNonNull(reason, "reason"));
    }

    /** The health check of the JVM warned while it saw the circuit CLOSED in {@code epoch}. */
    public static StoreOperation unhealthy(long epoch, String reason) {
        return new StoreOperation(Kind.UNHEALTHY, epoch, null, 0, null, SharedState.Totals.NONE,
                Objects.requireNonNull(reason, "reason"));
    }

    /** The same operation carrying {@code more} pending totals as well. */
    public StoreOperation withPending(SharedState.Totals more) {
        return new StoreOperation(kind, epoch, lease, leaseMillis, failure, pending.plus(more), reason);
    }

    /** True when a probe (a lease holder) reports. */
    public boolean byProbe() {
        return lease != null && kind != Kind.ACQUIRE && kind != Kind.HEALTHY;
    }
}
