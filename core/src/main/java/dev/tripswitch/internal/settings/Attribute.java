package dev.tripswitch.internal.settings;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How the {@link CircuitProtected} attribute of a setting is read, and what "left unset" looks like there
 * (annotation attributes cannot be null, so each kind of attribute has its own marker).
 */
@FunctionalInterface
interface Attribute<T> {

    /** The attribute's value for {@code setting}, checked, or {@code null} when it is unset. */
    Given<T> read(CircuitProtected annotation, Setting<T> setting);

    /** An {@code int} attribute; {@link CircuitProtected#UNSET} means unset. */
    static Attribute<Integer> integer(ToIntFunction<CircuitProtected> attribute) {
        return (a, s) -> {
            int v = attribute.applyAsInt(a);
            return v == CircuitProtected.UNSET ? null : s.given(v);
        };
    }

    /** A text attribute read with the setting's type; {@code ""} means unset. */
    static <T> Attribute<T> text(Function<CircuitProtected, String> attribute) {
        return (a, s) -> {
            String text = attribute.apply(a);
            if (text.isEmpty()) {
                return null;
            }
            T value;
            try {
                value = s.type().parse(text, null);
            } catch (CircuitConfigurationException e) {
                throw new CircuitConfigurationException(s.name() + " " + e.getMessage(), e);
            }
            return s.written(value, text);
        };
    }

    /** A list of failure types; the single {@link CircuitProtected.FromConfiguration} means unset. */
    static Attribute<List<Class<? extends Throwable>>> throwableTypes(
            Function<CircuitProtected, Class<? extends Throwable>[]> attribute) {
        return (a, s) -> {
            Class<? extends Throwable>[] types = attribute.apply(a);
            boolean unset = types.length == 1 && types[0] == CircuitProtected.FromConfiguration.class;
            return unset ? null : s.given(List.of(types));
        };
    }

    /**
     * One value written as an array so that it can be left out: {@code {}} means unset, and more than one value
     * is refused.
     */
    static <T> Attribute<T> optional(Function<CircuitProtected, T[]> attribute) {
        return (a, s) -> {
            T[] values = attribute.apply(a);
            if (values.length > 1) {
                throw new CircuitConfigurationException(s.name() + " takes one value, but was "
                        + Arrays.toString(values));
            }
            return values.length == 0 ? null : s.given(values[0]);
        };
    }

    /** A class attribute; {@code unsetMarker} (the attribute's default) means unset. */
    static <T> Attribute<T> type(Function<CircuitProtected, T> attribute, T unsetMarker) {
        return (a, s) -> {
            T value = attribute.apply(a);
            return value.equals(unsetMarker) ? null : s.given(value);
        };
    }
}
