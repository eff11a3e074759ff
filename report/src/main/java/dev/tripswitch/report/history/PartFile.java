package dev.tripswitch.report.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One part of a run as the history keeps it: the file format, version {@value #VERSION} (docs/history.md describes
 * it field by field). A part is one JSON document, gzip-compressed, whose first two fields are {@code format} and
 * {@code version}, and whose last is {@code tests}, so that a reader that only wants the circuits' totals and
 * episodes stops before the tests. Times are ISO-8601 instants (UTC), except a test's {@code at}: milliseconds from
 * the part's {@code startedAt}. A field left out is null, false or 0. Readers ignore fields they do not know:
 * version 1 may gain fields; a change that old readers would misread is a new version.
 */
@JsonPropertyOrder({"format", "version", "runId", "partId", "startedAt", "endedAt", "jvm", "circuits", "tests"})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartFile(String format, int version, String runId, String partId, String startedAt, String endedAt,
                       Jvm jvm, List<Circuit> circuits, List<Test> tests) {

    /** What {@code format} says in every part. */
    public static final String FORMAT = "tripswitch-run-part";
    /** The newest version this Tripswitch writes and reads. */
    public static final int VERSION = 1;

    public PartFile {
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** This part without its tests (what a summary read gives). */
    public PartFile withoutTests() {
        return new PartFile(format, version, runId, partId, startedAt, endedAt, jvm, circuits, List.of());
    }

    /** The JVM the part ran in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jvm(String host, long pid, String java, String workingDirectory, String fork,
                      List<String> frameworks) {
    }

    /** One circuit the part used. */
    @JsonPropertyOrder({"name", "store", "finalState", "settings", "counts", "episodes", "transitions",
            "healthAnswers"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Circuit(String name, String store, String finalState, Map<String, Setting> settings,
                          Counts counts, List<Episode> episodes, List<Transition> transitions,
                          List<HealthAnswer> healthAnswers) {

        public Circuit {
            settings = settings == null ? Map.of() : settings;
            counts = counts == null ? Counts.NONE : counts;
            episodes = episodes == null ? List.of() : List.copyOf(episodes);
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
            healthAnswers = healthAnswers == null ? List.of() : List.copyOf(healthAnswers);
        }
    }

    /** A setting in force and where it came from. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Setting(String value, String source) {
    }

    /**
     * What became of the circuit's tests in this part, and what its outages cost.
     *
     * @param tests             test marks of the circuit (a deferred test that ran again has two)
     * @param admitted          tests let through: passed + failedCounted + failedNotCounted + aborted
     * @param skipped           tests reported skipped by a circuit (refused, refused inside, or deferred and never
     *                          run again)
     * @param deferred          tests deferred at least once ({@code whenOpen = REPLAY})
     * @param replayed          tests run again after a deferral
     * @param waited            tests that waited for the circuit ({@code whenOpen = WAIT}), whether they ran or not
     * @param waitedMillis      the time those tests waited, added up
     * @param probes            tests let through as half-open probes
     * @param failureCostMillis the time the tests whose failures counted took, added up: what the outage cost
     * @param openings          times the circuit opened from CLOSED (its episodes)
     * @param outageMillis      the time it spent open or half-open, over its episodes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(long tests, long admitted, long passed, long failedCounted, long failedNotCounted,
                         long aborted, long skipped, long deferred, long replayed, long waited, long waitedMillis,
                         long probes, long failureCostMillis, long openings, long outageMillis) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** These counts and {@code o}'s added up. */
        public Counts plus(Counts o) {
            return new Counts(tests + o.tests, admitted + o.admitted, passed + o.passed,
                    failedCounted + o.failedCounted, failedNotCounted + o.failedNotCounted, aborted + o.aborted,
                    skipped + o.skipped, deferred + o.deferred, replayed + o.replayed, waited + o.waited,
                    waitedMillis + o.waitedMillis, probes + o.probes, failureCostMillis + o.failureCostMillis,
                    openings + o.openings, outageMillis + o.outageMillis);
        }
    }

    /**
     * One outage: from CLOSED to OPEN until CLOSED again (or the end of the run).
     *
     * @param openedBy      the counted failures that opened it, oldest first
     * @param halfOpenAt    each time it let a probe through
     * @param reopenedAt    each time a probe failed and it opened again
     * @param probes        the tests let through as probes, and how they ended
     * @param healthAnswers what the health check answered during it
     * @param closedAt      when it closed; null when the run ended with it open
     * @param outageMillis  closedAt (or the end of the run) less openedAt
     * @param blip          it closed at its first probe
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Episode(String openedAt, List<Failure> openedBy, List<String> halfOpenAt, List<String> reopenedAt,
                          List<Probe> probes, List<HealthAnswer> healthAnswers, String closedAt, long outageMillis,
                          boolean blip, String openingReason) {

        public Episode {
            openedBy = openedBy == null ? List.of() : List.copyOf(openedBy);
            halfOpenAt = halfOpenAt == null ? List.of() : List.copyOf(halfOpenAt);
            reopenedAt = reopenedAt == null ? List.of() : List.copyOf(reopenedAt);
            probes = probes == null ? List.of() : List.copyOf(probes);
            healthAnswers = healthAnswers == null ? List.of() : List.copyOf(healthAnswers);
        }
    }

    /** A state change of the circuit. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Transition(String from, String to, String at, String reason, List<Failure> openedBy) {

        public Transition {
            openedBy = openedBy == null ? List.of() : List.copyOf(openedBy);
        }
    }

    /** A counted failure: type and first line of its message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(String at, String type, String message) {

        /** "type: message", or the type alone. */
        public String describe() {
            return message == null || message.isBlank() ? type : type + ": " + message;
        }
    }

    /** A probe: the test, when it asked, and how it ended. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Probe(String at, String test, String result) {
    }

    /** An answer of the circuit's health check. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HealthAnswer(String at, boolean healthy, String answer) {
    }

    /**
     * What became of one test under a circuit.
     *
     * @param at     milliseconds from the part's {@code startedAt} to when the test asked its circuit
     * @param ms     from then to its outcome (0 for a refusal or a deferral)
     * @param fate   PASSED, FAILED_COUNTED, FAILED_NOT_COUNTED, ABORTED, SKIPPED or DEFERRED
     * @param reason the refusal's or deferral's reason, or the failure's type and message
     */
    @JsonPropertyOrder({"circuit", "framework", "className", "name", "id", "fate", "at", "ms", "waitedMs", "probe",
            "replayed", "reason"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Test(String circuit,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String framework,
                       String className, String name,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String id,
                       String fate, long at,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) long ms,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) long waitedMs,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean probe,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean replayed,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }
}
