package dev.tripswitch.bench.grid;

/** The arms of the Grid scenario: the same suite, sessions on a Grid, protected three ways, and the baseline. */
public enum GridArm {
    NO_CIRCUIT_BREAKER("no circuit breaker", 2, 1),
    ONE_CIRCUIT("one circuit for the whole suite (a Grid without node circuits)", 2, 1),
    CIRCUIT_PER_NODE("a circuit per node (browser@<host:port>), the suite's own circuit above them", 2, 1),
    TWO_HEALTHY_NODES("the two healthy nodes alone, no circuit breaker (the wall-time baseline)", 2, 0),
    CIRCUIT_PER_NODE_TWO_HEALTHY("a circuit per node on the two healthy nodes alone (what node circuits cost"
            + " without a broken node)", 2, 0);

    /** Whether the arm's sessions are opened through {@code GridSessions}, under node circuits. */
    boolean nodeCircuits() {
        return this == CIRCUIT_PER_NODE || this == CIRCUIT_PER_NODE_TWO_HEALTHY;
    }

    final String description;
    final int healthyNodes;
    final int brokenNodes;

    GridArm(String description, int healthyNodes, int brokenNodes) {
        this.description = description;
        this.healthyNodes = healthyNodes;
        this.brokenNodes = brokenNodes;
    }
}
