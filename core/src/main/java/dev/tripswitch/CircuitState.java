package dev.tripswitch;

/** The three states of a circuit. */
public enum CircuitState {
    /** Calls go through; consecutive counted failures are tallied towards the threshold. */
    CLOSED,
    /** Calls are refused until the next probe is due. */
    OPEN,
    /** A limited number of probe calls go through to test whether the dependency is back. */
    HALF_OPEN
}
