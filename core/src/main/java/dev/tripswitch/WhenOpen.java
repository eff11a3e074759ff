package dev.tripswitch;

/**
 * What a test does when its circuit refuses it because the circuit is OPEN (setting {@code whenOpen}).
 */
public enum WhenOpen {

    /** The test is reported as skipped at once, with the circuit's reason (the default). */
    SKIP,

    /**
     * The test waits, on its own thread and before its set-up methods, until it may run (the probe is due, the
     * probe passed, or a health check says the dependency is back), then runs normally. The waiting is bounded
     * by {@code maxWait} per opening of the circuit, shared by every waiting test of the run; once that is spent,
     * the rest is skipped as with {@link #SKIP}, with a reason that says how long it waited and why it gave up.
     */
    WAIT
}
