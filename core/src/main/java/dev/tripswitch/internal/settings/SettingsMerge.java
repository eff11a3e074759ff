package dev.tripswitch.internal.settings;

import dev.tripswitch.CircuitConfigurationException;

import java.util.List;
import java.util.Objects;

/**
 * Puts the places that give a circuit's settings on top of each other (lowest first: a base configuration,
 * {@code tripswitch.properties}, system properties, the definition) and checks the rules between settings on the
 * merged values, so that each place may set one half of a rule and another place the other half. A broken rule
 * is blamed on the highest place involved; values from elsewhere say where they came from, "(default)" included.
 */
public final class SettingsMerge {

    private static final int BASE = -1;

    private SettingsMerge() {
    }

    /** {@code base} with each layer's values on top (lowest first), the rules between settings checked. */
    public static Values merge(Values base, List<GivenSettings> layers) {
        List<Setting<?>> all = Settings.all();
        Object[] values = new Object[all.size()];
        String[] written = new String[all.size()];
        int[] from = new int[all.size()];
        for (Setting<?> s : all) {
            int i = s.index();
            values[i] = base.get(s);
            written[i] = base.shown(s);
            from[i] = BASE;
        }
        for (int layer = 0; layer < layers.size(); layer++) {
            for (Setting<?> s : all) {
                Given<?> g = layers.get(layer).get(s);
                if (g != null) {
                    values[s.index()] = g.value();
                    written[s.index()] = shown(s, g);
                    from[s.index()] = layer;
                }
            }
        }
        for (CrossCheck check : Settings.crossChecks()) {
            int blamed = BASE;
            for (Setting<?> s : check.involved()) {
                blamed = Math.max(blamed, from[s.index()]);
            }
            String[] shown = new String[all.size()];
            for (Setting<?> s : all) {
                int i = s.index();
                shown[i] = from[i] == blamed ? written[i]
                        : written[i] + " (" + placeOf(s, values[i], from[i], layers) + ")";
            }
            String problem = check.problem().apply(new SettingValues(values, shown));
            if (problem != null) {
                throw new CircuitConfigurationException(blamed == BASE ? problem
                        : layers.get(blamed).blame() + ": " + problem);
            }
        }
        Values merged = base;
        for (GivenSettings layer : layers) {
            for (Setting<?> s : all) {
                merged = withGiven(merged, s, layer);
            }
        }
        return merged;
    }

    /**
     * Where each setting's value comes from, by setting index, once {@code layers} are merged on a base whose values
     * came from {@code baseSources}: the place of the highest layer that gives it, else the base's source.
     */
    public static String[] sources(String[] baseSources, List<GivenSettings> layers) {
        String[] out = baseSources.clone();
        for (GivenSettings layer : layers) {
            for (Setting<?> s : Settings.all()) {
                if (layer.get(s) != null) {
                    out[s.index()] = layer.place();
                }
            }
        }
        return out;
    }

    private static <T> String shown(Setting<T> s, Given<?> g) {
        @SuppressWarnings("unchecked") Given<T> typed = (Given<T>) g;
        return typed.shown(s);
    }

    private static <T> Values withGiven(Values values, Setting<T> s, GivenSettings layer) {
        Given<T> g = layer.get(s);
        return g == null ? values : values.with(s, g.value());
    }

    private static String placeOf(Setting<?> s, Object value, int from, List<GivenSettings> layers) {
        if (from != BASE) {
            return layers.get(from).place();
        }
        return Objects.equals(value, s.defaultValue()) ? "default" : "base configuration";
    }
}
