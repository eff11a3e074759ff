package dev.tripswitch.internal;

/** Who reports an outcome to a circuit: the rules differ only in which phases the report may still drive. */
public enum Reporter {
    /** {@code recordSuccess}/{@code recordFailure}: drives whatever phase is current. */
    DIRECT,
    /** A permit granted in CLOSED: drives only the CLOSED window it was granted in. */
    CLOSED_PERMIT,
    /** A probe permit: drives only its half-open window, and always returns its slot. */
    PROBE
}
