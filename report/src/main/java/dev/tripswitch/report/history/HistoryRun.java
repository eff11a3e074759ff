package dev.tripswitch.report.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the history: its parts (one per JVM run that recorded), merged where a reader wants the run as a
 * whole.
 *
 * @param runId the run's id
 * @param parts its parts, by start
 */
public record HistoryRun(String runId, List<PartFile> parts) {

    public HistoryRun {
        parts = parts.stream().sorted(Comparator.comparing(PartFile::startedAt).thenComparing(PartFile::partId))
                .toList();
    }

    /** When the run's first part started. */
    public Instant startedAt() {
        return parts.stream().map(p -> Instant.parse(p.startedAt())).min(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
    }

    /** When its last part ended. */
    public Instant endedAt() {
        return parts.stream().map(p -> Instant.parse(p.endedAt())).max(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
    }

    /** The names of its circuits, sorted. */
    public List<String> circuitNames() {
        return parts.stream().flatMap(p -> p.circuits().stream()).map(PartFile.Circuit::name).distinct().sorted()
                .toList();
    }

    /**
     * Circuit {@code name} over the run's parts: counts added up, episodes of all parts — once each, for a circuit
     * several JVMs share through a store sees the same opening in each (same opening time).
     */
    public Merged circuit(String name) {
        PartFile.Counts counts = PartFile.Counts.NONE;
        Map<String, PartFile.Episode> episodes = new LinkedHashMap<>();
        List<PartFile.Circuit> seen = new ArrayList<>();
        for (PartFile p : parts) {
            for (PartFile.Circuit c : p.circuits()) {
                if (c.name().equals(name)) {
                    seen.add(c);
                    boolean shared = c.store() != null && !c.store().equals("memory");
                    for (PartFile.Episode e : c.episodes()) {
                        episodes.putIfAbsent(shared ? e.openedAt() : p.partId() + "@" + e.openedAt(), e);
                    }
                    counts = counts.plus(c.counts());
                }
            }
        }
        List<PartFile.Episode> list = episodes.values().stream()
                .sorted(Comparator.comparing(PartFile.Episode::openedAt)).toList();
        if (seen.stream().anyMatch(c -> c.store() != null && !c.store().equals("memory"))) {
            long outage = list.stream().mapToLong(PartFile.Episode::outageMillis).sum();
            counts = new PartFile.Counts(counts.tests(), counts.admitted(), counts.passed(), counts.failedCounted(),
                    counts.failedNotCounted(), counts.aborted(), counts.skipped(), counts.deferred(),
                    counts.replayed(), counts.waited(), counts.waitedMillis(), counts.probes(),
                    counts.failureCostMillis(), list.size(), outage);
        }
        return new Merged(name, counts, list, seen);
    }

    /** One circuit over a run's parts. */
    public record Merged(String name, PartFile.Counts counts, List<PartFile.Episode> episodes,
                         List<PartFile.Circuit> perPart) {

        /** Episodes that closed at their first probe. */
        public long blips() {
            return episodes.stream().filter(PartFile.Episode::blip).count();
        }
    }
}
