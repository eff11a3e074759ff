package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.spi.RunSummaryContributor;

import java.util.List;

/**
 * Adds {@link NodeCircuits#summaryLines one line per Grid node circuit} to the end-of-run summary. A
 * {@link RunSummaryContributor} found by {@link java.util.ServiceLoader}; public only for it.
 */
public final class NodeCircuitSummary implements RunSummaryContributor {

    /** Made by {@link java.util.ServiceLoader}. */
    public NodeCircuitSummary() {
    }

    @Override
    public List<String> summaryLines(CircuitBreakerRegistry registry) {
        return NodeCircuits.summaryLines(registry);
    }
}
