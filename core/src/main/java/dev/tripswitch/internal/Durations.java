package dev.tripswitch.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as ISO-8601 ({@code PT30S}) or plainly ({@code 30s}, {@code 500ms}, {@code 2m}). */
public final class Durations {

    /** The ways a duration may be written, for error messages. */
    public static final String FORMS = "500ms, 30s, 2m, 1h or ISO-8601 PT30S";

    /** What a duration may look like, for error messages. */
    public static final String ALLOWED = "a duration such as " + FORMS;

    private static final Pattern PLAIN = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @return the duration, or {@code null} when {@code text} is neither form (the caller names the setting
     * in its error)
     */
    public static Duration parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = PLAIN.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * A short form that {@link #parseOrNull} reads back: the largest of h, m, s and ms that divides the duration
     * exactly ({@code 30s}, {@code 90s}, {@code 1500ms}, {@code 2m}); ISO-8601 below a millisecond or when negative.
     */
    public static String format(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
