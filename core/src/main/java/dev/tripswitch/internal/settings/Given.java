package dev.tripswitch.internal.settings;

/**
 * A value one place gives for a setting, with the text its author wrote ({@code null} when it was given in code),
 * so that messages show it as written ({@code 30s}, not {@code PT30S}).
 */
public record Given<T>(T value, String text) {

    /** The value as messages show it: as written, or in the setting's own form. */
    public String shown(Setting<T> setting) {
        return text != null ? text : setting.show(value);
    }
}
