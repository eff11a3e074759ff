package dev.tripswitch.bench.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration flag ({@code --replay-budget}, {@code --max-wait}): {@code 500ms}, {@code 30s}, {@code 2m},
 * {@code 1h} or ISO-8601 ({@code PT2M}), within the range core accepts for the setting it stands for.
 */
abstract class DurationFlag implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    static final Duration MOST = Duration.ofHours(24);

    private final String flag;
    private final boolean zeroAllowed;

    DurationFlag(String flag, boolean zeroAllowed) {
        this.flag = flag;
        this.zeroAllowed = zeroAllowed;
    }

    @Override
    public Duration convert(String value) {
        return parse(flag, value, zeroAllowed);
    }

    static Duration parse(String flag, String value, boolean zeroAllowed) {
        Duration d = parseOrNull(value == null ? "" : value.trim());
        if (d == null || d.isNegative() || d.compareTo(MOST) > 0 || (!zeroAllowed && d.isZero())) {
            throw new CommandLine.TypeConversionException(flag + ": '" + value + "' is not allowed; allowed: a"
                    + " duration " + (zeroAllowed ? "from 0" : "of more than 0") + " to 24h, such as 500ms, 30s, 2m,"
                    + " 1h or PT2M");
        }
        return d;
    }

    private static Duration parseOrNull(String text) {
        Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return text.toUpperCase(Locale.ROOT).startsWith("PT") ? Duration.parse(text) : null;
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return null;
        }
    }

    /** {@code --replay-budget}: as {@code tripswitch.replay.budget}, 0 to 24h. */
    static final class ReplayBudget extends DurationFlag {
        ReplayBudget() {
            super("--replay-budget", true);
        }
    }

    /** {@code --outage-down-after}: more than 0 to 24h. */
    static final class DownAfter extends DurationFlag {
        DownAfter() {
            super("--outage-down-after", false);
        }
    }

    /** {@code --outage-window}: more than 0 to 24h. */
    static final class Window extends DurationFlag {
        Window() {
            super("--outage-window", false);
        }
    }

    /** {@code --health-interval}: the health-check arms' {@code healthCheckInterval}, more than 0 (at most 1h). */
    static final class HealthInterval extends DurationFlag {
        HealthInterval() {
            super("--health-interval", false);
        }
    }

    /** {@code --max-wait}: as {@code maxWait}, more than 0 to 24h. */
    static final class MaxWait extends DurationFlag {
        MaxWait() {
            super("--max-wait", false);
        }
    }
}
