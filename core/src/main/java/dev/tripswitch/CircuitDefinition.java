package dev.tripswitch;

import dev.tripswitch.internal.PropertySettings;
import dev.tripswitch.internal.settings.Given;
import dev.tripswitch.internal.settings.GivenSettings;
import dev.tripswitch.internal.settings.Setting;
import dev.tripswitch.internal.settings.Settings;
import dev.tripswitch.internal.settings.SettingsMerge;

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

    /** {@code base}, then each source's settings for this circuit (lowest first), then this definition's. */
    CircuitBreakerConfig resolve(CircuitBreakerConfig base, List<PropertySettings> sources, ClassLoader loader) {
        List<GivenSettings> layers = new ArrayList<>();
        for (PropertySettings source : sources) {
            layers.add(source.givenFor(name, loader));
        }
        layers.add(given);
        return CircuitBreakerConfig.withValues(base, SettingsMerge.merge(base.values(), layers),
                SettingsMerge.sources(base.sources(), layers));
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
        if (mine == null || !setting.differs(mine, config.values())) {
            return Optional.empty();
        }
        return Optional.of(setting.name() + "=" + mine.shown(setting) + " (in force: "
                + config.values().shown(setting) + ")");
    }

    @Override
    public String toString() {
        return "CircuitDefinition[" + name + " at " + origin + "]";
    }

    /** Builder; each value is range-checked when it is given (the setters: {@link CircuitSettingsBuilder}). */
    public static final class Builder extends CircuitSettingsBuilder<Builder> {
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

        @Override
        <T> Builder put(Setting<T> setting, T value) {
            given.put(setting, setting.given(value));
            return this;
        }

        public CircuitDefinition build() {
            return new CircuitDefinition(this);
        }
    }
}
