package dev.tripswitch.report.history;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where run parts are kept: a folder ({@link FolderHistory}), or a store a module brings through a
 * {@link HistoryStoreProvider} (the Redis module). A store keeps bytes by run and part; the format is the
 * {@link PartCodec}'s business.
 *
 * <p>Contract: {@link #write} makes a part appear whole or not at all (concurrent readers never see half a part,
 * and concurrent writers of different parts never lose one); every method may be called from several JVMs at once
 * and tolerates a run or part that another one removed meanwhile. Failures are {@link IOException}s.
 */
public interface HistoryStore extends AutoCloseable {

    /** A part kept in the store: its run, its id, its size and when it was written. */
    record Entry(String runId, String partId, long bytes, Instant written) {
    }

    /** What the store is, for messages ("folder /repo/.tripswitch/history", "redis://ci:6379/0"). */
    String description();

    /** Keeps a part, replacing one of the same run and id. */
    void write(String runId, String partId, byte[] part) throws IOException;

    /** Every part kept (damaged ones included until they are moved aside), in no particular order. */
    List<Entry> parts() throws IOException;

    /** The bytes of a part. */
    InputStream open(String runId, String partId) throws IOException;

    /**
     * Takes a part out of the history without deleting it: kept aside where a person can look at it.
     *
     * @return where it went, for the warning
     */
    String moveAside(String runId, String partId, String why) throws IOException;

    /** Removes every part of a run (retention). */
    void delete(String runId) throws IOException;

    @Override
    default void close() {
    }
}
