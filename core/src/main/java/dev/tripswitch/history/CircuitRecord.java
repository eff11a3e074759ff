package dev.tripswitch.history;

import dev.tripswitch.CircuitState;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one circuit did during one part of a run.
 *
 * @param name          the circuit's name
 * @param store         where its state lived ("memory", or the store's description)
 * @param finalState    its state when the run ended
 * @param settings      every setting in force, by name: its value as a property value, and where it came from
 * @param transitions   its state changes during the run, in order
 * @param healthAnswers what its health check answered during the run, in order
 * @param tests         what became of each test it guarded, in the order they ended (one test may have several
 *                      marks: deferred, then replayed)
 */
public record CircuitRecord(String name, String store, CircuitState finalState, Map<String, Setting> settings,
                            List<Transition> transitions, List<HealthAnswer> healthAnswers, List<TestMark> tests) {

    public CircuitRecord {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings)); // in the settings' order
        transitions = List.copyOf(transitions);
        healthAnswers = List.copyOf(healthAnswers);
        tests = List.copyOf(tests);
    }

    /** A setting in force: its value, written as a property value, and where it came from. */
    public record Setting(String value, String source) {
    }

    /**
     * A state change.
     *
     * @param openedBy for a change to OPEN, the counted failures that caused it (the consecutive failures that
     *                 reached the threshold, or the failed probe), oldest first; empty otherwise
     */
    public record Transition(CircuitState from, CircuitState to, Instant at, String reason, List<Failure> openedBy) {

        public Transition {
            openedBy = List.copyOf(openedBy);
        }
    }

    /** A counted failure: when, its type and its message's first line (may be {@code null}). */
    public record Failure(Instant at, String type, String message) {
    }

    /** An answer of the circuit's health check, as the circuit's snapshot states it. */
    public record HealthAnswer(Instant at, boolean healthy, String answer) {
    }
}
