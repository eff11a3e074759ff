package dev.tripswitch.internal;

import java.time.Clock;

/**
 * How a waiting thread lets time pass. A circuit's waiters pause through the pauser of the circuit's clock: a
 * clock that implements {@code Pauser} (the controllable test clock) decides itself when time has passed;
 * any other clock pauses in real time. Either way a pause also ends when the monitor is notified (a
 * transition of the circuit), and may end early for no reason: callers look again and pause again.
 */
@FunctionalInterface
public interface Pauser {

    /**
     * Blocks the calling thread, which holds {@code monitor}'s lock, until the clock reads {@code untilMillis},
     * {@code monitor} is notified, or earlier.
     */
    void pauseUntil(Object monitor, long untilMillis) throws InterruptedException;

    /** The clock's own pauser, or one that waits in real time for the difference the clock shows. */
    static Pauser of(Clock clock) {
        if (clock instanceof Pauser own) {
            return own;
        }
        return (monitor, untilMillis) -> {
            long millis = untilMillis - clock.millis();
            if (millis > 0) {
                monitor.wait(millis);
            }
        };
    }
}
