package dev.tripswitch.report.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The history in a folder: {@code runs/<run id>/<part id>.json.gz}, one file per part. A part is written to a
 * hidden temporary file in its run's folder and renamed into place, so it appears whole or not at all; parts moved
 * aside go to {@code damaged/<run id>/}. Several JVMs may use one folder at once (the forks of a build): each
 * writes its own parts, and a run or part another one removed meanwhile is simply gone.
 */
public final class FolderHistory implements HistoryStore {

    /** Temporary files older than this were left by a JVM that died while writing. */
    private static final long STALE_TEMP_MILLIS = 3_600_000;

    private final Path folder;
    private final Path runs;
    private final Path damaged;

    public FolderHistory(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.runs = this.folder.resolve("runs");
        this.damaged = this.folder.resolve("damaged");
    }

    public Path folder() {
        return folder;
    }

    /** Where a part is (or would be) kept. */
    public Path pathOf(String runId, String partId) {
        return runs.resolve(runId).resolve(partId + PartCodec.SUFFIX);
    }

    @Override
    public String description() {
        return "folder " + folder;
    }

    @Override
    public void write(String runId, String partId, byte[] part) throws IOException {
        Path target = pathOf(runId, partId);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + partId + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, part);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public List<Entry> parts() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return out;
        }
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> runFolders = Files.newDirectoryStream(runs)) {
            for (Path run : runFolders) {
                if (!Files.isDirectory(run)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(run)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        try {
                            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                            if (name.startsWith(".")) { // another JVM's part being written, or one it left behind
                                if (name.endsWith(".tmp") && now - a.lastModifiedTime().toMillis() > STALE_TEMP_MILLIS) {
                                    Files.deleteIfExists(f);
                                }
                            } else if (a.isRegularFile()) {
                                String part = name.endsWith(PartCodec.SUFFIX)
                                        ? name.substring(0, name.length() - PartCodec.SUFFIX.length()) : name;
                                out.add(new Entry(run.getFileName().toString(), part, a.size(),
                                        a.lastModifiedTime().toInstant()));
                            }
                        } catch (NoSuchFileException gone) {
                            // renamed or removed by another JVM meanwhile
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // a run removed by another JVM's retention
                }
            }
        }
        return out;
    }

    @Override
    public InputStream open(String runId, String partId) throws IOException {
        Path p = pathOf(runId, partId);
        return Files.newInputStream(Files.exists(p) ? p : runs.resolve(runId).resolve(partId));
    }

    @Override
    public String moveAside(String runId, String partId, String why) throws IOException {
        Path from = pathOf(runId, partId);
        if (!Files.exists(from)) {
            from = runs.resolve(runId).resolve(partId); // a file not named like a part
        }
        Path to = damaged.resolve(runId).resolve(from.getFileName().toString());
        Files.createDirectories(to.getParent());
        if (Files.exists(to)) {
            to = to.resolveSibling(from.getFileName() + "." + System.currentTimeMillis());
        }
        Files.move(from, to);
        Files.writeString(to.resolveSibling(to.getFileName() + ".why.txt"), why + System.lineSeparator());
        deleteIfEmpty(from.getParent());
        return to.toString();
    }

    @Override
    public void delete(String runId) throws IOException {
        Path run = runs.resolve(runId);
        if (!Files.exists(run)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(run)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException | java.io.UncheckedIOException raced) {
            // another JVM removed it, or wrote into it meanwhile: what is left stays for the next time
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmpty) {
            // other parts of the run are still there
        }
    }
}
