package dev.tripswitch.spi;

import dev.tripswitch.CircuitBreaker;

import java.util.Optional;

/**
 * What a {@link BeforeBodyStep} may know and do of the test it acts on: the circuit that let the test through,
 * the "one fault counts once" rule, and the test's report.
 */
public interface AdmittedTest {

    /** The circuit that let the test through; empty for a test no circuit guards. */
    Optional<CircuitBreaker> guardingCircuit();

    /**
     * The step recorded a failure on the test's circuit itself (an injected fault): the test's own failure from
     * that same fault does not count a second time.
     */
    void injectedFaultCounted();

    /**
     * Something was done to the test's environment and belongs in its report (an injected failure, a recovery): a
     * title, whether it went as intended, and details as JSON (or {@code null}); told to the reporting listeners.
     */
    void note(String title, boolean ok, String detailsJson);
}
