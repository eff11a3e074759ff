package dev.tripswitch.bench.overhead;

/**
 * One timed run of a trivial suite.
 *
 * @param protectedArm      whether the protected class ran
 * @param nanos             wall time of the framework's run (discovery included), in nanoseconds
 * @param cpuNanos          CPU time of the thread that ran it, over the same span
 * @param passed            tests passed
 * @param notPassed         tests failed or skipped
 * @param circuitSuccesses  successes the protected arm's circuit recorded; -1 when the run created no circuit
 */
public record Trial(boolean protectedArm, long nanos, long cpuNanos, int passed, int notPassed, long circuitSuccesses) {

    /**
     * Fails unless every test passed and the circuit saw exactly the protected arm's tests (and the unprotected
     * arm created none): a benchmark whose arms did not do what they say measures nothing.
     */
    public Trial verified(String framework, int tests) {
        if (passed != tests || notPassed != 0) {
            throw new IllegalStateException(framework + ": expected " + tests + " passed tests, saw " + passed
                    + " passed and " + notPassed + " failed or skipped");
        }
        if (protectedArm && circuitSuccesses != tests) {
            throw new IllegalStateException(framework + ": the protected arm's circuit recorded " + circuitSuccesses
                    + " successes, expected " + tests + " (is tripswitch.enabled=false set?)");
        }
        if (!protectedArm && circuitSuccesses != -1) {
            throw new IllegalStateException(framework + ": the unprotected arm created a circuit");
        }
        return this;
    }
}
