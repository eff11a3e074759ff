package dev.tripswitch;

/**
 * What a test does when its circuit refuses it because the circuit is OPEN (setting {@code whenOpen}).
 */
public enum WhenOpen {

    /**
     * The test is reported as skipped at once, with the circuit's reason. Costs no time, but in a sequential
     * suite the rest of the suite is often skipped before the dependency is back.
     */
    SKIP,

    /**
     * The test waits, on its own thread and before its set-up methods, until it may run (the probe is due, the
     * probe passed, or a health check says the dependency is back), then runs normally. The waiting is bounded
     * by {@code maxWait} per opening of the circuit, shared by every waiting test of the run; once that is spent,
     * the rest is skipped as with {@link #SKIP}, with a reason that says how long it waited and why it gave up.
     */
    WAIT,

    /**
     * The test is deferred: not reported yet, and run again later in the same run, once its circuit lets tests
     * through (the probe passed, or a health check found the dependency back), while the run's other tests go on.
     * Its final result is what it did when it ran. The run waits for deferred tests' circuits, at its end, at
     * most the replay budget ({@code tripswitch.replay.budget}); a test whose circuit never let it through by
     * then ends skipped, with a reason that says it was deferred, how long the run waited and why it gave up.
     *
     * <p>Needs a framework integration that can run a test again: the JUnit 5 integration's {@code tripswitch}
     * test engine, or the TestNG listener. Where no such integration runs the test, it is skipped as with
     * {@link #SKIP}.
     *
     * <p>The default: on the outage benchmark and a second suite of API tests it lost no coverage in a transient
     * outage (SKIP lost most of it), cost about what WAIT costs when the dependency never returns, and did not
     * hold the tests of other, healthy dependencies as WAIT does (README, "What a refused test does").
     */
    REPLAY
}
