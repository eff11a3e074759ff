package dev.tripswitch.internal;

import dev.tripswitch.CircuitState;

/**
 * One immutable state of a {@link CircuitStateMachine}; the machine swaps whole phases with compare-and-set.
 *
 * <p>Three counters tell apart what a late report, a reset and a waiting budget must tell apart; each counts
 * something different, so each moves at its own pace: {@link #transitions} on every transition,
 * {@link #resets} on reset only, {@link #openEpisodes} when a CLOSED circuit opens (and on reset).
 *
 * @param <P> the permit type; a CLOSED phase carries the one permit every caller of that window shares
 */
final class Phase<P> {

    final CircuitState state;
    /**
     * How many transitions the circuit made (reset included): the number of the current state window, which a
     * permit carries (a store calls it the epoch). A permit reporting into a later window no longer drives the state.
     */
    final long transitions;
    /** How many times the circuit was reset: probes granted before a reset hold no slots after it (their ticket). */
    final long resets;
    /**
     * How many open episodes began: one more when a CLOSED circuit opens, and on reset; a failed probe's
     * re-opening stays in its episode. A waiting caller's budget is kept per episode.
     */
    final long openEpisodes;
    final long sinceMillis;
    final int failureCount;
    final long waitMillis;
    final long openedAtMillis;
    final long nextProbeMillis;
    final int probesInFlight;
    final int probeSuccesses;
    final P closedPermit;

    Phase(CircuitState state, long transitions, long resets, long openEpisodes, long sinceMillis, int failureCount,
          long waitMillis, long openedAtMillis, long nextProbeMillis, int probesInFlight, int probeSuccesses,
          P closedPermit) {
        this.state = state;
        this.transitions = transitions;
        this.resets = resets;
        this.openEpisodes = openEpisodes;
        this.sinceMillis = sinceMillis;
        this.failureCount = failureCount;
        this.waitMillis = waitMillis;
        this.openedAtMillis = openedAtMillis;
        this.nextProbeMillis = nextProbeMillis;
        this.probesInFlight = probesInFlight;
        this.probeSuccesses = probeSuccesses;
        this.closedPermit = closedPermit;
    }

    static <P> Phase<P> closed(long transitions, long resets, long openEpisodes, long now, long waitMillis,
                               int probesOut, P permit) {
        return new Phase<>(CircuitState.CLOSED, transitions, resets, openEpisodes, now, 0, waitMillis, 0, 0,
                probesOut, 0, permit);
    }

    static <P> Phase<P> open(long transitions, long resets, long openEpisodes, long now, int failureCount, long wait,
                             int probesOut) {
        return new Phase<>(CircuitState.OPEN, transitions, resets, openEpisodes, now, failureCount, wait, now,
                saturatedAdd(now, wait), probesOut, 0, null);
    }

    Phase<P> halfOpen(long now) {
        return new Phase<>(CircuitState.HALF_OPEN, transitions + 1, resets, openEpisodes, now, failureCount,
                waitMillis, openedAtMillis, 0, probesInFlight, 0, null);
    }

    Phase<P> withFailureCount(int count) {
        return new Phase<>(state, transitions, resets, openEpisodes, sinceMillis, count, waitMillis, openedAtMillis,
                nextProbeMillis, probesInFlight, probeSuccesses, closedPermit);
    }

    Phase<P> withProbes(int inFlight, int succeeded) {
        return new Phase<>(state, transitions, resets, openEpisodes, sinceMillis, failureCount, waitMillis,
                openedAtMillis, nextProbeMillis, inFlight, succeeded, closedPermit);
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
