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
 */
public record StoreOperation(Kind kind, long epoch, String lease, long leaseMillis, SharedState.Failure failure,
                             SharedState.Totals pending) {

    /** The epoch of a report made outside a permit. */
    public static final long DIRECT = -1;

    /** What an operation does. */
    public enum Kind {
        /** Changes nothing but the totals (a read, or a flush of pending totals). */
        READ,
        /** OPEN and due: to HALF_OPEN; HALF_OPEN with a free slot: grants {@code lease}. */
        ACQUIRE,
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

    public static StoreOperation read(SharedState.Totals pending) {
        return new StoreOperation(Kind.READ, DIRECT, null, 0, null, pending);
    }

    /** True when a probe (a lease holder) reports. */
    public boolean byProbe() {
        return lease != null && kind != Kind.ACQUIRE;
    }
}
