package dev.tripswitch.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One part of a run: what one {@link dev.tripswitch.TestRun} in one JVM did with each circuit it used. The forks of
 * one build (and shards given one {@code tripswitch.run.id}) share {@link #runId()}; each writes its own part.
 *
 * @param runId     the run this part belongs to, shared by the JVMs of one build
 * @param partId    what tells this part apart from the run's others (host, process, and the part's number in it)
 * @param startedAt when the run's first protected test asked its circuit (by that circuit's clock)
 * @param endedAt   when the run ended (by the same clock)
 * @param jvm       where the part ran
 * @param circuits  each circuit the run used, by name
 */
public record RunRecord(String runId, String partId, Instant startedAt, Instant endedAt, Jvm jvm,
                        List<CircuitRecord> circuits) {

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(partId, "partId");
        circuits = List.copyOf(circuits);
    }

    /**
     * The JVM a part ran in.
     *
     * @param host             the machine's name
     * @param pid              the process id
     * @param java             the Java version
     * @param workingDirectory where the JVM ran (a Surefire fork: the module's folder)
     * @param fork             the Surefire fork number when the build hands it over ({@code surefire.forkNumber}), or
     *                         {@code null}
     * @param frameworks       the frameworks whose tests the part ran, as their integrations name them
     */
    public record Jvm(String host, long pid, String java, String workingDirectory, String fork,
                      List<String> frameworks) {

        public Jvm {
            frameworks = List.copyOf(frameworks);
        }
    }
}
