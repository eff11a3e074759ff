package dev.tripswitch.bench.outage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arms of the outage benchmark: the same suite with its dependency healthy throughout (the reference), and
 * through the outage without the circuit breaker, with it as today ({@code whenOpen = SKIP}), waiting for the
 * probe ({@code whenOpen = WAIT}) with and without the dependency's health URL as the health check, and with it asked
 * while the circuit is CLOSED too (early warning), and deferring
 * refused tests to run them again later in the run ({@code whenOpen = REPLAY}), without and with that health check.
 * The names and metric keys of the arms of earlier reports are kept, so that reports still compare with older ones.
 */
public enum OutageArm {
    /** The reference: circuit breaker on, no outage. */
    NO_OUTAGE("no outage (reference)", "no_outage", "no-outage"),
    /** {@code tripswitch.enabled=false}: every test runs unguarded. */
    WITHOUT_CIRCUIT_BREAKER("without circuit breaker", "without", "without"),
    /** The circuit breaker with the suite's settings; a refused test is skipped. */
    WITH_CIRCUIT_BREAKER("with circuit breaker, SKIP", "with", "skip"),
    /** The same circuit with {@code whenOpen = WAIT} and the shop's health URL as its health check. */
    WITH_CIRCUIT_BREAKER_WAIT("with circuit breaker, WAIT + health check", "wait", "wait"),
    /**
     * The WAIT arm's circuit with early warning (issue 24): its health check is asked while CLOSED too, before the
     * first test and once per interval, and opens the circuit before the tests fail. (The other health-check arms
     * switch early warning off, so that they stay what they measured before.)
     */
    WITH_CIRCUIT_BREAKER_WAIT_EARLY("with circuit breaker, WAIT + health check + early warning", "wait_early",
            "wait-early"),
    /** {@code whenOpen = WAIT} without a health check: refused tests wait for a probe due by time. */
    WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH("with circuit breaker, WAIT (no health check)", "wait_no_health",
            "wait-no-health"),
    /** {@code whenOpen = REPLAY}, no health check: refused tests are deferred and run again once a probe passes. */
    WITH_CIRCUIT_BREAKER_REPLAY("with circuit breaker, SKIP + replay", "replay", "replay"),
    /** {@code whenOpen = REPLAY} with the WAIT arm's health check: the check decides when the probe goes. */
    WITH_CIRCUIT_BREAKER_REPLAY_HEALTH("with circuit breaker, SKIP + replay + health check", "replay_health",
            "replay-health"),
    /**
     * No annotation: the same journeys in classes without {@code @CircuitProtected}, with
     * {@code tripswitch.dependencies=auto} (issue 26) — each shop's {@code host:port} is the circuit, with the
     * annotated arms' {@code failureThreshold} and {@code halfOpenAfter}; a test is refused at its first navigation to
     * an open shop and deferred (a dependency circuit's {@code whenOpen} is core's default, {@code REPLAY}), to run
     * again once that circuit lets tests through. The parallel scenario of the shop suite only; run when asked for
     * ({@code --outage-arms=...,dependencies}), not by default.
     */
    WITH_DEPENDENCY_CIRCUITS("dependency circuits, no annotation", "dependencies", "dependencies");

    private final String label;
    private final String metricKey;
    private final String flagName;

    OutageArm(String label, String metricKey, String flagName) {
        this.label = label;
        this.metricKey = metricKey;
        this.flagName = flagName;
    }

    public String label() {
        return label;
    }

    /** The arm's part of a headline metric's name ({@code outage.<key>.wall_ms}). */
    public String metricKey() {
        return metricKey;
    }

    /** The arm's name on the command line ({@code --outage-arms=without,replay}). */
    public String flagName() {
        return flagName;
    }

    /** Whether the shop goes down during the suite. */
    public boolean hasOutage() {
        return this != NO_OUTAGE;
    }

    /** Whether refused tests wait ({@code whenOpen = WAIT}). */
    public boolean waits() {
        return this == WITH_CIRCUIT_BREAKER_WAIT || this == WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH
                || this == WITH_CIRCUIT_BREAKER_WAIT_EARLY;
    }

    /** Whether the health check is asked while the circuit is CLOSED too ({@code earlyWarning}). */
    public boolean earlyWarning() {
        return this == WITH_CIRCUIT_BREAKER_WAIT_EARLY;
    }

    /** Whether refused tests are deferred and replayed ({@code whenOpen = REPLAY}). */
    public boolean replays() {
        return this == WITH_CIRCUIT_BREAKER_REPLAY || this == WITH_CIRCUIT_BREAKER_REPLAY_HEALTH;
    }

    /** Whether the circuit has the dependency's health URL as its health check. */
    public boolean hasHealthCheck() {
        return this == WITH_CIRCUIT_BREAKER_WAIT || this == WITH_CIRCUIT_BREAKER_REPLAY_HEALTH
                || this == WITH_CIRCUIT_BREAKER_WAIT_EARLY;
    }

    /** Whether {@code --simulate} models the arm (replay and waiting without a health check are not simulated). */
    public boolean simulated() {
        return !replays() && this != WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH && this != WITH_DEPENDENCY_CIRCUITS;
    }

    /** Whether the suite runs without annotations, under dependency circuits ({@code tripswitch.dependencies=auto}). */
    public boolean dependencyCircuits() {
        return this == WITH_DEPENDENCY_CIRCUITS;
    }

    /** Whether a run with no {@code --outage-arms} runs it: every arm but the dependency-circuit one. */
    public boolean byDefault() {
        return this != WITH_DEPENDENCY_CIRCUITS;
    }

    /** The arm named {@code flagName} on the command line, or {@code null}. */
    public static OutageArm fromFlagName(String flagName) {
        for (OutageArm a : values()) {
            if (a.flagName.equals(flagName)) {
                return a;
            }
        }
        return null;
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
                WITH_CIRCUIT_BREAKER_WAIT, WITH_CIRCUIT_BREAKER_WAIT_EARLY, WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH, WITH_CIRCUIT_BREAKER_REPLAY,
                WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, WITH_DEPENDENCY_CIRCUITS, NO_OUTAGE));
        base.retainAll(arms);
        if (repetition % 2 == 0) {
            Collections.reverse(base);
        }
        return base;
    }
}
