package dev.tripswitch;

import dev.tripswitch.internal.settings.Setting;
import dev.tripswitch.internal.settings.Settings;
import dev.tripswitch.internal.settings.Values;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The immutable settings of one circuit. Built with {@link #custom()} or {@link #from(CircuitBreakerConfig)};
 * every setter checks its value at once and refuses a bad one with a {@link CircuitConfigurationException}
 * that names the setting, the value and the allowed range.
 *
 * <p>Which failures count: a throwable counts when it is an instance of some class in {@code recordOn}
 * and of no class in {@code ignoreOn} ({@code ignoreOn} wins). By default everything counts except
 * {@link AssertionError}: a failed assertion means the system answered, wrongly, and must stay a visible
 * failure rather than trip the circuit.
 *
 * <p>What a refused test does: with {@code whenOpen} {@link WhenOpen#SKIP} (default) it is skipped; with
 * {@link WhenOpen#WAIT} it waits for the recovery, within {@code maxWait} per opening of the circuit. A health
 * check ({@code healthCheck}, a class of yours, or {@code healthUrl}, not both), asked at most once per
 * {@code healthCheckInterval} while OPEN, lets the circuit try a probe as soon as the dependency is back.
 *
 * <p>Each setting is declared once (name, type, default, range and message) in the internal settings table; the
 * same names are the {@link CircuitProtected} attributes and the property keys
 * {@code tripswitch.circuit.<name>.<setting>}, and they say the same thing about a bad value everywhere.
 */
public final class CircuitBreakerConfig {

    public static final int DEFAULT_FAILURE_THRESHOLD = Settings.FAILURE_THRESHOLD.defaultValue();
    public static final Duration DEFAULT_HALF_OPEN_AFTER = Settings.HALF_OPEN_AFTER.defaultValue();
    public static final Duration DEFAULT_RECOVERY_TIMEOUT = Settings.RECOVERY_TIMEOUT.defaultValue();
    public static final int DEFAULT_PERMITTED_PROBES = Settings.PERMITTED_PROBES.defaultValue();
    public static final int DEFAULT_SUCCESS_THRESHOLD = Settings.SUCCESS_THRESHOLD.defaultValue();
    public static final List<Class<? extends Throwable>> DEFAULT_RECORD_ON = Settings.RECORD_ON.defaultValue();
    public static final List<Class<? extends Throwable>> DEFAULT_IGNORE_ON = Settings.IGNORE_ON.defaultValue();
    public static final WhenOpen DEFAULT_WHEN_OPEN = Settings.WHEN_OPEN.defaultValue();
    public static final Duration DEFAULT_MAX_WAIT = Settings.MAX_WAIT.defaultValue();
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Settings.HEALTH_CHECK_INTERVAL.defaultValue();

    private final Values values;
    private final Clock clock;
    private final String[] sources; // where each value came from, by setting index

    private CircuitBreakerConfig(Values values, Clock clock, String[] sources) {
        this.values = values;
        this.clock = clock;
        this.sources = sources;
    }

    /** The configuration with every default. */
    public static CircuitBreakerConfig ofDefaults() {
        return Defaults.CONFIG;
    }

    /** Made on first use. */
    private static final class Defaults {
        static final CircuitBreakerConfig CONFIG = custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        String[] sources = new String[Settings.all().size()];
        Arrays.fill(sources, "default");
        return new Builder(Values.defaults(), Clock.systemUTC(), true, sources);
    }

    /** A builder starting from the values of {@code base}. */
    public static Builder from(CircuitBreakerConfig base) {
        Objects.requireNonNull(base, "base");
        return new Builder(base.values, base.clock, false, base.sources);
    }

    /** {@code base}'s clock with {@code values} (merged and checked already), which came from {@code sources}. */
    static CircuitBreakerConfig withValues(CircuitBreakerConfig base, Values values, String[] sources) {
        return new CircuitBreakerConfig(values, base.clock, sources);
    }

    /** Where each value came from, by setting index. */
    String[] sources() {
        return sources;
    }

    /** The values, for code of this package that works on settings as a whole. */
    Values values() {
        return values;
    }

    public int failureThreshold() { return get(Settings.FAILURE_THRESHOLD); }
    public Duration halfOpenAfter() { return get(Settings.HALF_OPEN_AFTER); }
    public Duration recoveryTimeout() { return get(Settings.RECOVERY_TIMEOUT); }
    public int permittedProbes() { return get(Settings.PERMITTED_PROBES); }
    public int successThreshold() { return get(Settings.SUCCESS_THRESHOLD); }
    public List<Class<? extends Throwable>> recordOn() { return get(Settings.RECORD_ON); }
    public List<Class<? extends Throwable>> ignoreOn() { return get(Settings.IGNORE_ON); }
    /** What a test refused by the OPEN circuit does: skip at once (default) or wait for the probe. */
    public WhenOpen whenOpen() { return get(Settings.WHEN_OPEN); }
    /** With {@link WhenOpen#WAIT}: the most the run waits per opening of the circuit, for all tests together. */
    public Duration maxWait() { return get(Settings.MAX_WAIT); }
    /** The class asked whether the dependency is up (before tests, and while OPEN), or {@code null} for none. */
    public Class<? extends HealthCheck> healthCheck() { return get(Settings.HEALTH_CHECK); }
    /** The URL whose 2xx answer means the dependency is back, or {@code null} for none. */
    public URI healthUrl() { return get(Settings.HEALTH_URL); }
    /** The shortest time between two health checks of this circuit. */
    public Duration healthCheckInterval() { return get(Settings.HEALTH_CHECK_INTERVAL); }
    /** Whether the health check is also asked while CLOSED: before the first test, then once per interval. */
    public boolean earlyWarning() { return get(Settings.EARLY_WARNING); }
    /** Consecutive unhealthy answers while CLOSED that open the circuit (after the first, which opens at once). */
    public int unhealthyThreshold() { return get(Settings.UNHEALTHY_THRESHOLD); }
    public Clock clock() { return clock; }

    private <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /**
     * Every setting that has a value, as its name and its value written as a property value
     * ({@code tripswitch.circuit.<name>.<setting>} reads it back), in the settings' order: for reports.
     */
    public java.util.Map<String, String> asProperties() {
        return Settings.asProperties(values);
    }

    /**
     * Where each setting's value came from, by setting name, in the settings' order: "default", "code" (a builder),
     * or the place that gave it ("system property", {@code tripswitch.properties} with its URL, an annotation with
     * the class it is on). For reports.
     */
    public java.util.Map<String, String> settingSources() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            out.put(s.name(), sources[s.index()]);
        }
        return out;
    }

    /** Whether {@code failure} counts against the circuit under this configuration. */
    public boolean counts(Throwable failure) {
        if (failure == null) {
            return true;
        }
        for (Class<? extends Throwable> ignored : ignoreOn()) {
            if (ignored.isInstance(failure)) {
                return false;
            }
        }
        for (Class<? extends Throwable> recorded : recordOn()) {
            if (recorded.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** Equal settings, clock aside (clocks are compared by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CircuitBreakerConfig other && values.equals(other.values) && clock == other.clock;
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ");
        for (Setting<?> s : Settings.all()) {
            out.add(s.name() + "=" + values.shown(s));
        }
        return out.toString();
    }

    /** Validating builder; every setter refuses a bad value at once (the setters: {@link CircuitSettingsBuilder}). */
    public static final class Builder extends CircuitSettingsBuilder<Builder> {
        private Values values;
        private final boolean[] defaulted = new boolean[Settings.all().size()];
        private final String[] sources;
        private Clock clock;

        private Builder(Values start, Clock clock, boolean allDefault, String[] sources) {
            this.values = start;
            this.clock = clock;
            this.sources = sources.clone();
            Arrays.fill(defaulted, allDefault);
        }

        @Override
        <T> Builder put(Setting<T> setting, T value) {
            values = values.with(setting, setting.check(value));
            defaulted[setting.index()] = false;
            sources[setting.index()] = "code";
            return this;
        }

        /** The clock all timing of the circuit goes through. */
        public Builder clock(Clock value) {
            if (value == null) {
                throw new CircuitConfigurationException("clock must not be null");
            }
            this.clock = value;
            return this;
        }

        /**
         * The configuration. Refuses values that break a rule between settings ({@code recoveryTimeout} shorter
         * than {@code halfOpenAfter}; both {@code healthCheck} and {@code healthUrl}).
         */
        public CircuitBreakerConfig build() {
            String problem = Settings.firstProblem(values, defaulted);
            if (problem != null) {
                throw new CircuitConfigurationException(problem);
            }
            return new CircuitBreakerConfig(values, clock, sources.clone());
        }
    }
}
