package dev.tripswitch.history;

import dev.tripswitch.internal.Durations;

import java.time.Duration;

/**
 * Durations as a record's settings write them ({@link CircuitRecord.Setting#value()}), and as a
 * {@code tripswitch.properties} line or an annotation attribute takes them: {@code 500ms}, {@code 30s}, {@code 2m},
 * {@code 1h}, {@code 1d} or ISO-8601 {@code PT30S}. The settings' own reading and writing, for code outside core that
 * reads records or writes settings (the report's suggestions).
 */
public final class WrittenDuration {

    private WrittenDuration() {
    }

    /** The duration {@code text} writes, or {@code null} when it is blank or in neither form. */
    public static Duration read(String text) {
        return Durations.parseOrNull(text);
    }

    /** The shortest exact short form ({@code 90s}, {@code 2m}, {@code 1500ms}), which {@link #read} reads back. */
    public static String write(Duration duration) {
        return Durations.format(duration);
    }
}
