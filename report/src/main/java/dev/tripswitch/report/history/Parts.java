package dev.tripswitch.report.history;

import dev.tripswitch.CircuitState;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's record as the history keeps it ({@link PartFile}): the record's facts, plus what is read from them once
 * here so that no reader has to — each circuit's counts and its episodes (from opening to closing, with the
 * failures that opened it, its probes and health answers).
 */
public final class Parts {

    private Parts() {
    }

    /** The part that {@code record} makes. */
    public static PartFile of(RunRecord record) {
        Instant start = record.startedAt();
        List<PartFile.Circuit> circuits = new ArrayList<>();
        List<PartFile.Test> tests = new ArrayList<>();
        for (CircuitRecord c : record.circuits()) {
            Map<String, PartFile.Setting> settings = new LinkedHashMap<>();
            c.settings().forEach((k, v) -> settings.put(k, new PartFile.Setting(v.value(), v.source())));
            List<PartFile.Episode> episodes = episodes(c, start, record.endedAt());
            circuits.add(new PartFile.Circuit(c.name(), c.store(), c.finalState().name(), settings,
                    counts(c, episodes), episodes, transitions(c), health(c.healthAnswers())));
            for (TestMark t : c.tests()) {
                tests.add(new PartFile.Test(c.name(), t.framework(), t.className(), t.name(), t.id(), t.fate().name(),
                        t.at().toEpochMilli() - start.toEpochMilli(), t.durationMillis(), t.waitedMillis(), t.probe(),
                        t.replayed(), t.reason()));
            }
        }
        tests.sort((a, b) -> Long.compare(a.at(), b.at()));
        RunRecord.Jvm j = record.jvm();
        return new PartFile(PartFile.FORMAT, PartFile.VERSION, record.runId(), record.partId(), start.toString(),
                record.endedAt().toString(), new PartFile.Jvm(j.host(), j.pid(), j.java(), j.workingDirectory(),
                j.fork(), j.frameworks()), circuits, tests);
    }

    static PartFile.Counts counts(CircuitRecord c, List<PartFile.Episode> episodes) {
        long passed = 0, failedCounted = 0, failedNotCounted = 0, aborted = 0, skipped = 0, replayed = 0;
        long waited = 0, waitedMillis = 0, probes = 0, cost = 0;
        Set<String> deferred = new HashSet<>();
        for (TestMark t : c.tests()) {
            switch (t.fate()) {
                case PASSED -> passed++;
                case FAILED_COUNTED -> {
                    failedCounted++;
                    cost += t.durationMillis();
                }
                case FAILED_NOT_COUNTED -> failedNotCounted++;
                case ABORTED -> aborted++;
                case SKIPPED -> skipped++;
                case DEFERRED -> deferred.add(t.id() != null ? t.id() : t.className() + "#" + t.name());
            }
            replayed += t.replayed() ? 1 : 0;
            probes += t.probe() ? 1 : 0;
            if (t.waitedMillis() > 0) {
                waited++;
                waitedMillis += t.waitedMillis();
            }
        }
        long openings = c.transitions().stream()
                .filter(t -> t.from() == CircuitState.CLOSED && t.to() == CircuitState.OPEN).count();
        long outage = episodes.stream().mapToLong(PartFile.Episode::outageMillis).sum();
        return new PartFile.Counts(c.tests().size(), passed + failedCounted + failedNotCounted + aborted, passed,
                failedCounted, failedNotCounted, aborted, skipped, deferred.size(), replayed, waited, waitedMillis,
                probes, cost, openings, outage);
    }

    /**
     * The circuit's outages during the part, from its transitions: an episode opens with CLOSED → OPEN (or with the
     * part, when the circuit was not CLOSED at its start) and ends with the next change to CLOSED (or with the part).
     */
    static List<PartFile.Episode> episodes(CircuitRecord c, Instant start, Instant end) {
        List<PartFile.Episode> out = new ArrayList<>();
        Building e = null;
        for (CircuitRecord.Transition t : c.transitions()) {
            if (e == null) {
                if (t.to() == CircuitState.CLOSED && t.from() == CircuitState.CLOSED) {
                    continue; // a reset of a closed circuit
                }
                e = new Building(t.from() == CircuitState.CLOSED ? t.at() : start, t.openedBy(),
                        t.from() == CircuitState.CLOSED ? t.reason() : null);
            }
            switch (t.to()) {
                case OPEN -> {
                    if (t.from() != CircuitState.CLOSED) {
                        e.reopenedAt.add(t.at());
                    }
                }
                case HALF_OPEN -> e.halfOpenAt.add(t.at());
                case CLOSED -> {
                    out.add(e.finish(t.at(), t.at(), c));
                    e = null;
                }
            }
        }
        if (e != null) {
            out.add(e.finish(null, end, c));
        }
        return out;
    }

    private static final class Building {
        final Instant openedAt;
        final List<CircuitRecord.Failure> openedBy;
        final List<Instant> halfOpenAt = new ArrayList<>();
        final List<Instant> reopenedAt = new ArrayList<>();
        final String openingReason;

        Building(Instant openedAt, List<CircuitRecord.Failure> openedBy, String openingReason) {
            this.openedAt = openedAt;
            this.openedBy = openedBy;
            this.openingReason = openingReason;
        }

        /** The episode, closed at {@code closedAt} (null: still open at {@code until}, the part's end). */
        PartFile.Episode finish(Instant closedAt, Instant until, CircuitRecord c) {
            List<PartFile.Probe> probes = new ArrayList<>();
            for (TestMark t : c.tests()) {
                if (t.probe() && !t.at().isBefore(openedAt) && !t.at().isAfter(until)) {
                    probes.add(new PartFile.Probe(t.at().toString(), t.name(), t.fate().name()));
                }
            }
            List<CircuitRecord.HealthAnswer> answers = c.healthAnswers().stream()
                    .filter(h -> !h.at().isBefore(openedAt) && !h.at().isAfter(until)).toList();
            boolean blip = closedAt != null && halfOpenAt.size() == 1 && reopenedAt.isEmpty();
            return new PartFile.Episode(openedAt.toString(), failures(openedBy), strings(halfOpenAt),
                    strings(reopenedAt), probes, health(answers), closedAt == null ? null : closedAt.toString(),
                    Math.max(0, until.toEpochMilli() - openedAt.toEpochMilli()), blip, openingReason);
        }
    }

    private static List<PartFile.Transition> transitions(CircuitRecord c) {
        return c.transitions().stream().map(t -> new PartFile.Transition(t.from().name(), t.to().name(),
                t.at().toString(), t.reason(), failures(t.openedBy()))).toList();
    }

    private static List<PartFile.Failure> failures(List<CircuitRecord.Failure> failures) {
        return failures.stream().map(f -> new PartFile.Failure(f.at().toString(), f.type(), f.message())).toList();
    }

    private static List<PartFile.HealthAnswer> health(List<CircuitRecord.HealthAnswer> answers) {
        return answers.stream().map(h -> new PartFile.HealthAnswer(h.at().toString(), h.healthy(), h.answer()))
                .toList();
    }

    private static List<String> strings(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toList();
    }
}
