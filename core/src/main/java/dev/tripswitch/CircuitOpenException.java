package dev.tripswitch;

/**
 * A call was refused because its circuit is open (or half-open with every probe slot taken). The message
 * names the circuit, its state, since when, the last failure and when the next probe is due; the snapshot
 * carries the same data for programs.
 */
public class CircuitOpenException extends RuntimeException {

    private final transient CircuitSnapshot snapshot;

    public CircuitOpenException(CircuitSnapshot snapshot) {
        super(snapshot.describe(), null, false, false);
        this.snapshot = snapshot;
    }

    public CircuitSnapshot snapshot() {
        return snapshot;
    }
}
