package dev.tripswitch.allure;

/** The Allure label names Tripswitch writes. */
final class Labels {
    static final String CIRCUIT = "circuit";
    static final String STATE_AT_START = "circuitState";
    static final String PROBE = "circuitProbe";
    static final String SKIPPED_BY_CIRCUIT = "skippedByCircuit";
    static final String OUTCOME = "circuitOutcome";
    /** On the result of a test that was deferred and run again ({@code whenOpen = REPLAY}). */
    static final String REPLAYED = "circuitReplayed";
    /** Appended to the trace of a failure that counted against a circuit; categories.json matches it. */
    static final String COUNTED_MARKER = "[tripswitch] this failure counted against circuit '";

    private Labels() {
    }
}
