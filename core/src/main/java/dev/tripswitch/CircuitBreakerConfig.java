package dev.tripswitch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The immutable settings of one circuit. Built with {@link #custom()} or {@link #from(CircuitBreakerConfig)};
 * every setter checks its value at once and refuses a bad one with a {@link CircuitConfigurationException}
 * that names the setting, the value and the allowed range.
 *
 * <p>Which failures count: a throwable counts when it is an instance of some class in {@code recordOn}
 * and of no class in {@code ignoreOn} ({@code ignoreOn} wins). By default everything counts except
 * {@link AssertionError}: a failed assertion means the system answered, wrongly, and must stay a visible
 * failure rather than trip the circuit.
 */
public final class CircuitBreakerConfig {

    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_HALF_OPEN_AFTER = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_PERMITTED_PROBES = 1;
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    public static final List<Class<? extends Throwable>> DEFAULT_RECORD_ON = List.of(Throwable.class);
    public static final List<Class<? extends Throwable>> DEFAULT_IGNORE_ON = List.of(AssertionError.class);

    private static final CircuitBreakerConfig DEFAULTS = custom().build();

    private final int failureThreshold;
    private final Duration halfOpenAfter;
    private final Duration recoveryTimeout;
    private final int permittedProbes;
    private final int successThreshold;
    private final List<Class<? extends Throwable>> recordOn;
    private final List<Class<? extends Throwable>> ignoreOn;
    private final Clock clock;

    private CircuitBreakerConfig(Builder b) {
        this.failureThreshold = b.failureThreshold;
        this.halfOpenAfter = b.halfOpenAfter;
        this.recoveryTimeout = b.recoveryTimeout;
        this.permittedProbes = b.permittedProbes;
        this.successThreshold = b.successThreshold;
        this.recordOn = b.recordOn;
        this.ignoreOn = b.ignoreOn;
        this.clock = b.clock;
    }

    /** The configuration with every default. */
    public static CircuitBreakerConfig ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from the values of {@code base}. */
    public static Builder from(CircuitBreakerConfig base) {
        Objects.requireNonNull(base, "base");
        return new Builder()
                .failureThreshold(base.failureThreshold)
                .recoveryTimeout(base.recoveryTimeout)
                .halfOpenAfter(base.halfOpenAfter)
                .permittedProbes(base.permittedProbes)
                .successThreshold(base.successThreshold)
                .recordOn(base.recordOn)
                .ignoreOn(base.ignoreOn)
                .clock(base.clock);
    }

    public int failureThreshold() { return failureThreshold; }
    public Duration halfOpenAfter() { return halfOpenAfter; }
    public Duration recoveryTimeout() { return recoveryTimeout; }
    public int permittedProbes() { return permittedProbes; }
    public int successThreshold() { return successThreshold; }
    public List<Class<? extends Throwable>> recordOn() { return recordOn; }
    public List<Class<? extends Throwable>> ignoreOn() { return ignoreOn; }
    public Clock clock() { return clock; }

    /** Whether {@code failure} counts against the circuit under this configuration. */
    public boolean counts(Throwable failure) {
        if (failure == null) {
            return true;
        }
        for (Class<? extends Throwable> ignored : ignoreOn) {
            if (ignored.isInstance(failure)) {
                return false;
            }
        }
        for (Class<? extends Throwable> recorded : recordOn) {
            if (recorded.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** Equal settings, clock aside (clocks are compared by identity). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CircuitBreakerConfig other)) {
            return false;
        }
        return failureThreshold == other.failureThreshold
                && permittedProbes == other.permittedProbes
                && successThreshold == other.successThreshold
                && halfOpenAfter.equals(other.halfOpenAfter)
                && recoveryTimeout.equals(other.recoveryTimeout)
                && recordOn.equals(other.recordOn)
                && ignoreOn.equals(other.ignoreOn)
                && clock == other.clock;
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, halfOpenAfter, recoveryTimeout, permittedProbes, successThreshold,
                recordOn, ignoreOn);
    }

    @Override
    public String toString() {
        return "failureThreshold=" + failureThreshold
                + ", halfOpenAfter=" + halfOpenAfter
                + ", recoveryTimeout=" + recoveryTimeout
                + ", permittedProbes=" + permittedProbes
                + ", successThreshold=" + successThreshold
                + ", recordOn=" + names(recordOn)
                + ", ignoreOn=" + names(ignoreOn);
    }

    private static String names(List<Class<? extends Throwable>> types) {
        return types.stream().map(Class::getName).toList().toString();
    }

    /** Validating builder; every setter refuses a bad value at once. */
    public static final class Builder {
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private Duration halfOpenAfter = DEFAULT_HALF_OPEN_AFTER;
        private Duration recoveryTimeout = DEFAULT_RECOVERY_TIMEOUT;
        private int permittedProbes = DEFAULT_PERMITTED_PROBES;
        private int successThreshold = DEFAULT_SUCCESS_THRESHOLD;
        private List<Class<? extends Throwable>> recordOn = DEFAULT_RECORD_ON;
        private List<Class<? extends Throwable>> ignoreOn = DEFAULT_IGNORE_ON;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Consecutive counted failures in CLOSED that open the circuit: 1 or more. */
        public Builder failureThreshold(int value) {
            this.failureThreshold = atLeastOne("failureThreshold", value);
            return this;
        }

        /** Time from opening to the first probe: a positive duration, at most {@code recoveryTimeout}. */
        public Builder halfOpenAfter(Duration value) {
            this.halfOpenAfter = positive("halfOpenAfter", value);
            return this;
        }

        /**
         * The longest wait between probes; failed probes double the wait from {@code halfOpenAfter} up to
         * this cap. A positive duration, at least {@code halfOpenAfter} (checked by {@link #build()}).
         */
        public Builder recoveryTimeout(Duration value) {
            this.recoveryTimeout = positive("recoveryTimeout", value);
            return this;
        }

        /** Probe calls allowed at the same time in HALF_OPEN: 1 or more. */
        public Builder permittedProbes(int value) {
            this.permittedProbes = atLeastOne("permittedProbes", value);
            return this;
        }

        /** Successful probes that close the circuit: 1 or more. */
        public Builder successThreshold(int value) {
            this.successThreshold = atLeastOne("successThreshold", value);
            return this;
        }

        /** Failure types that count (with their subclasses), unless also matched by {@code ignoreOn}. */
        @SafeVarargs
        public final Builder recordOn(Class<? extends Throwable>... types) {
            return recordOn(types == null ? null : List.of(types));
        }

        public Builder recordOn(List<Class<? extends Throwable>> types) {
            this.recordOn = types("recordOn", types);
            return this;
        }

        /** Failure types that never count (with their subclasses); they win over {@code recordOn}. */
        @SafeVarargs
        public final Builder ignoreOn(Class<? extends Throwable>... types) {
            return ignoreOn(types == null ? null : List.of(types));
        }

        public Builder ignoreOn(List<Class<? extends Throwable>> types) {
            this.ignoreOn = types("ignoreOn", types);
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
         * The configuration. Refuses {@code recoveryTimeout} shorter than {@code halfOpenAfter}.
         */
        public CircuitBreakerConfig build() {
            if (recoveryTimeout.compareTo(halfOpenAfter) < 0) {
                throw new CircuitConfigurationException("recoveryTimeout must be at least halfOpenAfter ("
                        + halfOpenAfter + "), but was " + recoveryTimeout);
            }
            return new CircuitBreakerConfig(this);
        }

        private static int atLeastOne(String setting, int value) {
            if (value < 1) {
                throw new CircuitConfigurationException(
                        setting + " must be an integer of 1 or more, but was " + value);
            }
            return value;
        }

        private static Duration positive(String setting, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new CircuitConfigurationException(
                        setting + " must be a positive duration, but was " + value);
            }
            return value;
        }

        private static List<Class<? extends Throwable>> types(String setting,
                                                              List<Class<? extends Throwable>> types) {
            if (types == null) {
                throw new CircuitConfigurationException(setting + " must be a list of Throwable types, but was null");
            }
            for (Class<? extends Throwable> type : types) {
                if (type == null) {
                    throw new CircuitConfigurationException(
                            setting + " must not contain null, but was " + types);
                }
                if (!Throwable.class.isAssignableFrom(type)) {
                    throw new CircuitConfigurationException(
                            setting + " must hold only Throwable types, but held " + type.getName());
                }
            }
            return List.copyOf(types);
        }
    }
}
