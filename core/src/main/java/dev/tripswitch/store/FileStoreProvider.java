package dev.tripswitch.store;

import dev.tripswitch.internal.BuildProcess;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code tripswitch.store=file} (a directory under {@code java.io.tmpdir}) or {@code file:<directory>}: the
 * {@link FileCircuitStore}. Its default scope is the build: the forks Surefire (or Failsafe) starts for one Maven
 * build share the Maven process, so the scope is that process's id and start time (shells in between are
 * skipped). Any other JVM (an IDE's runner, a Gradle worker, {@code forkCount=0}) gets a scope of its own;
 * set {@code tripswitch.store.scope} to share there.
 */
public final class FileStoreProvider implements CircuitStoreProvider {

    static final String DEFAULT_DIRECTORY = "tripswitch-store";

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public String form() {
        return "file:<directory>";
    }

    @Override
    public String defaultScope() {
        Optional<ProcessHandle> build = BuildProcess.ofThisFork();
        ProcessHandle p = build.orElse(ProcessHandle.current());
        long started = p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        return (build.isPresent() ? "build-" : "jvm-") + p.pid() + "-" + started;
    }

    /** The nearest ancestor that is a JVM, skipping shells; empty when there is none. */
    static Optional<ProcessHandle> buildProcess() {
        return BuildProcess.nearestJavaAncestor();
    }

    @Override
    public CircuitStore open(StoreSettings settings) {
        Path base = directoryOf(settings);
        try {
            Files.createDirectories(base);
        } catch (IOException | SecurityException e) {
            throw StoreSettings.refused(StoreSettings.STORE, settings.value(), settings.origin(),
                    "must be a directory that can be created and written, but " + base + " cannot be created (" + e + ")");
        }
        if (!Files.isDirectory(base) || !Files.isWritable(base)) {
            throw StoreSettings.refused(StoreSettings.STORE, settings.value(), settings.origin(),
                    "must be a writable directory, but " + base + " is " + (Files.isDirectory(base) ? "not writable" : "no directory"));
        }
        deleteStaleScopes(base);
        return new FileCircuitStore(base.resolve(settings.scope().replace(':', '_')), settings.timeout());
    }

    private static Path directoryOf(StoreSettings settings) {
        String v = settings.value();
        if (v.equalsIgnoreCase("file")) {
            return Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_DIRECTORY);
        }
        if (v.regionMatches(true, 0, "file://", 0, 7)) {
            return Path.of(URI.create(v));
        }
        String rest = v.substring("file:".length());
        if (rest.isBlank()) {
            throw StoreSettings.refused(StoreSettings.STORE, v, settings.origin(), "must be file or file:<directory>");
        }
        return Path.of(rest).toAbsolutePath();
    }

    /** Scope directories nobody wrote for {@link FileCircuitStore#STALE_AFTER}: builds that are over. */
    private static void deleteStaleScopes(Path base) {
        FileTime limit = FileTime.fromMillis(System.currentTimeMillis() - FileCircuitStore.STALE_AFTER.toMillis());
        try (Stream<Path> scopes = Files.list(base)) {
            for (Path scope : scopes.filter(Files::isDirectory).toList()) {
                if (Files.getLastModifiedTime(scope).compareTo(limit) < 0) {
                    try (Stream<Path> tree = Files.walk(scope)) {
                        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            System.getLogger(FileStoreProvider.class.getName()).log(System.Logger.Level.DEBUG,
                    "Tripswitch: stale store scopes under " + base + " not removed", e);
        }
    }
}
