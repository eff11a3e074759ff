package dev.tripswitch.bench.outage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arms of the outage benchmark: the same suite with the shop healthy throughout (the reference), and while
 * the shop goes down and comes back without the circuit breaker, with it as today ({@code whenOpen = SKIP}) and
 * with it waiting for the probe ({@code whenOpen = WAIT}) with the shop's health URL as the health check.
 * The names of the two arms of earlier reports are kept, so that reports still compare with older ones.
 */
public enum OutageArm {
    /** The reference: circuit breaker on, no outage. */
    NO_OUTAGE("no outage (reference)", "no_outage"),
    /** {@code tripswitch.enabled=false}: every test runs unguarded. */
    WITHOUT_CIRCUIT_BREAKER("without circuit breaker", "without"),
    /** The circuit breaker with the suite's settings; a refused test is skipped. */
    WITH_CIRCUIT_BREAKER("with circuit breaker, SKIP", "with"),
    /** The same circuit with {@code whenOpen = WAIT} and the shop's health URL as its health check. */
    WITH_CIRCUIT_BREAKER_WAIT("with circuit breaker, WAIT + health check", "wait");

    private final String label;
    private final String metricKey;

    OutageArm(String label, String metricKey) {
        this.label = label;
        this.metricKey = metricKey;
    }

    public String label() {
        return label;
    }

    /** The arm's part of a headline metric's name ({@code outage.<key>.wall_ms}). */
    public String metricKey() {
        return metricKey;
    }

    /** Whether the shop goes down during the suite. */
    public boolean hasOutage() {
        return this != NO_OUTAGE;
    }

    /** The arm of a report's {@code arm} field, or {@code null} for a name no arm has. */
    public static OutageArm fromName(String name) {
        for (OutageArm a : values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /**
     * The arms' order for a repetition (from 1): odd repetitions start without the circuit breaker and end with
     * the reference, even ones run the reverse order, so that load drifting over a run hits every arm alike.
     */
    public static List<OutageArm> order(int repetition, List<OutageArm> arms) {
        List<OutageArm> base = new ArrayList<>(List.of(WITHOUT_CIRCUIT_BREAKER, WITH_CIRCUIT_BREAKER,
                WITH_CIRCUIT_BREAKER_WAIT, NO_OUTAGE));
        base.retainAll(arms);
        if (repetition % 2 == 0) {
            Collections.reverse(base);
        }
        return base;
    }
}
