package dev.tripswitch.internal.settings;

import dev.tripswitch.CircuitProtected;

import java.util.Objects;

/**
 * One circuit setting, declared once in {@link Settings}: its name (the same for the annotation attribute, the
 * property key and the builder), its type with the allowed range and messages, its default and how the annotation
 * gives it. Everything that reads or writes a setting goes through this declaration; configurations keep their
 * values in {@link Values}, by the setting's index.
 *
 * @param <T> the value's Java type
 */
public final class Setting<T> {

    private final int index;
    private final String name;
    private final SettingType<T> type;
    private final T defaultValue;
    private final Attribute<T> attribute;

    Setting(int index, String name, SettingType<T> type, T defaultValue, Attribute<T> attribute) {
        this.index = index;
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.attribute = attribute;
    }

    /** Its position in {@link Settings#all()}; configurations keep their values in that order. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** {@code value} checked against the allowed range (as given in code); refused with the setting's message. */
    public T check(T value) {
        return type.check(name, value, type.show(value));
    }

    /** The value of a text, checked; an unreadable text is refused without the setting's name (the caller adds it). */
    public Given<T> parse(String text, ClassLoader loader) {
        return written(type.parse(text, loader), text);
    }

    /** A value given in code, checked. */
    public Given<T> given(T value) {
        return new Given<>(check(value), null);
    }

    /** A value read from {@code text}, checked, shown as {@code text} in messages. */
    Given<T> written(T value, String text) {
        return new Given<>(type.check(name, value, text), text);
    }

    /** What {@code annotation} gives for this setting, or {@code null} when the attribute is left unset. */
    public Given<T> fromAnnotation(CircuitProtected annotation) {
        return attribute.read(annotation, this);
    }

    SettingType<T> type() {
        return type;
    }

    /** The value as messages show it. */
    public String show(T value) {
        return type.show(value);
    }

    /** This setting's value in {@code values}, written as a property value ({@code ""} for none). */
    public String writtenIn(Values values) {
        return type.write(values.get(this));
    }

    /** Whether {@code given} differs from this setting's value in {@code values}. */
    public boolean differs(Given<?> given, Values values) {
        return !Objects.equals(given.value(), values.get(this));
    }

    @Override
    public String toString() {
        return name;
    }
}
