package dev.tripswitch.store;

import dev.tripswitch.CircuitState;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A circuit's state as a {@link CircuitStore} holds it for every JVM that names the circuit: the state and its
 * timing, the probe leases in flight, and the totals. Immutable; a store returns a new one after each operation.
 *
 * @param state           CLOSED, OPEN or HALF_OPEN
 * @param version         changes with every stored change (what change detection compares)
 * @param epoch           changes with every transition: a permit granted in an earlier epoch no longer drives
 *                        the state
 * @param sinceMillis     when the current state began (the store's clock)
 * @param failureCount    consecutive counted failures (CLOSED), or the count that opened the circuit
 * @param waitMillis      the current wait between opening and the next probe
 * @param openedAtMillis  when the circuit last opened (0 while it has not)
 * @param nextProbeMillis when an OPEN circuit lets the next probe through (0 unless OPEN)
 * @param probeSuccesses  successful probes in the current half-open window
 * @param leases          probes in flight: lease id to expiry (the store's clock); an expired lease is no probe
 * @param totals          successes, failures, ignored failures, refusals and openings since the last reset
 * @param lastFailure     the last counted failure, or {@code null}
 * @param history         the latest transitions, oldest first (bounded)
 * @param nowMillis       the store's clock when this state was read or written (lets a JVM correct its clock)
 */
public record SharedState(CircuitState state, long version, long epoch, long sinceMillis, int failureCount,
                          long waitMillis, long openedAtMillis, long nextProbeMillis, int probeSuccesses,
                          Map<String, Long> leases, Totals totals, Failure lastFailure, List<Change> history,
                          long nowMillis) {

    /** How many transitions a store keeps. */
    public static final int HISTORY_CAPACITY = 20;

    public SharedState {
        Objects.requireNonNull(state, "state");
        leases = Map.copyOf(leases);
        Objects.requireNonNull(totals, "totals");
        history = List.copyOf(history);
    }

    /** A fresh CLOSED circuit at {@code now}, with the wait at {@code halfOpenAfterMillis}. */
    public static SharedState fresh(long now, long halfOpenAfterMillis) {
        return new SharedState(CircuitState.CLOSED, 0, 0, now, 0, halfOpenAfterMillis, 0, 0, 0, Map.of(),
                Totals.NONE, null, List.of(), now);
    }

    /** True when {@code lease} is one of the probes in flight. */
    public boolean holds(String lease) {
        return lease != null && leases.containsKey(lease);
    }

    /** Counters of a circuit, or the increments one JVM has not sent yet. */
    public record Totals(long successes, long failures, long ignored, long rejected, long timesOpened) {
        public static final Totals NONE = new Totals(0, 0, 0, 0, 0);

        public Totals plus(Totals o) {
            return new Totals(successes + o.successes, failures + o.failures, ignored + o.ignored,
                    rejected + o.rejected, timesOpened + o.timesOpened);
        }

        public boolean isZero() {
            return successes == 0 && failures == 0 && ignored == 0 && rejected == 0 && timesOpened == 0;
        }
    }

    /** A counted failure: the exception's type and message (may be null) and when it was recorded. */
    public record Failure(String type, String message, long atMillis) {
    }

    /** One transition, with its reason. */
    public record Change(CircuitState from, CircuitState to, long atMillis, String reason) {
    }
}
