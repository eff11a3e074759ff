package dev.tripswitch.internal;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;

/**
 * Where a {@link dev.tripswitch.CircuitBreaker}'s state lives and its rules run: in this JVM
 * ({@link CircuitStateMachine}) or in a store shared with other JVMs ({@link SharedCircuit}, which carries on with
 * an in-memory machine of its own when the store fails). The breaker holds one back end and delegates to it.
 *
 * <p>A permit remembers the back end that granted it and reports its outcome there, with the {@code window} and
 * {@code ticket} that back end put into it: the state window it was granted in (a number that changes with every
 * transition), and what the back end needs to find the permit's probe slot again. So a permit granted by a shared
 * circuit's fallback machine is reported to that machine, and no caller asks which kind of back end it holds.
 *
 * @param <P> the permit type (made by the {@link PermitFactory})
 */
public interface CircuitBackEnd<P> extends Waitable<P> {

    /**
     * One outcome reported by {@code reporter}. For a permit, {@code window} and {@code ticket} are what this back
     * end put into it (both ignored for {@link Reporter#DIRECT}). A failure that does not count is reported as not
     * counted and, for a probe, returns its slot like {@link #release}.
     */
    void report(Reporter reporter, long window, long ticket, boolean succeeded, Throwable failure);

    /** The probe this back end granted with {@code ticket} ended without an outcome: its slot is returned. */
    void release(long ticket);

    /** Returns the circuit to a fresh CLOSED state and clears its counters, history and last failure. */
    void reset();

    /** The current state; an OPEN circuit whose probe is due is moved to HALF_OPEN first. */
    CircuitState state();

    /** An immutable picture of the circuit now (moving OPEN to HALF_OPEN first when due). */
    CircuitSnapshot snapshot();

    /** The state as it is, not moved on (for toString). */
    CircuitState currentState();

    /** {@code hook} runs after every change a waiting caller may want to look at (how waiters are woken). */
    void onChange(Runnable hook);
}
