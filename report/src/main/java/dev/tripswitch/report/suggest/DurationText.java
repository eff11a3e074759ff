package dev.tripswitch.report.suggest;

import dev.tripswitch.history.WrittenDuration;

import java.time.Duration;
import java.util.Locale;

/** Durations written as the settings write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601. */
final class DurationText {

    private DurationText() {
    }

    /** The duration, or {@code null} when {@code text} is neither form (core's own reading). */
    static Duration parse(String text) {
        return WrittenDuration.read(text);
    }

    /** The shortest of those forms that is exact: {@code 45s}, {@code 90s}, {@code 2m}, {@code 1500ms}. */
    static String format(Duration d) {
        return WrittenDuration.write(d);
    }

    /** Seconds with one decimal, for tables: {@code 12.5 s}. */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
