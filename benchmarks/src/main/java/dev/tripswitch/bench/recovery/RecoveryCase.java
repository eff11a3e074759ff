package dev.tripswitch.bench.recovery;

import dev.tripswitch.browser.Browser;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;

/**
 * One injected failure, recovered from once in each arm.
 *
 * @param order      position in the (shuffled) run order, from 0
 * @param browser    the browser
 * @param type       the failure injected
 * @param intensity  its intensity
 * @param repetition which repetition of this combination, from 1
 */
public record RecoveryCase(int order, Browser browser, FailureType type, FailureIntensity intensity, int repetition) {

    /** Arms alternate their order from case to case, so that drifting machine load hits both alike. */
    public Arm[] armOrder() {
        return order % 2 == 0
                ? new Arm[]{Arm.WITH_CIRCUIT_BREAKER, Arm.WITHOUT_CIRCUIT_BREAKER}
                : new Arm[]{Arm.WITHOUT_CIRCUIT_BREAKER, Arm.WITH_CIRCUIT_BREAKER};
    }

    public String key() {
        return browser.displayName() + "/" + type + "/" + intensity;
    }
}
