package dev.tripswitch.internal;

import dev.tripswitch.CircuitState;

/**
 * One immutable state of a {@link CircuitStateMachine}; the machine swaps whole phases with compare-and-set.
 *
 * @param <P> the permit type; a CLOSED phase carries the one permit every caller of that window shares
 */
final class Phase<P> {

    final CircuitState state;
    /** Changes with every transition: a permit reporting into a later epoch no longer drives the state. */
    final long epoch;
    /** Changes only on reset: probes granted before a reset no longer hold slots. */
    final long cycle;
    /** Changes when a CLOSED circuit opens (a failed probe's re-opening stays in the same episode). */
    final long episode;
    final long sinceMillis;
    final int failureCount;
    final long waitMillis;
    final long openedAtMillis;
    final long nextProbeMillis;
    final int probesInFlight;
    final int probeSuccesses;
    final P closedPermit;

    Phase(CircuitState state, long epoch, long cycle, long episode, long sinceMillis, int failureCount,
          long waitMillis, long openedAtMillis, long nextProbeMillis, int probesInFlight, int probeSuccesses,
          P closedPermit) {
        this.state = state;
        this.epoch = epoch;
        this.cycle = cycle;
        this.episode = episode;
        this.sinceMillis = sinceMillis;
        this.failureCount = failureCount;
        this.waitMillis = waitMillis;
        this.openedAtMillis = openedAtMillis;
        this.nextProbeMillis = nextProbeMillis;
        this.probesInFlight = probesInFlight;
        this.probeSuccesses = probeSuccesses;
        this.closedPermit = closedPermit;
    }

    static <P> Phase<P> closed(long epoch, long cycle, long episode, long now, long waitMillis, int probesOut,
                               P permit) {
        return new Phase<>(CircuitState.CLOSED, epoch, cycle, episode, now, 0, waitMillis, 0, 0, probesOut, 0,
                permit);
    }

    static <P> Phase<P> open(long epoch, long cycle, long episode, long now, int failureCount, long wait,
                             int probesOut) {
        return new Phase<>(CircuitState.OPEN, epoch, cycle, episode, now, failureCount, wait, now,
                saturatedAdd(now, wait), probesOut, 0, null);
    }

    Phase<P> halfOpen(long now) {
        return new Phase<>(CircuitState.HALF_OPEN, epoch + 1, cycle, episode, now, failureCount, waitMillis,
                openedAtMillis, 0, probesInFlight, 0, null);
    }

    Phase<P> withFailureCount(int count) {
        return new Phase<>(state, epoch, cycle, episode, sinceMillis, count, waitMillis, openedAtMillis,
                nextProbeMillis, probesInFlight, probeSuccesses, closedPermit);
    }

    Phase<P> withProbes(int inFlight, int succeeded) {
        return new Phase<>(state, epoch, cycle, episode, sinceMillis, failureCount, waitMillis, openedAtMillis,
                nextProbeMillis, inFlight, succeeded, closedPermit);
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
