package dev.tripswitch.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The report directory: one sub-directory per run, named by its UTC start time ({@code 20261126-201500}), every
 * run kept. Finds the previous comparable run (same mode and profile) for comparisons.
 */
public final class ReportStore {

    public static final String REPORT_JSON = "report.json";
    private static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ReportStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A new, empty directory for a run starting now (a suffix keeps two runs in one second apart). */
    public Path newRunDirectory(ZonedDateTime now) throws IOException {
        Files.createDirectories(root);
        String base = DIR_NAME.format(now.withZoneSameInstant(ZoneOffset.UTC));
        for (int i = 0; ; i++) {
            Path dir = root.resolve(i == 0 ? base : base + "-" + i);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // try the next suffix
            }
        }
    }

    public void writeJson(Path dir, BenchmarkReport report) throws IOException {
        AtomicFiles.write(dir.resolve(REPORT_JSON), json.writeValueAsBytes(report));
    }

    public BenchmarkReport read(Path dir) throws IOException {
        return json.readValue(dir.resolve(REPORT_JSON).toFile(), BenchmarkReport.class);
    }

    /** The newest run before {@code current} with the same mode and profile, if any. */
    public Optional<Path> previous(Path current, boolean simulated, String profile) throws IOException {
        return previous(current, simulated, profile, null);
    }

    /**
     * The newest run before {@code current} with the same mode and profile and, unless {@code outageKind} is
     * {@code null}, the same outage suite and scenario ({@link OutageSetup#comparisonKey()}), if any.
     */
    public Optional<Path> previous(Path current, boolean simulated, String profile, String outageKind)
            throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).filter(d -> !d.equals(current))
                    .filter(d -> Files.isRegularFile(d.resolve(REPORT_JSON)))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
        }
        String currentName = current == null ? null : current.getFileName().toString();
        for (Path d : dirs) {
            if (currentName != null && d.getFileName().toString().compareTo(currentName) > 0) {
                continue; // newer than this run
            }
            try {
                BenchmarkReport r = read(d);
                if (r.simulated() == simulated && profile.equals(r.config().profile())
                        && (outageKind == null || outageKind.equals(r.config().outage().comparisonKey()))) {
                    return Optional.of(d);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable report is no baseline
            }
        }
        return Optional.empty();
    }

    /** The newest real (not simulated) run of any profile, if any: the simulation's source of costs. */
    public Optional<Path> latestReal() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve(REPORT_JSON)))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
        }
        for (Path d : dirs) {
            try {
                BenchmarkReport r = read(d);
                if (!r.simulated() && !r.recovery().isEmpty() && r.config().outage().suite().equals("shop")) {
                    return Optional.of(d);
                }
            } catch (IOException | RuntimeException e) {
                // skip
            }
        }
        return Optional.empty();
    }
}
