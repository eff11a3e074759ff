package dev.tripswitch.internal;

import dev.tripswitch.CircuitSnapshot;

/**
 * What a caller that waits for an OPEN circuit needs of it ({@code whenOpen = WAIT}): the in-memory
 * {@link CircuitStateMachine} and a circuit shared through a store ({@link SharedCircuit}) both offer it, so one
 * waiting room serves both. Times are this JVM's clock (the circuit's configured one).
 *
 * @param <P> the permit type
 */
public interface Waitable<P> {

    /** A permit, or {@code null} without counting or reporting the refusal (a waiting caller's retries). */
    P acquire();

    /** A permit, or {@code null} counted and reported as a refusal (a waiting caller's last look). */
    P tryAcquire();

    /**
     * The next moment the circuit may change by itself when somebody asks (its probe falls due, its health check
     * may be asked, a probe's lease runs out), or {@link Long#MAX_VALUE} when only a report can change it.
     */
    long nextChangeMillis();

    /**
     * The open episode the circuit is in: changes each time a CLOSED circuit opens (or is reset), not when a failed
     * probe re-opens it. A waiting budget is kept per open episode.
     */
    long openEpisode();

    /** The circuit as it is, not moved on (the picture of a refusal). */
    CircuitSnapshot snapshotAsIs();
}
