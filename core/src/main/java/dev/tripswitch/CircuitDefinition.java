package dev.tripswitch;

import dev.tripswitch.internal.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings one place (an annotation, a test's code) gives explicitly for a circuit, with the place's
 * description. Settings left unset come from system properties, {@code tripswitch.properties} and the
 * defaults. Two places that give a circuit different values are a configuration error naming both.
 */
public final class CircuitDefinition {

    private final String name;
    private final String origin;
    private final Integer failureThreshold;
    private final Duration halfOpenAfter;
    private final Duration recoveryTimeout;
    private final Integer permittedProbes;
    private final Integer successThreshold;
    private final List<Class<? extends Throwable>> recordOn;
    private final List<Class<? extends Throwable>> ignoreOn;

    private CircuitDefinition(Builder b) {
        this.name = b.name;
        this.origin = b.origin;
        this.failureThreshold = b.failureThreshold;
        this.halfOpenAfter = b.halfOpenAfter;
        this.recoveryTimeout = b.recoveryTimeout;
        this.permittedProbes = b.permittedProbes;
        this.successThreshold = b.successThreshold;
        this.recordOn = b.recordOn;
        this.ignoreOn = b.ignoreOn;
    }

    /** A definition of circuit {@code name} made at {@code origin} (for messages, e.g. a class name). */
    public static Builder builder(String name, String origin) {
        return new Builder(name, origin);
    }

    /**
     * The definition that a {@link CircuitProtected} annotation makes, found at {@code origin}. Bad attribute
     * values are refused with a message naming the attribute, the value, the allowed range and the place.
     */
    public static CircuitDefinition of(CircuitProtected annotation, String origin) {
        Builder b = builder(annotation.value(), origin);
        try {
            if (annotation.failureThreshold() != CircuitProtected.UNSET) {
                b.failureThreshold(annotation.failureThreshold());
            }
            if (!annotation.halfOpenAfter().isEmpty()) {
                b.halfOpenAfter(duration("halfOpenAfter", annotation.halfOpenAfter()));
            }
            if (!annotation.recoveryTimeout().isEmpty()) {
                b.recoveryTimeout(duration("recoveryTimeout", annotation.recoveryTimeout()));
            }
            if (annotation.permittedProbes() != CircuitProtected.UNSET) {
                b.permittedProbes(annotation.permittedProbes());
            }
            if (annotation.successThreshold() != CircuitProtected.UNSET) {
                b.successThreshold(annotation.successThreshold());
            }
            if (!isUnset(annotation.recordOn())) {
                b.recordOn(List.of(annotation.recordOn()));
            }
            if (!isUnset(annotation.ignoreOn())) {
                b.ignoreOn(List.of(annotation.ignoreOn()));
            }
            CircuitDefinition def = b.build();
            def.applyTo(CircuitBreakerConfig.ofDefaults()); // cross-checks (recoveryTimeout >= halfOpenAfter)
            return def;
        } catch (CircuitConfigurationException e) {
            throw new CircuitConfigurationException("@CircuitProtected(\"" + annotation.value() + "\") on "
                    + origin + ": " + e.getMessage(), e);
        }
    }

    private static boolean isUnset(Class<? extends Throwable>[] types) {
        return types.length == 1 && types[0] == CircuitProtected.FromConfiguration.class;
    }

    private static Duration duration(String attribute, String text) {
        Duration d = Durations.parseOrNull(text);
        if (d == null) {
            throw new CircuitConfigurationException(
                    attribute + " must be " + Durations.ALLOWED + ", but was '" + text + "'");
        }
        return d;
    }

    public String name() {
        return name;
    }

    public String origin() {
        return origin;
    }

    /** True when this place sets nothing explicitly. */
    public boolean isEmpty() {
        return failureThreshold == null && halfOpenAfter == null && recoveryTimeout == null
                && permittedProbes == null && successThreshold == null && recordOn == null && ignoreOn == null;
    }

    /** {@code base} with this definition's explicit values on top (validated). */
    public CircuitBreakerConfig applyTo(CircuitBreakerConfig base) {
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.from(base);
        if (failureThreshold != null) b.failureThreshold(failureThreshold);
        if (halfOpenAfter != null) b.halfOpenAfter(halfOpenAfter);
        if (recoveryTimeout != null) b.recoveryTimeout(recoveryTimeout);
        if (permittedProbes != null) b.permittedProbes(permittedProbes);
        if (successThreshold != null) b.successThreshold(successThreshold);
        if (recordOn != null) b.recordOn(recordOn);
        if (ignoreOn != null) b.ignoreOn(ignoreOn);
        return b.build();
    }

    /** The explicit settings of this definition that differ from {@code config}, as "setting=value" strings. */
    public List<String> differencesFrom(CircuitBreakerConfig config) {
        List<String> out = new ArrayList<>();
        diff(out, "failureThreshold", failureThreshold, config.failureThreshold());
        diff(out, "halfOpenAfter", halfOpenAfter, config.halfOpenAfter());
        diff(out, "recoveryTimeout", recoveryTimeout, config.recoveryTimeout());
        diff(out, "permittedProbes", permittedProbes, config.permittedProbes());
        diff(out, "successThreshold", successThreshold, config.successThreshold());
        diff(out, "recordOn", recordOn, config.recordOn());
        diff(out, "ignoreOn", ignoreOn, config.ignoreOn());
        return out;
    }

    private static void diff(List<String> out, String setting, Object mine, Object theirs) {
        if (mine != null && !mine.equals(theirs)) {
            out.add(setting + "=" + show(mine) + " (in force: " + show(theirs) + ")");
        }
    }

    private static String show(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(o -> o instanceof Class<?> c ? c.getSimpleName() : String.valueOf(o)).toList()
                    .toString();
        }
        return value instanceof Duration d ? Durations.format(d) : String.valueOf(value);
    }

    @Override
    public String toString() {
        return "CircuitDefinition[" + name + " at " + origin + "]";
    }

    /** Builder; values are range-checked when applied. */
    public static final class Builder {
        private final String name;
        private final String origin;
        private Integer failureThreshold;
        private Duration halfOpenAfter;
        private Duration recoveryTimeout;
        private Integer permittedProbes;
        private Integer successThreshold;
        private List<Class<? extends Throwable>> recordOn;
        private List<Class<? extends Throwable>> ignoreOn;

        private Builder(String name, String origin) {
            if (name == null || name.isBlank()) {
                throw new CircuitConfigurationException("circuit name must be a non-blank string, but was "
                        + (name == null ? "null" : "'" + name + "'") + " (at " + origin + ")");
            }
            this.name = name;
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        public Builder failureThreshold(int v) {
            CircuitBreakerConfig.custom().failureThreshold(v);
            this.failureThreshold = v;
            return this;
        }

        public Builder halfOpenAfter(Duration v) {
            CircuitBreakerConfig.custom().halfOpenAfter(v);
            this.halfOpenAfter = v;
            return this;
        }

        public Builder recoveryTimeout(Duration v) {
            CircuitBreakerConfig.custom().recoveryTimeout(v);
            this.recoveryTimeout = v;
            return this;
        }

        public Builder permittedProbes(int v) {
            CircuitBreakerConfig.custom().permittedProbes(v);
            this.permittedProbes = v;
            return this;
        }

        public Builder successThreshold(int v) {
            CircuitBreakerConfig.custom().successThreshold(v);
            this.successThreshold = v;
            return this;
        }

        public Builder recordOn(List<Class<? extends Throwable>> v) {
            CircuitBreakerConfig.custom().recordOn(v);
            this.recordOn = List.copyOf(v);
            return this;
        }

        public Builder ignoreOn(List<Class<? extends Throwable>> v) {
            CircuitBreakerConfig.custom().ignoreOn(v);
            this.ignoreOn = List.copyOf(v);
            return this;
        }

        public CircuitDefinition build() {
            return new CircuitDefinition(this);
        }
    }
}
