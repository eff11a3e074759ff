package dev.tripswitch.report.html;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and the formats the report shows numbers, times and durations in. */
final class Html {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** {@code text} safe in element content and in quoted attributes. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(r);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** "2026-12-07 10:45:12 UTC". */
    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    /** "Dec 7, 10:45" (UTC). */
    static String day(Instant t) {
        return DAY.format(t);
    }

    /** "450ms", "12.3s", "3m 12s", "1h 02m". */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        Duration d = Duration.ofMillis(millis);
        if (millis < 3_600_000) {
            return d.toMinutes() + "m " + String.format(Locale.ROOT, "%02ds", d.toSecondsPart());
        }
        return d.toHours() + "h " + String.format(Locale.ROOT, "%02dm", d.toMinutesPart());
    }

    /** A number with thousands separated: "5,000". */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A coordinate for SVG: one decimal. */
    static String px(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
    }

    /** At most {@code max} characters of {@code text}, an ellipsis where cut. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
