package dev.tripswitch.spi;

import dev.tripswitch.CircuitBreakerRegistry;

import java.util.List;

/**
 * Adds lines to the summary printed at the end of a run of protected tests (the browser module adds one line per
 * Selenium Grid node circuit). Found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.tripswitch.spi.RunSummaryContributor}.
 *
 * <p>Contract: called by {@link dev.tripswitch.TestRun#summaryLines()}, on the thread that asks for the summary
 * (the framework adapter's end of run), only when the run used a circuit; its lines come after core's own. An
 * exception is logged and the contributor's lines are left out: a summary never fails a run.
 */
public interface RunSummaryContributor {

    /** Lines about the circuits of {@code registry} (the run's) that this module knows of; empty for none. */
    List<String> summaryLines(CircuitBreakerRegistry registry);
}
