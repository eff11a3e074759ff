package dev.tripswitch.browser;

import dev.tripswitch.CircuitState;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link BrowserFailureInjector} has done so far: attempts, successes (injected and observed to take
 * effect) and refusals, overall, per failure type and per intensity, and the state of its circuit.
 *
 * @param total          all injections
 * @param byType         per failure type (every type present, zero when never tried)
 * @param byIntensity    per intensity (every intensity present)
 * @param circuitBreaker the circuit section, or {@code null} when the injector has no circuit
 */
public record FailureStats(Counts total, Map<FailureType, Counts> byType, Map<FailureIntensity, Counts> byIntensity,
                           CircuitSection circuitBreaker) {

    public FailureStats {
        byType = Map.copyOf(byType);
        byIntensity = Map.copyOf(byIntensity);
    }

    /**
     * Counts for one slice.
     *
     * @param attempts  injections asked for (refused ones included)
     * @param successes injections that were applied and observed to take effect
     * @param refused   injections the circuit refused
     */
    public record Counts(long attempts, long successes, long refused) {
        static final Counts ZERO = new Counts(0, 0, 0);

        /** successes / attempts, 0 when there were no attempts. */
        public double successRate() {
            return attempts == 0 ? 0.0 : (double) successes / attempts;
        }

        Counts plus(boolean success, boolean wasRefused) {
            return new Counts(attempts + 1, successes + (success ? 1 : 0), refused + (wasRefused ? 1 : 0));
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("attempts", attempts);
            m.put("successes", successes);
            m.put("refused", refused);
            m.put("success_rate", successRate());
            return m;
        }
    }

    /** The circuit as the injector sees it. */
    public record CircuitSection(String name, CircuitState state, int failureCount, int failureThreshold,
                                 double thresholdPercent, Duration recoveryTimeout, Duration halfOpenAfter) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("state", state.name());
            m.put("failure_count", failureCount);
            m.put("threshold", failureThreshold);
            m.put("threshold_percent", thresholdPercent);
            m.put("recovery_timeout", recoveryTimeout.toMillis() / 1000.0);
            m.put("half_open_after", halfOpenAfter.toMillis() / 1000.0);
            return m;
        }
    }

    /**
     * The same as nested maps with snake_case keys ({@code attempts}, {@code successes}, {@code refused},
     * {@code success_rate}, {@code by_type}, {@code by_intensity}, {@code circuit_breaker} with
     * {@code state}, {@code failure_count}, {@code threshold}, {@code threshold_percent},
     * {@code recovery_timeout} and {@code half_open_after} in seconds), for reports and JSON.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(total.toMap());
        Map<String, Object> types = new LinkedHashMap<>();
        for (FailureType t : FailureType.values()) {
            types.put(t.name(), byType.getOrDefault(t, Counts.ZERO).toMap());
        }
        Map<String, Object> intensities = new LinkedHashMap<>();
        for (FailureIntensity i : FailureIntensity.values()) {
            intensities.put(i.name(), byIntensity.getOrDefault(i, Counts.ZERO).toMap());
        }
        m.put("by_type", types);
        m.put("by_intensity", intensities);
        if (circuitBreaker != null) {
            m.put("circuit_breaker", circuitBreaker.toMap());
        }
        return m;
    }

    static Map<FailureType, Counts> emptyByType() {
        Map<FailureType, Counts> m = new EnumMap<>(FailureType.class);
        for (FailureType t : FailureType.values()) {
            m.put(t, Counts.ZERO);
        }
        return m;
    }

    static Map<FailureIntensity, Counts> emptyByIntensity() {
        Map<FailureIntensity, Counts> m = new EnumMap<>(FailureIntensity.class);
        for (FailureIntensity i : FailureIntensity.values()) {
            m.put(i, Counts.ZERO);
        }
        return m;
    }
}
