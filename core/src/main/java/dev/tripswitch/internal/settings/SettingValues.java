package dev.tripswitch.internal.settings;

/** A value for every setting, each with how messages show it (as written, and where it came from if needed). */
public final class SettingValues {

    private final Object[] values;
    private final String[] shown;

    SettingValues(Object[] values, String[] shown) {
        this.values = values;
        this.shown = shown;
    }

    @SuppressWarnings("unchecked")
    public <T> T value(Setting<T> setting) {
        return (T) values[setting.index()];
    }

    public String shown(Setting<?> setting) {
        return shown[setting.index()];
    }
}
