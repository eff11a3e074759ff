package dev.tripswitch.browser;

/**
 * How hard a failure hits. A circuit that is HALF_OPEN allows {@link #MILD} and {@link #MODERATE} only; a
 * {@link #SEVERE} injection always records one failure on the circuit.
 */
public enum FailureIntensity {
    /** Degraded but working, or a failure that heals itself quickly. */
    MILD,
    /** Clearly broken for a while; lasts until its duration ends or {@code restore()}. */
    MODERATE,
    /** Broken until {@code restore()}; may take the session with it. */
    SEVERE
}
