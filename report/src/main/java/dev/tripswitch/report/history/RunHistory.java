package dev.tripswitch.report.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The run history over a {@link HistoryStore}: writes parts, reads runs back (merged from their parts), keeps the
 * retention, and takes damaged files out of the way. A file that cannot be read as a part — corrupted, truncated,
 * foreign, or of a newer format — is moved aside (never deleted) with one warning that names it and says what is
 * wrong; the reader goes on without it. Warnings are collected for the caller to show ({@link #warnings()}).
 */
public final class RunHistory {

    private final HistoryStore store;
    private final List<String> warnings = new ArrayList<>();

    public RunHistory(HistoryStore store) {
        this.store = store;
    }

    public HistoryStore store() {
        return store;
    }

    /** Keeps {@code part}; returns where (a file's path, or the store and the part's name). */
    public String write(PartFile part) throws IOException {
        store.write(part.runId(), part.partId(), PartCodec.write(part));
        return store instanceof FolderHistory folder ? folder.pathOf(part.runId(), part.partId()).toString()
                : store.description() + ", part " + part.partId();
    }

    /** One run's id, when it was first written, and its size. */
    public record RunEntry(String runId, Instant written, long bytes, int parts) {
    }

    /** The runs kept, oldest first (by when their first part was written). */
    public List<RunEntry> entries() throws IOException {
        Map<String, RunEntry> runs = new LinkedHashMap<>();
        for (HistoryStore.Entry e : store.parts()) {
            runs.merge(e.runId(), new RunEntry(e.runId(), e.written(), e.bytes(), 1), (a, b) -> new RunEntry(
                    a.runId(), a.written().isBefore(b.written()) ? a.written() : b.written(), a.bytes() + b.bytes(),
                    a.parts() + b.parts()));
        }
        List<RunEntry> out = new ArrayList<>(runs.values());
        out.sort(Comparator.comparing(RunEntry::written).thenComparing(RunEntry::runId));
        return out;
    }

    /**
     * The runs whose ids {@code which} accepts, oldest first (by start), each merged from its readable parts. Without
     * tests, each part is read only up to its tests.
     */
    public List<HistoryRun> runs(Predicate<String> which, boolean withTests) throws IOException {
        Map<String, List<HistoryStore.Entry>> byRun = new TreeMap<>();
        for (HistoryStore.Entry e : store.parts()) {
            if (which.test(e.runId())) {
                byRun.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<HistoryRun> out = new ArrayList<>();
        for (Map.Entry<String, List<HistoryStore.Entry>> run : byRun.entrySet()) {
            List<PartFile> parts = new ArrayList<>();
            for (HistoryStore.Entry e : run.getValue()) {
                PartFile p = read(e, withTests);
                if (p != null) {
                    parts.add(p);
                }
            }
            if (!parts.isEmpty()) {
                out.add(new HistoryRun(run.getKey(), parts));
            }
        }
        out.sort(Comparator.comparing(HistoryRun::startedAt).thenComparing(HistoryRun::runId));
        return out;
    }

    /** A part, or null when it is gone or damaged (then moved aside, with a warning). */
    private PartFile read(HistoryStore.Entry e, boolean withTests) throws IOException {
        try (InputStream in = store.open(e.runId(), e.partId())) {
            PartFile part = PartCodec.read(in, withTests);
            if (!part.runId().equals(e.runId()) || !part.partId().equals(e.partId())) {
                throw new DamagedPartException(DamagedPartException.Kind.FOREIGN, "it says it is part '"
                        + part.partId() + "' of run '" + part.runId() + "', but it is kept as part '" + e.partId()
                        + "' of run '" + e.runId() + "'", null);
            }
            return part;
        } catch (NoSuchFileException gone) {
            return null; // removed by another JVM's retention meanwhile
        } catch (DamagedPartException damage) {
            String name = store instanceof FolderHistory folder ? folder.pathOf(e.runId(), e.partId()).toString()
                    : store.description() + " run " + e.runId() + " part " + e.partId();
            String why = name + " is " + damage.kind().name().toLowerCase().replace('_', ' ') + ": "
                    + damage.getMessage();
            String aside;
            try {
                aside = "moved aside to " + store.moveAside(e.runId(), e.partId(), why);
            } catch (NoSuchFileException gone) {
                return null;
            } catch (IOException cannotMove) {
                aside = "it could not be moved aside (" + cannotMove + ")";
            }
            warn("history file " + why + "; " + aside + ", and left out; the run is not affected");
            return null;
        }
    }

    /**
     * Keeps at most {@code keep} runs and {@code maxBytes} bytes, removing the oldest runs first; never
     * {@code current}.
     *
     * @return the ids of the runs removed
     */
    public List<String> retain(int keep, long maxBytes, String current) throws IOException {
        List<RunEntry> runs = new ArrayList<>(entries());
        long total = runs.stream().mapToLong(RunEntry::bytes).sum();
        List<String> removed = new ArrayList<>();
        for (RunEntry r : List.copyOf(runs)) {
            if (runs.size() <= keep && total <= maxBytes) {
                break;
            }
            if (r.runId().equals(current)) {
                continue;
            }
            store.delete(r.runId());
            runs.remove(r);
            total -= r.bytes();
            removed.add(r.runId());
        }
        return removed;
    }

    private synchronized void warn(String warning) {
        warnings.add(warning);
    }

    /** The warnings of the reads so far: one per damaged file. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }
}
