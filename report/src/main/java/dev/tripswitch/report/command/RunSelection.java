package dev.tripswitch.report.command;

import dev.tripswitch.report.history.HistoryRun;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which runs of the history a command covers, as written in its option:
 * <ul>
 *   <li>{@code all};</li>
 *   <li>{@code last:N}, the newest N runs;</li>
 *   <li>{@code 2026-12-01..2026-12-07}, the runs started on those days (UTC; either end may be left out);</li>
 *   <li>{@code <run id>..<run id>}, the runs from one to the other, in the order they started;</li>
 *   <li>{@code <run id>,<run id>,...}, those runs.</li>
 * </ul>
 */
public final class RunSelection {

    /** What the option allows, for messages. */
    public static final String ALLOWED = "all, last:N (N from 1 to 100000), a range of days such as"
            + " 2026-12-01..2026-12-07 (UTC; an end may be left out), a range of run ids such as <id>..<id>, or run"
            + " ids separated by commas";
    private static final Pattern LAST = Pattern.compile("last:(\\d{1,6})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final String option;
    private final String text;

    private RunSelection(String option, String text) {
        this.option = option;
        this.text = text;
    }

    /**
     * The selection {@code text} writes, checked.
     *
     * @param option the option's name, for messages
     * @throws IllegalArgumentException naming the option, the value and what is allowed
     */
    public static RunSelection parse(String option, String text) {
        RunSelection s = new RunSelection(option, text == null ? "" : text.trim());
        String t = s.text;
        Matcher last = LAST.matcher(t);
        if (t.isEmpty() || (last.matches() && (Integer.parseInt(last.group(1)) < 1
                || Integer.parseInt(last.group(1)) > 100_000)) || (!last.matches() && t.startsWith("last"))) {
            throw s.refused("");
        }
        if (t.contains("..")) {
            String[] ends = t.split("\\.\\.", -1);
            if (ends.length != 2 || (ends[0].isEmpty() && ends[1].isEmpty())) {
                throw s.refused("");
            }
            for (String end : ends) {
                if (!end.isEmpty() && DAY.matcher(end).matches()) {
                    day(s, end);
                }
            }
        }
        return s;
    }

    private static LocalDate day(RunSelection s, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw s.refused(" (" + text + " is no day)");
        }
    }

    /**
     * The runs selected among {@code runs} (oldest first), oldest first.
     *
     * @throws IllegalArgumentException when run ids the selection names are not in the history
     */
    public List<HistoryRun> of(List<HistoryRun> runs) {
        if (text.equals("all")) {
            return runs;
        }
        Matcher last = LAST.matcher(text);
        if (last.matches()) {
            int n = Integer.parseInt(last.group(1));
            return runs.subList(Math.max(0, runs.size() - n), runs.size());
        }
        if (text.contains("..")) {
            String[] ends = text.split("\\.\\.", -1);
            boolean days = (ends[0].isEmpty() || DAY.matcher(ends[0]).matches())
                    && (ends[1].isEmpty() || DAY.matcher(ends[1]).matches());
            List<HistoryRun> out = new ArrayList<>();
            if (days) {
                LocalDate from = ends[0].isEmpty() ? LocalDate.MIN : day(this, ends[0]);
                LocalDate to = ends[1].isEmpty() ? LocalDate.MAX : day(this, ends[1]);
                for (HistoryRun r : runs) {
                    LocalDate d = LocalDate.ofInstant(r.startedAt(), ZoneOffset.UTC);
                    if (!d.isBefore(from) && !d.isAfter(to)) {
                        out.add(r);
                    }
                }
                return out;
            }
            int from = ends[0].isEmpty() ? 0 : indexOf(runs, ends[0]);
            int to = ends[1].isEmpty() ? runs.size() - 1 : indexOf(runs, ends[1]);
            return runs.subList(Math.min(from, to), Math.max(from, to) + 1);
        }
        Set<String> ids = new TreeSet<>(Arrays.asList(text.split("\\s*,\\s*")));
        List<HistoryRun> out = runs.stream().filter(r -> ids.contains(r.runId())).toList();
        if (out.size() < ids.size()) {
            Set<String> missing = new TreeSet<>(ids);
            out.forEach(r -> missing.remove(r.runId()));
            throw new IllegalArgumentException(option + "=" + text + " is refused: no run " + String.join(", ", missing)
                    + " in the history");
        }
        return out;
    }

    private int indexOf(List<HistoryRun> runs, String id) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).runId().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(option + "=" + text + " is refused: no run " + id + " in the history");
    }

    private IllegalArgumentException refused(String detail) {
        return new IllegalArgumentException(option + "=" + text + " is refused" + detail + ": must be " + ALLOWED);
    }

    @Override
    public String toString() {
        return text;
    }
}
