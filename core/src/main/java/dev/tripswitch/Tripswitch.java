package dev.tripswitch;

import dev.tripswitch.internal.Switches;

/**
 * Run-wide switches of Tripswitch, read from system properties.
 * <ul>
 *   <li>{@value #ENABLED} ({@code true} by default): {@code false} runs protected tests and calls without asking
 *       any circuit — for measuring a suite with and without the circuit breaker.</li>
 * </ul>
 */
public final class Tripswitch {

    /** The switch that turns every circuit's guarding off when {@code false}. */
    public static final String ENABLED = Switches.ENABLED;

    private Tripswitch() {
    }

    /**
     * Whether tests and calls under {@code @CircuitProtected} are guarded by their circuits.
     *
     * @throws CircuitConfigurationException for a value other than {@code true} or {@code false}
     */
    public static boolean enabled() {
        return Switches.enabled();
    }
}
