package dev.tripswitch.report.suggest;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.WhenOpen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The candidate values of each setting a suggestion may change, and the candidates they make. Each setting has a
 * standard list; an option narrows or widens it: a range {@code low..high} (the standard values in it, and both
 * ends) or a list {@code a,b,c}. Every value is checked by core's builder, so a bad one is refused with the message
 * the annotation would give; an empty range, or a grid with no candidate, is refused naming the option, the value
 * and what is allowed.
 */
public final class CandidateGrid {

    /** The settings, in the order of their options and of the candidates. */
    public static final List<String> SETTINGS = List.of("failureThreshold", "halfOpenAfter", "recoveryTimeout",
            "whenOpen", "maxWait", "healthCheckInterval");

    static final List<Integer> THRESHOLDS = List.of(1, 2, 3, 4, 5, 6, 8, 10);
    static final List<Duration> HALF_OPEN_AFTER = seconds(5, 10, 15, 20, 30, 45, 60, 90, 120);
    static final List<Duration> RECOVERY_TIMEOUT = seconds(30, 60, 120, 300);
    static final List<Duration> MAX_WAIT = seconds(30, 60, 120, 300);
    static final List<Duration> HEALTH_CHECK_INTERVAL = seconds(1, 5, 15, 30);

    private final List<Integer> thresholds;
    private final List<Duration> halfOpenAfter;
    private final List<Duration> recoveryTimeout;
    private final List<WhenOpen> whenOpen;
    private final List<Duration> maxWait;
    private final List<Duration> healthCheckInterval;
    private final Map<String, Boolean> given;

    private CandidateGrid(List<Integer> thresholds, List<Duration> halfOpenAfter, List<Duration> recoveryTimeout,
                          List<WhenOpen> whenOpen, List<Duration> maxWait, List<Duration> healthCheckInterval,
                          Map<String, Boolean> given) {
        this.thresholds = thresholds;
        this.halfOpenAfter = halfOpenAfter;
        this.recoveryTimeout = recoveryTimeout;
        this.whenOpen = whenOpen;
        this.maxWait = maxWait;
        this.healthCheckInterval = healthCheckInterval;
        this.given = given;
    }

    /** The standard grid. */
    public static CandidateGrid standard() {
        return parse(Map.of(), s -> s);
    }

    /**
     * The grid the options give: {@code values} maps a setting's name to its option's value (absent: the standard
     * list); {@code optionOf} names a setting's option in messages ({@code -Dtripswitch.halfOpenAfter}).
     *
     * @throws IllegalArgumentException for a bad value, an empty range or a grid with no candidate
     */
    public static CandidateGrid parse(Map<String, String> values, Function<String, String> optionOf) {
        for (String name : values.keySet()) {
            if (!SETTINGS.contains(name)) {
                throw new IllegalArgumentException(optionOf.apply(name) + "=" + values.get(name) + " is refused: "
                        + name + " is no setting a suggestion changes; they are " + String.join(", ", SETTINGS));
            }
        }
        Map<String, Boolean> given = new LinkedHashMap<>();
        SETTINGS.forEach(s -> given.put(s, values.get(s) != null && !values.get(s).isBlank()));
        List<Integer> thresholds = given.get("failureThreshold")
                ? numbers("failureThreshold", values.get("failureThreshold"), optionOf) : THRESHOLDS;
        List<Duration> halfOpen = durations("halfOpenAfter", values, HALF_OPEN_AFTER, optionOf);
        List<Duration> recovery = durations("recoveryTimeout", values, RECOVERY_TIMEOUT, optionOf);
        List<WhenOpen> when = given.get("whenOpen") ? whenOpens(values.get("whenOpen"), optionOf)
                : List.of(WhenOpen.values());
        List<Duration> maxWait = durations("maxWait", values, MAX_WAIT, optionOf);
        List<Duration> interval = durations("healthCheckInterval", values, HEALTH_CHECK_INTERVAL, optionOf);
        if (given.get("recoveryTimeout") && recovery.get(recovery.size() - 1).compareTo(halfOpen.get(0)) < 0) {
            throw new IllegalArgumentException(optionOf.apply("recoveryTimeout") + "=" + values.get("recoveryTimeout")
                    + " is refused: it leaves no candidate, for recoveryTimeout must be at least halfOpenAfter, and"
                    + " the shortest halfOpenAfter candidate is " + DurationText.format(halfOpen.get(0))
                    + "; must reach " + DurationText.format(halfOpen.get(0)) + " or more");
        }
        return new CandidateGrid(thresholds, halfOpen, recovery, when, maxWait, interval, given);
    }

    /**
     * Every candidate, in a fixed order. A standard list gains the current value (so that keeping the settings is
     * always a candidate); a list the options gave is taken as it is. {@code maxWait} varies only with WAIT and
     * {@code healthCheckInterval} only for a circuit with a health check; otherwise they keep the current value.
     */
    public List<Candidate> candidates(Candidate current, boolean healthCheck) {
        List<Candidate> out = new ArrayList<>();
        List<Integer> ts = withCurrent("failureThreshold", thresholds, current.failureThreshold());
        List<Duration> hs = withCurrent("halfOpenAfter", halfOpenAfter, current.halfOpenAfter());
        List<Duration> rs = withCurrent("recoveryTimeout", recoveryTimeout, current.recoveryTimeout());
        List<WhenOpen> ws = withCurrent("whenOpen", whenOpen, current.whenOpen());
        List<Duration> ms = withCurrent("maxWait", maxWait, current.maxWait());
        List<Duration> is = healthCheck ? withCurrent("healthCheckInterval", healthCheckInterval,
                current.healthCheckInterval()) : List.of(current.healthCheckInterval());
        for (WhenOpen w : ws) {
            for (int t : ts) {
                for (Duration h : hs) {
                    for (Duration r : rs) {
                        if (r.compareTo(h) < 0) {
                            continue;
                        }
                        for (Duration m : w == WhenOpen.WAIT ? ms : List.of(current.maxWait())) {
                            for (Duration i : is) {
                                out.add(new Candidate(t, h, r, w, m, i));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * How many grid steps apart two candidates are: the most places one setting's value moves along its list (with
     * the current value in it), over the settings; a different {@code whenOpen} is one step.
     */
    public int steps(Candidate a, Candidate b, Candidate current) {
        int s = Math.abs(place(withCurrent("failureThreshold", thresholds, current.failureThreshold()),
                a.failureThreshold(), b.failureThreshold()));
        s = Math.max(s, place(withCurrent("halfOpenAfter", halfOpenAfter, current.halfOpenAfter()),
                a.halfOpenAfter(), b.halfOpenAfter()));
        s = Math.max(s, place(withCurrent("recoveryTimeout", recoveryTimeout, current.recoveryTimeout()),
                a.recoveryTimeout(), b.recoveryTimeout()));
        s = Math.max(s, a.whenOpen() == b.whenOpen() ? 0 : 1);
        if (a.whenOpen() == WhenOpen.WAIT && b.whenOpen() == WhenOpen.WAIT) {
            s = Math.max(s, place(withCurrent("maxWait", maxWait, current.maxWait()), a.maxWait(), b.maxWait()));
        }
        return Math.max(s, place(withCurrent("healthCheckInterval", healthCheckInterval,
                current.healthCheckInterval()), a.healthCheckInterval(), b.healthCheckInterval()));
    }

    /** The candidate values of each setting, written as property values, for messages. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("failureThreshold", thresholds.toString());
        out.put("halfOpenAfter", durationsText(halfOpenAfter));
        out.put("recoveryTimeout", durationsText(recoveryTimeout));
        out.put("whenOpen", whenOpen.toString());
        out.put("maxWait", durationsText(maxWait));
        out.put("healthCheckInterval", durationsText(healthCheckInterval));
        return out;
    }

    // ------------------------------------------------------------------ lists

    private <T extends Comparable<T>> List<T> withCurrent(String setting, List<T> list, T current) {
        if (given.get(setting) || list.contains(current)) {
            return list;
        }
        List<T> out = new ArrayList<>(list);
        out.add(current);
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static <T> int place(List<T> list, T a, T b) {
        int i = list.indexOf(a);
        int j = list.indexOf(b);
        return i < 0 || j < 0 ? (a.equals(b) ? 0 : list.size()) : Math.abs(i - j);
    }

    private static List<Integer> numbers(String setting, String text, Function<String, String> optionOf) {
        String option = optionOf.apply(setting) + "=" + text;
        String allowed = "a range low..high (low at most high) or a list of whole numbers, such as 2..6 or 2,3,5";
        TreeSet<Integer> out = new TreeSet<>();
        try {
            if (text.contains("..")) {
                String[] ends = text.split("\\.\\.", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException(option + " is refused: must be " + allowed);
                }
                int low = Integer.parseInt(ends[0].trim());
                int high = Integer.parseInt(ends[1].trim());
                checkThreshold(option, low);
                checkThreshold(option, high);
                if (low > high) {
                    throw new IllegalArgumentException(option + " is refused: the range is empty (" + low
                            + " is more than " + high + "); must be " + allowed);
                }
                out.add(low);
                out.add(high);
                THRESHOLDS.stream().filter(t -> t >= low && t <= high).forEach(out::add);
            } else {
                for (String part : text.split(",")) {
                    int value = Integer.parseInt(part.trim());
                    checkThreshold(option, value);
                    out.add(value);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is refused: must be " + allowed);
        }
        return List.copyOf(out);
    }

    private static void checkThreshold(String option, int value) {
        try {
            CircuitBreakerConfig.custom().failureThreshold(value);
        } catch (CircuitConfigurationException e) {
            throw new IllegalArgumentException(option + " is refused: " + e.getMessage());
        }
    }

    private static List<Duration> durations(String setting, Map<String, String> values, List<Duration> standard,
                                            Function<String, String> optionOf) {
        String text = values.get(setting);
        if (text == null || text.isBlank()) {
            return standard;
        }
        String option = optionOf.apply(setting) + "=" + text;
        String allowed = "a range low..high (low at most high) or a list of durations (500ms, 30s, 2m, 1h), such as "
                + DurationText.format(standard.get(1)) + ".." + DurationText.format(standard.get(standard.size() - 2))
                + " or " + DurationText.format(standard.get(0)) + "," + DurationText.format(standard.get(2));
        TreeSet<Duration> out = new TreeSet<>();
        if (text.contains("..")) {
            String[] ends = text.split("\\.\\.", -1);
            Duration low = ends.length == 2 ? DurationText.parse(ends[0]) : null;
            Duration high = ends.length == 2 ? DurationText.parse(ends[1]) : null;
            if (low == null || high == null) {
                throw new IllegalArgumentException(option + " is refused: must be " + allowed);
            }
            checkDuration(setting, option, low);
            checkDuration(setting, option, high);
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException(option + " is refused: the range is empty ("
                        + ends[0].trim() + " is longer than " + ends[1].trim() + "); must be "
                        + allowed);
            }
            out.add(low);
            out.add(high);
            standard.stream().filter(d -> d.compareTo(low) >= 0 && d.compareTo(high) <= 0).forEach(out::add);
        } else {
            for (String part : text.split(",")) {
                Duration d = DurationText.parse(part);
                if (d == null) {
                    throw new IllegalArgumentException(option + " is refused: must be " + allowed);
                }
                checkDuration(setting, option, d);
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    private static void checkDuration(String setting, String option, Duration value) {
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.custom();
        try {
            switch (setting) {
                case "halfOpenAfter" -> b.halfOpenAfter(value);
                case "recoveryTimeout" -> b.recoveryTimeout(value);
                case "maxWait" -> b.maxWait(value);
                default -> b.healthCheckInterval(value);
            }
        } catch (CircuitConfigurationException e) {
            throw new IllegalArgumentException(option + " is refused: " + e.getMessage());
        }
    }

    private static List<WhenOpen> whenOpens(String text, Function<String, String> optionOf) {
        List<WhenOpen> out = new ArrayList<>();
        for (String part : text.split(",")) {
            WhenOpen found = Arrays.stream(WhenOpen.values()).filter(w -> w.name().equalsIgnoreCase(part.trim()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(optionOf.apply("whenOpen") + "="
                            + text + " is refused: must be one or more of SKIP, WAIT, REPLAY, separated by commas"));
            if (!out.contains(found)) {
                out.add(found);
            }
        }
        return List.copyOf(out);
    }

    private static List<Duration> seconds(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }

    private static String durationsText(List<Duration> list) {
        return list.stream().map(DurationText::format).toList().toString().toLowerCase(Locale.ROOT);
    }
}
