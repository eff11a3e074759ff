package dev.tripswitch.samples.shop;

/**
 * The settings of circuit {@code shop}, which both sample suites use. Short on purpose, so that a whole
 * outage story fits in a few seconds: three failures open the circuit, and ten seconds later a probe may go
 * through. The cool-down must outlast what can happen between the third failure and the next test's admission
 * (quitting the failed test's browser, in a framework that counts the failure first): on a loaded machine that
 * can take seconds, and a test admitted after the cool-down would become the probe and change the story.
 */
public final class ShopCircuit {

    public static final String NAME = "shop";
    public static final int FAILURE_THRESHOLD = 3;
    public static final String HALF_OPEN_AFTER = "10s";
    public static final String RECOVERY_TIMEOUT = "10s";

    private ShopCircuit() {
    }
}
