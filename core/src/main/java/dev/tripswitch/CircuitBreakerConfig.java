package dev.tripswitch;

import dev.tripswitch.internal.settings.Setting;
import dev.tripswitch.internal.settings.Settings;

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

    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_HALF_OPEN_AFTER = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_PERMITTED_PROBES = 1;
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    public static final List<Class<? extends Throwable>> DEFAULT_RECORD_ON = List.of(Throwable.class);
    public static final List<Class<? extends Throwable>> DEFAULT_IGNORE_ON = List.of(AssertionError.class);
    public static final WhenOpen DEFAULT_WHEN_OPEN = WhenOpen.SKIP;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final Object[] values; // by Settings index
    private final Clock clock;

    private CircuitBreakerConfig(Builder b) {
        this.values = b.values.clone();
        this.clock = b.clock;
    }

    /** The configuration with every default. */
    public static CircuitBreakerConfig ofDefaults() {
        return Defaults.CONFIG;
    }

    /** Made on first use, so that the constants above exist before the setting declarations read them. */
    private static final class Defaults {
        static final CircuitBreakerConfig CONFIG = custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from the values of {@code base}. */
    public static Builder from(CircuitBreakerConfig base) {
        Objects.requireNonNull(base, "base");
        Builder b = new Builder();
        System.arraycopy(base.values, 0, b.values, 0, b.values.length);
        Arrays.fill(b.defaulted, false);
        b.clock = base.clock;
        return b;
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
    /** The class asked whether the dependency is back while the circuit is OPEN, or {@code null} for none. */
    public Class<? extends HealthCheck> healthCheck() { return get(Settings.HEALTH_CHECK); }
    /** The URL whose 2xx answer means the dependency is back, or {@code null} for none. */
    public URI healthUrl() { return get(Settings.HEALTH_URL); }
    /** The shortest time between two health checks of this circuit. */
    public Duration healthCheckInterval() { return get(Settings.HEALTH_CHECK_INTERVAL); }
    public Clock clock() { return clock; }

    @SuppressWarnings("unchecked")
    private <T> T get(Setting<T> setting) {
        return (T) values[setting.index()];
    }

    /**
     * Every setting that has a value, as its name and its value written as a property value
     * ({@code tripswitch.circuit.<name>.<setting>} reads it back), in the settings' order: for reports.
     */
    public java.util.Map<String, String> asProperties() {
        return Settings.asProperties(this);
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
        return o instanceof CircuitBreakerConfig other && Arrays.equals(values, other.values) && clock == other.clock;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ");
        for (Setting<?> s : Settings.all()) {
            out.add(s.name() + "=" + s.showAny(values[s.index()]));
        }
        return out.toString();
    }

    /** Validating builder; every setter refuses a bad value at once. */
    public static final class Builder {
        private final Object[] values = Settings.defaults();
        private final boolean[] defaulted = new boolean[values.length];
        private Clock clock = Clock.systemUTC();

        private Builder() {
            Arrays.fill(defaulted, true);
        }

        private <T> Builder set(Setting<T> setting, T value) {
            values[setting.index()] = setting.check(value);
            defaulted[setting.index()] = false;
            return this;
        }

        /** Consecutive counted failures in CLOSED that open the circuit: 1 or more. */
        public Builder failureThreshold(int value) {
            return set(Settings.FAILURE_THRESHOLD, value);
        }

        /** Time from opening to the first probe: a positive duration, at most {@code recoveryTimeout}. */
        public Builder halfOpenAfter(Duration value) {
            return set(Settings.HALF_OPEN_AFTER, value);
        }

        /**
         * The longest wait between probes; failed probes double the wait from {@code halfOpenAfter} up to
         * this cap. A positive duration, at least {@code halfOpenAfter} (checked by {@link #build()}).
         */
        public Builder recoveryTimeout(Duration value) {
            return set(Settings.RECOVERY_TIMEOUT, value);
        }

        /** Probe calls allowed at the same time in HALF_OPEN: 1 or more. */
        public Builder permittedProbes(int value) {
            return set(Settings.PERMITTED_PROBES, value);
        }

        /** Successful probes that close the circuit: 1 or more. */
        public Builder successThreshold(int value) {
            return set(Settings.SUCCESS_THRESHOLD, value);
        }

        /** Failure types that count (with their subclasses), unless also matched by {@code ignoreOn}. */
        @SafeVarargs
        public final Builder recordOn(Class<? extends Throwable>... types) {
            return recordOn(types == null ? null : List.of(types));
        }

        public Builder recordOn(List<Class<? extends Throwable>> types) {
            return set(Settings.RECORD_ON, types);
        }

        /** Failure types that never count (with their subclasses); they win over {@code recordOn}. */
        @SafeVarargs
        public final Builder ignoreOn(Class<? extends Throwable>... types) {
            return ignoreOn(types == null ? null : List.of(types));
        }

        public Builder ignoreOn(List<Class<? extends Throwable>> types) {
            return set(Settings.IGNORE_ON, types);
        }

        /** What a test refused by the OPEN circuit does: {@link WhenOpen#SKIP} (default) or {@link WhenOpen#WAIT}. */
        public Builder whenOpen(WhenOpen value) {
            return set(Settings.WHEN_OPEN, value);
        }

        /**
         * With {@link WhenOpen#WAIT}: the waiting budget per opening of the circuit, shared by every waiting test
         * of the run: more than 0 and at most 24 hours (default 2 minutes).
         */
        public Builder maxWait(Duration value) {
            return set(Settings.MAX_WAIT, value);
        }

        /**
         * A public concrete class implementing {@link HealthCheck} with a public no-argument constructor, or
         * {@code null} for none (default). Not together with {@link #healthUrl(URI)}.
         */
        public Builder healthCheck(Class<? extends HealthCheck> value) {
            return set(Settings.HEALTH_CHECK, value);
        }

        /**
         * An absolute http or https URL with a host whose 2xx answer means healthy, or {@code null} for none
         * (default). Not together with {@link #healthCheck(Class)}.
         */
        public Builder healthUrl(URI value) {
            return set(Settings.HEALTH_URL, value);
        }

        /** The shortest time between two health checks: at least 1 ms and at most 1 hour (default 1 second). */
        public Builder healthCheckInterval(Duration value) {
            return set(Settings.HEALTH_CHECK_INTERVAL, value);
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
            return new CircuitBreakerConfig(this);
        }
    }
}
