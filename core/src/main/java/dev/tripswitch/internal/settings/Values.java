package dev.tripswitch.internal.settings;

import java.util.Arrays;

/**
 * A value for every setting, each read and written through its declaration ({@link Setting}), so that a value
 * always has its setting's type: what a configuration keeps. Immutable; {@link #with} makes a copy.
 */
public final class Values {

    private final Object[] values; // by Setting.index()

    private Values(Object[] values) {
        this.values = values;
    }

    /** Every setting at its default. */
    public static Values defaults() {
        Object[] out = new Object[Settings.all().size()];
        for (Setting<?> s : Settings.all()) {
            out[s.index()] = s.defaultValue();
        }
        return new Values(out);
    }

    /** The value of {@code setting}: of its type, since only {@link #with} puts one here. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values[setting.index()];
    }

    /** These values with {@code value} (already checked) for {@code setting}. */
    public <T> Values with(Setting<T> setting, T value) {
        Object[] out = values.clone();
        out[setting.index()] = value;
        return new Values(out);
    }

    /** The value of {@code setting} as messages show it. */
    public <T> String shown(Setting<T> setting) {
        return setting.show(get(setting));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Values other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
