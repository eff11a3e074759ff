package dev.tripswitch.samples.shop;

/**
 * The settings of circuit {@code shop}, which both sample suites use. Short on purpose, so that a whole
 * outage story fits in a few seconds: three failures open the circuit, and two seconds later a probe may go
 * through.
 */
public final class ShopCircuit {

    public static final String NAME = "shop";
    public static final int FAILURE_THRESHOLD = 3;
    public static final String HALF_OPEN_AFTER = "2s";
    public static final String RECOVERY_TIMEOUT = "10s";

    private ShopCircuit() {
    }
}
