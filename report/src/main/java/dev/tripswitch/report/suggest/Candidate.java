package dev.tripswitch.report.suggest;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.WhenOpen;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One set of the settings a suggestion may change. The rest of a replayed circuit's settings keep their defaults
 * (one probe at a time, one passing probe closes it, every failure but an assertion counts).
 */
public record Candidate(int failureThreshold, Duration halfOpenAfter, Duration recoveryTimeout, WhenOpen whenOpen,
                        Duration maxWait, Duration healthCheckInterval) {

    /** Tripswitch's defaults. */
    public static Candidate defaults() {
        return new Candidate(CircuitBreakerConfig.DEFAULT_FAILURE_THRESHOLD,
                CircuitBreakerConfig.DEFAULT_HALF_OPEN_AFTER, CircuitBreakerConfig.DEFAULT_RECOVERY_TIMEOUT,
                CircuitBreakerConfig.DEFAULT_WHEN_OPEN, CircuitBreakerConfig.DEFAULT_MAX_WAIT,
                CircuitBreakerConfig.DEFAULT_HEALTH_CHECK_INTERVAL);
    }

    /**
     * The settings a circuit recorded ({@code name → value} as the history writes them); a setting not recorded, or
     * one this cannot read, is the default.
     */
    public static Candidate recorded(Map<String, String> settings) {
        Candidate d = defaults();
        return new Candidate(integer(settings.get("failureThreshold"), d.failureThreshold),
                duration(settings.get("halfOpenAfter"), d.halfOpenAfter),
                duration(settings.get("recoveryTimeout"), d.recoveryTimeout),
                whenOpen(settings.get("whenOpen"), d.whenOpen), duration(settings.get("maxWait"), d.maxWait),
                duration(settings.get("healthCheckInterval"), d.healthCheckInterval));
    }

    /**
     * The circuit's configuration with these settings, through core's validating builder (which refuses a bad value
     * with a message that names the setting, the value and what is allowed).
     *
     * @param healthCheck whether the circuit has a health check (then the replay's {@link ReplayedHealthCheck})
     */
    public CircuitBreakerConfig config(Clock clock, boolean healthCheck) {
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.custom().clock(clock)
                .failureThreshold(failureThreshold).halfOpenAfter(halfOpenAfter).recoveryTimeout(recoveryTimeout)
                .whenOpen(whenOpen).maxWait(maxWait).healthCheckInterval(healthCheckInterval);
        if (healthCheck) {
            b.healthCheck(ReplayedHealthCheck.class);
        }
        return b.build();
    }

    /** Each setting by name, written as a property value ({@code 30s}, {@code REPLAY}). */
    public Map<String, String> asProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("failureThreshold", Integer.toString(failureThreshold));
        out.put("halfOpenAfter", DurationText.format(halfOpenAfter));
        out.put("recoveryTimeout", DurationText.format(recoveryTimeout));
        out.put("whenOpen", whenOpen.name());
        out.put("maxWait", DurationText.format(maxWait));
        out.put("healthCheckInterval", DurationText.format(healthCheckInterval));
        return out;
    }

    /**
     * The settings of this candidate that differ from {@code base} and matter: {@code maxWait} only with
     * {@code WAIT}, {@code healthCheckInterval} only for a circuit with a health check.
     */
    public Map<String, String> changesFrom(Candidate base, boolean healthCheck) {
        Map<String, String> mine = asProperties();
        Map<String, String> theirs = base.asProperties();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mine.entrySet()) {
            String name = e.getKey();
            if (name.equals("maxWait") && whenOpen != WhenOpen.WAIT
                    || name.equals("healthCheckInterval") && !healthCheck) {
                continue;
            }
            if (!e.getValue().equals(theirs.get(name))) {
                out.put(name, e.getValue());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return asProperties().toString();
    }

    private static int integer(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Duration duration(String text, Duration otherwise) {
        Duration d = DurationText.parse(text);
        return d == null ? otherwise : d;
    }

    private static WhenOpen whenOpen(String text, WhenOpen otherwise) {
        if (text == null) {
            return otherwise;
        }
        String t = text.trim().replace("[", "").replace("]", "");
        for (WhenOpen w : WhenOpen.values()) {
            if (w.name().equalsIgnoreCase(t)) {
                return w;
            }
        }
        return otherwise;
    }
}
