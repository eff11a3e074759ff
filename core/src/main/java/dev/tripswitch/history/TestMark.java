package dev.tripswitch.history;

import java.time.Instant;

/**
 * What became of one test under a circuit, once.
 *
 * @param framework      the framework integration that ran it, as it names itself
 * @param className      the test's class
 * @param name           what its framework shows for it
 * @param id             its id in the run (a JUnit unique id), or {@code null}
 * @param fate           how it ended
 * @param at             when it asked its circuit
 * @param durationMillis from then until its outcome (waiting, set-up and body included); 0 for a refusal
 * @param waitedMillis   how long it waited for its circuit ({@code whenOpen = WAIT}) before it ran or was refused
 * @param probe          it was let through as a half-open probe
 * @param replayed       it ran again after it had been deferred
 * @param reason         for a refusal or a deferral, the reason given; for a failure, its type and message; else
 *                       {@code null}
 */
public record TestMark(String framework, String className, String name, String id, Fate fate, Instant at,
                       long durationMillis, long waitedMillis, boolean probe, boolean replayed, String reason) {

    /** How a test under a circuit ended. */
    public enum Fate {
        PASSED,
        /** Failed with a failure that counted against the circuit. */
        FAILED_COUNTED,
        /** Failed with a failure the circuit ignores (by default an assertion). */
        FAILED_NOT_COUNTED,
        /** Aborted or skipped by the test itself. */
        ABORTED,
        /** Refused by a circuit and reported skipped (before it ran, or inside, by protected code). */
        SKIPPED,
        /** Refused and deferred, to run again later in the run ({@code whenOpen = REPLAY}); a later mark says how. */
        DEFERRED
    }
}
