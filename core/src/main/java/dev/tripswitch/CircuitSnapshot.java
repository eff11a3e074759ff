package dev.tripswitch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable picture of one circuit at one moment.
 *
 * @param name             the circuit's name
 * @param state            its state when the snapshot was taken
 * @param stateSince       when it entered that state
 * @param failureCount     consecutive counted failures in CLOSED (the count towards the threshold); in OPEN
 *                         and HALF_OPEN the count that opened it
 * @param failureThreshold the configured threshold
 * @param totalSuccesses   recorded successes since creation or the last reset
 * @param totalFailures    recorded counted failures since creation or the last reset
 * @param totalIgnored     failures reported but not counted (for example assertion errors)
 * @param totalRejected    calls refused while open or while every probe slot was taken
 * @param timesOpened      how often the circuit opened
 * @param openedAt         when it last opened, or {@code null} if it is CLOSED
 * @param nextProbeAt      when the next probe is allowed (OPEN), or {@code null}; with a health check, the latest
 *                         moment (its first healthy answer comes first)
 * @param currentWait      the wait from opening to the next probe that applies now (doubles with failed probes)
 * @param lastFailure      the last counted failure, or {@code null}
 * @param transitions      the most recent state transitions, oldest first (bounded)
 * @param healthCheck      the circuit's health check and its last answer ("health check GET http://...:
 *                         not healthy: java.net.ConnectException: ... (asked at ...)"), or {@code null} when
 *                         the circuit has none
 */
public record CircuitSnapshot(
        String name,
        CircuitState state,
        Instant stateSince,
        int failureCount,
        int failureThreshold,
        long totalSuccesses,
        long totalFailures,
        long totalIgnored,
        long totalRejected,
        long timesOpened,
        Instant openedAt,
        Instant nextProbeAt,
        Duration currentWait,
        FailureInfo lastFailure,
        List<Transition> transitions,
        String healthCheck) {

    public CircuitSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        transitions = List.copyOf(transitions);
    }

    /** A snapshot of a circuit without a health check. */
    public CircuitSnapshot(String name, CircuitState state, Instant stateSince, int failureCount,
                           int failureThreshold, long totalSuccesses, long totalFailures, long totalIgnored,
                           long totalRejected, long timesOpened, Instant openedAt, Instant nextProbeAt,
                           Duration currentWait, FailureInfo lastFailure, List<Transition> transitions) {
        this(name, state, stateSince, failureCount, failureThreshold, totalSuccesses, totalFailures, totalIgnored,
                totalRejected, timesOpened, openedAt, nextProbeAt, currentWait, lastFailure, transitions, null);
    }

    /** failureCount as a percentage of failureThreshold (may exceed 100 only transiently). */
    public double thresholdPercent() {
        return failureThreshold == 0 ? 0.0 : failureCount * 100.0 / failureThreshold;
    }

    /**
     * One line that says why calls are refused: the circuit, its state, since when, the last failure and
     * when the next probe is due.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("circuit '").append(name).append("' is ").append(state)
                .append(" since ").append(stateSince);
        if (state != CircuitState.CLOSED) {
            Instant outageBegan = outageBegan();
            if (outageBegan != null && outageBegan.isBefore(stateSince)) { // re-opened by a failed probe
                sb.append(" (the outage began at ").append(outageBegan).append(")");
            }
            Transition opening = outageOpening();
            if (opening != null && opening.reason().startsWith("health check ")) { // opened before a failure
                sb.append(" after ").append(opening.reason());
            } else {
                sb.append(" after ").append(failureCount).append(" consecutive failure")
                        .append(failureCount == 1 ? "" : "s");
            }
        }
        sb.append("; last failure: ").append(lastFailure == null ? "none" : lastFailure.describe());
        if (state == CircuitState.OPEN && nextProbeAt != null) {
            sb.append(healthCheck == null ? "; next probe at " : "; next probe as soon as the health check answers"
                    + " healthy, at the latest at ").append(nextProbeAt);
        } else if (state == CircuitState.HALF_OPEN) {
            sb.append("; probe in progress, every probe slot is taken");
        }
        if (state == CircuitState.OPEN && healthCheck != null) {
            sb.append("; ").append(healthCheck);
        }
        return sb.toString();
    }

    /**
     * When the circuit last went from CLOSED to OPEN, as far as its history of transitions goes back: the start of
     * the outage it is in (failed probes re-open it without ending the outage); {@code null} when not known.
     */
    public Instant outageBegan() {
        Transition opening = outageOpening();
        return opening == null ? null : opening.at();
    }

    /** The transition from CLOSED to OPEN that began the outage the circuit is in, or {@code null}. */
    private Transition outageOpening() {
        for (int i = transitions.size() - 1; i >= 0; i--) {
            Transition t = transitions.get(i);
            if (t.from() == CircuitState.CLOSED && t.to() == CircuitState.OPEN) {
                return t;
            }
        }
        return null;
    }

    /** The snapshot as a map of plain values, in a stable order (for JSON reports). */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        m.put("state", state);
        m.put("stateSince", stateSince);
        m.put("failureCount", failureCount);
        m.put("failureThreshold", failureThreshold);
        m.put("thresholdPercent", thresholdPercent());
        m.put("totalSuccesses", totalSuccesses);
        m.put("totalFailures", totalFailures);
        m.put("totalIgnored", totalIgnored);
        m.put("totalRejected", totalRejected);
        m.put("timesOpened", timesOpened);
        m.put("openedAt", openedAt);
        m.put("nextProbeAt", nextProbeAt);
        m.put("currentWaitMillis", currentWait);
        if (lastFailure != null) {
            java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("type", lastFailure.type());
            f.put("message", lastFailure.message());
            f.put("at", lastFailure.at());
            m.put("lastFailure", f);
        } else {
            m.put("lastFailure", null);
        }
        m.put("transitions", transitions.stream().map(t -> {
            java.util.Map<String, Object> tm = new java.util.LinkedHashMap<>();
            tm.put("from", t.from());
            tm.put("to", t.to());
            tm.put("at", t.at());
            tm.put("reason", t.reason());
            return tm;
        }).toList());
        if (healthCheck != null) {
            m.put("healthCheck", healthCheck);
        }
        return m;
    }

    /** The snapshot as pretty-printed JSON. */
    public String toJson() {
        return dev.tripswitch.internal.Json.write(toMap());
    }

    /** A recorded failure: its type and message, and when it was recorded. */
    public record FailureInfo(String type, String message, Instant at) {
        public static FailureInfo of(Throwable failure, Instant at) {
            if (failure == null) {
                return new FailureInfo("(recorded without an exception)", null, at);
            }
            return new FailureInfo(failure.getClass().getName(), failure.getMessage(), at);
        }

        public String describe() {
            return message == null || message.isBlank() ? type : type + ": " + firstLine(message);
        }

        private static String firstLine(String text) {
            int end = 0;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++; // a line ends at \n, \r\n or \r
            }
            String line = text.substring(0, end);
            return line.length() > 200 ? line.substring(0, 200) + "..." : line;
        }
    }

    /** One state transition. */
    public record Transition(CircuitState from, CircuitState to, Instant at, String reason) {
    }
}
