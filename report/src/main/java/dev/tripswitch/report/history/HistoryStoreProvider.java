package dev.tripswitch.report.history;

import java.util.Set;

/**
 * Opens {@link HistoryStore}s for the values of {@code tripswitch.history} that start with one of its schemes
 * ({@code redis://...}). Found with {@link java.util.ServiceLoader}: a module that brings a history store lists its
 * provider in {@code META-INF/services/dev.tripswitch.report.history.HistoryStoreProvider}.
 */
public interface HistoryStoreProvider {

    /** The schemes served, lower case. */
    Set<String> schemes();

    /** What a value looks like, for messages ({@code redis://[user:password@]host[:port][/database]}). */
    String form();

    /**
     * Checks {@code value} and opens the store. A bad value throws {@link IllegalArgumentException} whose message
     * says what is wrong and what is allowed (the caller adds the setting, the value and where it was given).
     */
    HistoryStore open(String value);
}
