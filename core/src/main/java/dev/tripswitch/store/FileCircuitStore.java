package dev.tripswitch.store;

import dev.tripswitch.CircuitBreakerConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file store: circuits shared by the JVMs of one machine (the forks of one build) through one directory
 * per scope, one small state file per circuit.
 *
 * <p>Basic approach: an update takes the circuit's lock file ({@link FileChannel#tryLock()}, which the system
 * releases when a JVM dies), reads the state file, applies {@link SharedRules}, writes the new state to a
 * temporary file and renames it over the old one. A reader therefore always sees a whole state, and a JVM killed
 * mid-update leaves the previous state in place. Change detection: one daemon thread compares each watched state
 * file's identity and modification time every {@value #WATCH_MILLIS} ms (a rename makes a new file).
 * States untouched for {@link #STALE_AFTER} are stale: they count as absent and are deleted on the next opening.
 */
public final class FileCircuitStore implements CircuitStore {

    static final long WATCH_MILLIS = 10;
    static final Duration STALE_AFTER = Duration.ofHours(12);

    private final Path directory;
    private final String description;
    private final long timeoutMillis;
    /** File locks belong to the whole JVM (a second lock on one file throws): threads take turns first. */
    private static final Map<Path, ReentrantLock> IN_JVM_LOCKS = new ConcurrentHashMap<>();
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean closed;

    private static final class Watched {
        final Path file;
        final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
        Object lastKey;
        long lastModified;

        Watched(Path file) {
            this.file = file;
        }
    }

    /** A store in {@code directory} (created if needed) whose calls wait at most {@code timeout} for the lock. */
    public FileCircuitStore(Path directory, Duration timeout) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.description = "file:" + directory;
        this.timeoutMillis = timeout.toMillis();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("store " + description + ": cannot create the directory: " + e, e);
        }
        this.watcher = new Thread(this::watch, "tripswitch-file-store-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public String description() {
        return description;
    }

    /** The directory of this store's scope. */
    public Path directory() {
        return directory;
    }

    @Override
    public SharedState apply(String name, CircuitBreakerConfig config, StoreOperation op) {
        long now = config.clock().millis();
        SharedRules rules = new SharedRules(config);
        Path state = stateFile(name);
        if (op.kind() == StoreOperation.Kind.READ && op.pending().isZero()) {
            return rules.apply(read(state, now), op, now); // a rename is atomic: no lock needed to read
        }
        ReentrantLock local = IN_JVM_LOCKS.computeIfAbsent(state.toAbsolutePath(), n -> new ReentrantLock());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            if (!local.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw timedOut(name);
            }
            try (FileChannel lock = FileChannel.open(directory.resolve(fileName(name) + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lockUntil(lock, deadline, name)) {
                now = config.clock().millis();
                SharedState next = rules.apply(read(state, now), op, now);
                write(state, next);
                return next;
            } finally {
                local.unlock();
            }
        } catch (IOException e) {
            throw new StoreException("store " + description + ": circuit '" + name + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("store " + description + ": interrupted while waiting for circuit '" + name + "'");
        }
    }

    private FileLock lockUntil(FileChannel channel, long deadline, String name) throws IOException, InterruptedException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw timedOut(name);
            }
            Thread.sleep(1);
        }
    }

    private StoreException timedOut(String name) {
        return new StoreException("store " + description + ": circuit '" + name + "' stayed locked longer than "
                + timeoutMillis + " ms");
    }

    private SharedState read(Path state, long now) {
        try {
            BasicFileAttributes a = Files.readAttributes(state, BasicFileAttributes.class);
            if (System.currentTimeMillis() - a.lastModifiedTime().toMillis() > STALE_AFTER.toMillis()) {
                return null;
            }
            return SharedStateFields.decode(Files.readString(state, StandardCharsets.UTF_8), now);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException | RuntimeException e) {
            throw new StoreException("store " + description + ": cannot read " + state.getFileName() + ": " + e, e);
        }
    }

    private void write(Path state, SharedState s) throws IOException {
        Path temp = directory.resolve(state.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(SharedStateFields.encode(s).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        try {
            Files.move(temp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, state, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The state file of circuit {@code name}. */
    public Path stateFile(String name) {
        return directory.resolve(fileName(name) + ".state");
    }

    /** A file name for any circuit name: letters, digits, '.', '-' kept, everything else as _hex. */
    static String fileName(String name) {
        StringBuilder b = new StringBuilder();
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                b.append((char) c);
            } else {
                b.append('_').append(String.format("%02x", c & 0xff));
            }
        }
        return b.toString();
    }

    @Override
    public void watch(String name, Runnable changed) {
        watched.computeIfAbsent(name, n -> new Watched(stateFile(n))).callbacks.add(changed);
    }

    private void watch() {
        while (!closed) {
            for (Watched w : watched.values()) {
                Object key;
                long modified;
                try {
                    BasicFileAttributes a = Files.readAttributes(w.file, BasicFileAttributes.class);
                    key = a.fileKey();
                    modified = a.lastModifiedTime().toMillis();
                } catch (IOException absent) {
                    key = null;
                    modified = 0;
                }
                if (!Objects.equals(key, w.lastKey) || modified != w.lastModified) {
                    w.lastKey = key;
                    w.lastModified = modified;
                    for (Runnable r : w.callbacks) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            System.getLogger(FileCircuitStore.class.getName()).log(System.Logger.Level.WARNING,
                                    "Tripswitch: store " + description + ": a change callback failed", e);
                        }
                    }
                }
            }
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
