package dev.tripswitch.report.suggest;

/**
 * One test of a replayed sequence, as the history shows it.
 *
 * @param name       the test, for messages
 * @param kind       what it does when the dependency is up
 * @param idleBefore how long after the previous test's end it asked its circuit (the suite's own time between tests)
 * @param passMillis how long it takes when the dependency is up
 * @param failMillis how long it takes to fail when the dependency is down (a doomed test: often a timeout)
 */
public record ReplayTest(String name, Kind kind, long idleBefore, long passMillis, long failMillis) {

    /** What a test does when its dependency is up. */
    public enum Kind {
        /** Passes. */
        PASSES,
        /** Fails an assertion: a failure the circuit does not count (the dependency answered, wrongly). */
        FAILS_ITS_ASSERTION,
        /** Ends without an outcome that says anything about the dependency (aborted, or skipped by itself). */
        ABORTS
    }
}
