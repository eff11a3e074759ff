package dev.tripswitch.bench.outage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the dependency does during the outage suite ({@code --outage-scenario}).
 */
public enum OutageScenario {

    /**
     * It goes down {@code downAfter} after the first test starts (mid-run) and comes back after {@code window}.
     */
    TRANSIENT("transient", "the dependency goes down and comes back"),

    /**
     * It goes down {@code downAfter} after the first test starts and stays down until the suite, replay rounds
     * included, is over.
     */
    NEVER_RETURNS("never-returns", "the dependency goes down and never returns"),

    /**
     * It is down when the suite starts (before the first test) and comes back {@code window} after the first test
     * starts: a suite started against a dead dependency.
     */
    DOWN_AT_START("down-at-start", "the dependency is down when the suite starts and comes back"),

    /**
     * The transient outage, with the suite run in parallel (JUnit parallel execution, two threads) and half of
     * its tests using a second instance of the dependency, under a circuit of their own, that stays healthy.
     */
    PARALLEL("parallel", "the dependency goes down and comes back while half of a parallel suite uses a second,"
            + " healthy instance");

    private final String id;
    private final String description;

    OutageScenario(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The scenario's name on the command line and in reports. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Whether the dependency comes back during the suite. */
    public boolean returns() {
        return this != NEVER_RETURNS;
    }

    /** Whether the dependency is down before the first test starts. */
    public boolean downAtStart() {
        return this == DOWN_AT_START;
    }

    /** Whether half of the tests use a second, healthy dependency, in parallel with the others. */
    public boolean parallel() {
        return this == PARALLEL;
    }

    /** The scenario of a report: {@code null} (a report older than the field) is the transient outage. */
    public static OutageScenario fromId(String id) {
        if (id == null) {
            return TRANSIENT;
        }
        for (OutageScenario s : values()) {
            if (s.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not an outage scenario; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(OutageScenario::id).collect(Collectors.joining(", "));
    }
}
