package dev.tripswitch.browser;

import java.time.Duration;
import java.time.Instant;

/**
 * What one injection did.
 *
 * @param type             the failure type (chosen at random for random injections)
 * @param intensity        the intensity
 * @param mechanism        what was done in the browser, in words (e.g. "Network.emulateNetworkConditions offline")
 * @param injected         true when the mechanism was applied
 * @param verified         true when the failure was observed to take effect
 * @param observation      what was observed when checking, or why the injection failed
 * @param refusalReason    why the injection was refused (circuit OPEN, severe while HALF_OPEN), or {@code null}
 * @param recordedOnCircuit true when this injection recorded a failure on the circuit
 * @param lasts            how long the failure lasts before it undoes itself, or {@code null} when it lasts
 *                         until {@code restore()} (or is over at once, like a crash)
 * @param at               when the injection started
 * @param took             how long injecting and checking took
 */
public record InjectionResult(FailureType type, FailureIntensity intensity, String mechanism, boolean injected,
                              boolean verified, String observation, String refusalReason,
                              boolean recordedOnCircuit, Duration lasts, Instant at, Duration took) {

    /** True when the injection was refused by the circuit. */
    public boolean refused() {
        return refusalReason != null;
    }

    static InjectionResult refused(FailureType type, FailureIntensity intensity, String reason) {
        return new InjectionResult(type, intensity, null, false, false, null, reason, false, null, Instant.now(),
                Duration.ZERO);
    }

    InjectionResult withRecorded(boolean recorded) {
        return new InjectionResult(type, intensity, mechanism, injected, verified, observation, refusalReason,
                recorded, lasts, at, took);
    }

    /** {@link #describe()}: how a framework's report shows it (a JUnit report entry). */
    @Override
    public String toString() {
        return describe();
    }

    /** One line for logs and reports. */
    public String describe() {
        String head = type + "/" + intensity;
        if (refused()) {
            return head + " refused: " + refusalReason;
        }
        if (!injected) {
            return head + " not injected: " + observation;
        }
        return head + " via " + mechanism + (verified ? ", verified: " : ", NOT verified: ") + observation
                + (lasts == null ? "" : "; undoes itself after " + lasts.toMillis() + " ms")
                + (recordedOnCircuit ? "; recorded on the circuit" : "");
    }
}
