package dev.tripswitch.browser;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link RecoveryStrategy} did.
 *
 * @param failure      the failure type recovered from
 * @param recovered    true when a step made the operation succeed
 * @param succeededAt  the step that did, or {@code null}
 * @param steps        every step tried, in order, with its time and why it failed
 * @param total        time from start to end
 * @param browserAfter the browser the session drives afterwards
 * @param circuitNote  what the circuit decided (e.g. "OPEN: recovery not attempted"), or {@code null} without
 *                     a circuit
 */
public record RecoveryReport(FailureType failure, boolean recovered, RecoveryStep succeededAt, List<Attempt> steps,
                             Duration total, Browser browserAfter, String circuitNote) {

    public RecoveryReport {
        steps = List.copyOf(steps);
    }

    /**
     * One step tried.
     *
     * @param step      the step
     * @param succeeded whether the operation succeeded after it
     * @param took      how long the step (with the operation) took
     * @param failure   why it failed ({@code ExceptionType: message}), or {@code null}
     */
    public record Attempt(RecoveryStep step, boolean succeeded, Duration took, String failure) {
    }

    /** True when the circuit kept recovery from running at all. */
    public boolean skippedByCircuit() {
        return steps.isEmpty() && circuitNote != null && !recovered;
    }

    /** A few lines for logs and reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder("recovery from ").append(failure).append(": ")
                .append(recovered ? "recovered at " + succeededAt : "not recovered")
                .append(" in ").append(total.toMillis()).append(" ms");
        if (circuitNote != null) {
            sb.append(" (").append(circuitNote).append(')');
        }
        for (Attempt a : steps) {
            sb.append("\n  ").append(a.step()).append(": ").append(a.succeeded() ? "ok" : "failed")
                    .append(" in ").append(a.took().toMillis()).append(" ms");
            if (a.failure() != null) {
                sb.append(" - ").append(a.failure());
            }
        }
        return sb.toString();
    }
}
