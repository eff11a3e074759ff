package dev.tripswitch;

import dev.tripswitch.internal.PropertySettings;
import dev.tripswitch.internal.ProtectionLookup;
import dev.tripswitch.internal.settings.Given;
import dev.tripswitch.internal.settings.GivenSettings;
import dev.tripswitch.internal.settings.Setting;
import dev.tripswitch.internal.settings.Settings;
import dev.tripswitch.internal.settings.SettingsMerge;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings one place (an annotation, a test's code) gives explicitly for a circuit, with the place's
 * description. Settings left unset come from system properties, {@code tripswitch.properties} and the
 * defaults. Each value is checked when it is given; the rules between settings ({@code recoveryTimeout} at least
 * {@code halfOpenAfter}) are checked on the merged configuration, so that one half may come from here and the
 * other from a property. Two places that give a circuit different values are a configuration error naming both.
 */
public final class CircuitDefinition {

    private final String name;
    private final String origin;
    private final GivenSettings given;

    private CircuitDefinition(Builder b) {
        this.name = b.name;
        this.origin = b.origin;
        this.given = b.given.copy();
    }

    /** A definition of circuit {@code name} made at {@code origin} (for messages, e.g. a class name). */
    public static Builder builder(String name, String origin) {
        return new Builder(name, origin, null);
    }

    /**
     * The definition that a {@link CircuitProtected} annotation makes, found at {@code origin}. Bad attribute
     * values are refused with a message naming the attribute, the value, the allowed range and the place.
     */
    public static CircuitDefinition of(CircuitProtected annotation, String origin) {
        String place = "@CircuitProtected(\"" + annotation.value() + "\") on " + origin;
        Builder b = new Builder(annotation.value(), origin, place);
        try {
            for (Setting<?> setting : Settings.all()) {
                putFromAnnotation(b, setting, annotation);
            }
        } catch (CircuitConfigurationException e) {
            throw new CircuitConfigurationException(place + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    private static <T> void putFromAnnotation(Builder b, Setting<T> setting, CircuitProtected annotation) {
        Given<T> value = setting.fromAnnotation(annotation);
        if (value != null) {
            b.given.put(setting, value);
        }
    }

    /**
     * The definition of the {@link CircuitProtected} that applies to {@code method} of {@code type}: the method's own
     * annotation, else its class's (enclosing classes, superclasses and annotations of the user's own that carry it
     * included); empty when none does. Bad attribute values are refused with a message naming the place.
     */
    public static Optional<CircuitDefinition> annotatedOn(Class<?> type, Method method) {
        return ProtectionLookup.find(type, method);
    }

    public String name() {
        return name;
    }

    public String origin() {
        return origin;
    }

    /** True when this place sets nothing explicitly. */
    public boolean isEmpty() {
        return given.isEmpty();
    }

    /** {@code base} with this definition's explicit values on top (validated together). */
    public CircuitBreakerConfig applyTo(CircuitBreakerConfig base) {
        return SettingsMerge.merge(base, List.of(given));
    }

    /** {@code base}, then each source's settings for this circuit (lowest first), then this definition's. */
    CircuitBreakerConfig resolve(CircuitBreakerConfig base, List<PropertySettings> sources, ClassLoader loader) {
        List<GivenSettings> layers = new ArrayList<>();
        for (PropertySettings source : sources) {
            layers.add(source.givenFor(name, loader));
        }
        layers.add(given);
        return SettingsMerge.merge(base, layers);
    }

    /** The explicit settings of this definition that differ from {@code config}, as "setting=value" strings. */
    public List<String> differencesFrom(CircuitBreakerConfig config) {
        List<String> out = new ArrayList<>();
        for (Setting<?> setting : Settings.all()) {
            difference(setting, config).ifPresent(out::add);
        }
        return out;
    }

    private <T> Optional<String> difference(Setting<T> setting, CircuitBreakerConfig config) {
        Given<T> mine = given.get(setting);
        if (mine == null || !setting.differs(mine, config)) {
            return Optional.empty();
        }
        return Optional.of(setting.name() + "=" + mine.shown(setting) + " (in force: "
                + setting.show(setting.valueIn(config)) + ")");
    }

    @Override
    public String toString() {
        return "CircuitDefinition[" + name + " at " + origin + "]";
    }

    /** Builder; each value is range-checked when it is given. */
    public static final class Builder {
        private final String name;
        private final String origin;
        private final GivenSettings given;

        private Builder(String name, String origin, String annotationPlace) {
            if (name == null || name.isBlank()) {
                throw new CircuitConfigurationException("circuit name must be a non-blank string, but was "
                        + (name == null ? "null" : "'" + name + "'") + " (at " + origin + ")");
            }
            this.name = name;
            this.origin = Objects.requireNonNull(origin, "origin");
            this.given = annotationPlace != null ? new GivenSettings(annotationPlace, annotationPlace)
                    : new GivenSettings(origin, "circuit '" + name + "' as defined by " + origin);
        }

        private <T> Builder put(Setting<T> setting, T value) {
            given.put(setting, setting.given(value));
            return this;
        }

        public Builder failureThreshold(int v) {
            return put(Settings.FAILURE_THRESHOLD, v);
        }

        public Builder halfOpenAfter(Duration v) {
            return put(Settings.HALF_OPEN_AFTER, v);
        }

        public Builder recoveryTimeout(Duration v) {
            return put(Settings.RECOVERY_TIMEOUT, v);
        }

        public Builder permittedProbes(int v) {
            return put(Settings.PERMITTED_PROBES, v);
        }

        public Builder successThreshold(int v) {
            return put(Settings.SUCCESS_THRESHOLD, v);
        }

        public Builder recordOn(List<Class<? extends Throwable>> v) {
            return put(Settings.RECORD_ON, v);
        }

        public Builder ignoreOn(List<Class<? extends Throwable>> v) {
            return put(Settings.IGNORE_ON, v);
        }

        public Builder whenOpen(WhenOpen v) {
            return put(Settings.WHEN_OPEN, v);
        }

        public Builder maxWait(Duration v) {
            return put(Settings.MAX_WAIT, v);
        }

        public Builder healthCheck(Class<? extends HealthCheck> v) {
            return put(Settings.HEALTH_CHECK, v);
        }

        public Builder healthUrl(URI v) {
            return put(Settings.HEALTH_URL, v);
        }

        public Builder healthCheckInterval(Duration v) {
            return put(Settings.HEALTH_CHECK_INTERVAL, v);
        }

        public CircuitDefinition build() {
            return new CircuitDefinition(this);
        }
    }
}
