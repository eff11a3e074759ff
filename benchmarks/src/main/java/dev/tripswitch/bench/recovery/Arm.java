package dev.tripswitch.bench.recovery;

/** The two ways a failure is recovered from; both face the same cases. */
public enum Arm {
    /** Circuit-aware progressive recovery: {@code RecoveryStrategy.withCircuit(circuit)}. */
    WITH_CIRCUIT_BREAKER("with circuit breaker"),
    /** The common baseline: the operation retried with its timeouts until a budget runs out, then a restart. */
    WITHOUT_CIRCUIT_BREAKER("without circuit breaker");

    private final String label;

    Arm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
