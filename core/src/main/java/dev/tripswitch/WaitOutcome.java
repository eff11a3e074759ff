package dev.tripswitch;

import java.time.Duration;

/**
 * What {@link CircuitBreaker#awaitPermission()} came back with: a permit after waiting (perhaps not at all), or
 * a refusal whose reason says that the circuit was waited on, for how long, and why the waiting gave up.
 *
 * @param permit   the permit to report the call's outcome on, or {@code null} when refused
 * @param waited   how long the calling thread waited, by the circuit's clock
 * @param snapshot the circuit when the wait ended
 * @param reason   why the call is refused, or {@code null} when it was granted
 */
public record WaitOutcome(CircuitPermit permit, Duration waited, CircuitSnapshot snapshot, String reason) {

    /** True when a permit was granted. */
    public boolean granted() {
        return permit != null;
    }
}
