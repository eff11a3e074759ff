package dev.tripswitch.internal.settings;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.internal.Durations;

import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What values a setting takes: how one is read from text (a property, an annotation string), which values are
 * allowed, and how a value is shown in messages. Every message has the form "{@code <setting> must be <what is
 * allowed>, but was <value>}"; a text that cannot be read at all gives the same without the setting's name,
 * which the caller puts in front (a property key, an annotation attribute).
 *
 * @param <T> the value's Java type
 */
public abstract class SettingType<T> {

    /** The value {@code text} stands for; refuses unreadable text with {@code "must be ..., but was '<text>'"}. */
    public abstract T parse(String text, ClassLoader loader);

    /**
     * {@code value}, in its stored form, when {@code setting} allows it; otherwise a
     * {@link CircuitConfigurationException} naming the setting, {@code shown} (the value as its author wrote
     * it) and what is allowed.
     */
    public abstract T check(String setting, T value, String shown);

    /** The value as messages show it, for a value given in code. */
    public String show(T value) {
        return String.valueOf(value);
    }

    /** The value written as a property value that {@link #parse} reads back (none is the empty text). */
    public String write(T value) {
        return value == null ? "" : show(value);
    }

    static CircuitConfigurationException refused(String what, String allowed, String shown) {
        return new CircuitConfigurationException(what + " must be " + allowed + ", but was " + shown);
    }

    /** A whole number of at least 1: a threshold, a number of probes. */
    public static SettingType<Integer> count() {
        return new SettingType<>() {
            private static final String ALLOWED = "an integer of 1 or more";

            @Override
            public Integer parse(String text, ClassLoader loader) {
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new CircuitConfigurationException("must be " + ALLOWED + ", but was '" + text + "'");
                }
            }

            @Override
            public Integer check(String setting, Integer value, String shown) {
                if (value == null || value < 1) {
                    throw refused(setting, ALLOWED, shown);
                }
                return value;
            }
        };
    }

    /** Any positive duration. */
    public static SettingType<Duration> positiveDuration() {
        return new DurationType(null, Duration.ZERO, false, null, "a positive duration");
    }

    /** A duration from {@code min} (included or not) up to {@code max} included, described as {@code range}. */
    public static SettingType<Duration> duration(Duration min, boolean minIncluded, Duration max, String range) {
        return new DurationType(range, min, minIncluded, max, "a duration " + range);
    }

    private static final class DurationType extends SettingType<Duration> {
        private final String readable; // what a readable text must be, or null for "any duration"
        private final Duration min;
        private final boolean minIncluded;
        private final Duration max;
        private final String allowed;

        DurationType(String range, Duration min, boolean minIncluded, Duration max, String allowed) {
            this.readable = range == null ? Durations.ALLOWED
                    : "a duration " + range + ", written as " + Durations.FORMS;
            this.min = min;
            this.minIncluded = minIncluded;
            this.max = max;
            this.allowed = allowed;
        }

        @Override
        public Duration parse(String text, ClassLoader loader) {
            Duration d = Durations.parseOrNull(text);
            if (d == null) {
                throw new CircuitConfigurationException("must be " + readable + ", but was '" + text + "'");
            }
            return d;
        }

        @Override
        public Duration check(String setting, Duration value, String shown) {
            if (value == null) {
                throw refused(setting, allowed, shown);
            }
            int vsMin = value.compareTo(min);
            if (vsMin < 0 || (vsMin == 0 && !minIncluded) || (max != null && value.compareTo(max) > 0)) {
                throw refused(setting, allowed, shown);
            }
            return value;
        }

        @Override
        public String show(Duration value) {
            return value == null || value.isNegative() || value.isZero() ? String.valueOf(value)
                    : Durations.format(value);
        }
    }

    /** On or off, written {@code true} or {@code false} in any letter case. */
    public static SettingType<Boolean> flag() {
        return new SettingType<>() {
            private static final String ALLOWED = "true or false";

            @Override
            public Boolean parse(String text, ClassLoader loader) {
                String t = text.trim();
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(t.equalsIgnoreCase("true"));
                }
                throw new CircuitConfigurationException("must be " + ALLOWED + ", but was '" + text + "'");
            }

            @Override
            public Boolean check(String setting, Boolean value, String shown) {
                if (value == null) {
                    throw refused(setting, ALLOWED, shown);
                }
                return value;
            }
        };
    }

    /** One constant of {@code type}, read from text in any letter case. */
    public static <E extends Enum<E>> SettingType<E> oneOf(Class<E> type) {
        String allowed = "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", "));
        return new SettingType<>() {
            @Override
            public E parse(String text, ClassLoader loader) {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equalsIgnoreCase(text.trim())) {
                        return constant;
                    }
                }
                throw new CircuitConfigurationException("must be " + allowed + ", but was '" + text + "'");
            }

            @Override
            public E check(String setting, E value, String shown) {
                if (value == null) {
                    throw refused(setting, allowed, shown);
                }
                return value;
            }
        };
    }

    /** A list of {@link Throwable} types, written as comma-separated class names. */
    public static SettingType<List<Class<? extends Throwable>>> throwableTypes() {
        return new ThrowableTypes();
    }

    private static final class ThrowableTypes extends SettingType<List<Class<? extends Throwable>>> {
        private static final String READABLE = "a comma-separated list of Throwable class names";

        @Override
        public List<Class<? extends Throwable>> parse(String text, ClassLoader loader) {
            List<Class<? extends Throwable>> out = new ArrayList<>();
            if (text.isBlank()) {
                return out;
            }
            for (String raw : text.split(",")) {
                String name = raw.trim();
                Class<?> c = ClassNames.load(name, loader, READABLE);
                if (!Throwable.class.isAssignableFrom(c)) {
                    throw new CircuitConfigurationException("must be " + READABLE + ", but " + name
                            + " is not a Throwable");
                }
                out.add(c.asSubclass(Throwable.class));
            }
            return out;
        }

        @Override
        public List<Class<? extends Throwable>> check(String setting, List<Class<? extends Throwable>> types,
                                                      String shown) {
            if (types == null) {
                throw refused(setting, "a list of Throwable types", "null");
            }
            for (Class<?> type : types) {
                if (type == null) {
                    throw new CircuitConfigurationException(setting + " must not contain null, but was " + types);
                }
                if (!Throwable.class.isAssignableFrom(type)) {
                    throw new CircuitConfigurationException(setting + " must hold only Throwable types, but held "
                            + type.getName());
                }
            }
            return List.copyOf(types);
        }

        @Override
        public String write(List<Class<? extends Throwable>> types) {
            return types.stream().map(Class::getName).collect(Collectors.joining(","));
        }

        @Override
        public String show(List<Class<? extends Throwable>> types) {
            return types == null ? "null"
                    : types.stream().map(c -> c == null ? "null" : c.getSimpleName()).toList().toString();
        }
    }

    /**
     * A public class implementing {@link HealthCheck} that Tripswitch can instantiate, written as a class name; none
     * ({@code null}, or an empty text) is allowed.
     */
    public static SettingType<Class<? extends HealthCheck>> healthCheckClass() {
        return new HealthCheckClass();
    }

    private static final class HealthCheckClass extends SettingType<Class<? extends HealthCheck>> {
        private static final String ALLOWED = "a public concrete class implementing "
                + HealthCheck.class.getName() + " with a public no-argument constructor";

        @Override
        @SuppressWarnings("unchecked") // checked by check(), which every parsed value goes through
        public Class<? extends HealthCheck> parse(String text, ClassLoader loader) {
            return text.isBlank() ? null
                    : (Class<? extends HealthCheck>) ClassNames.load(text.trim(), loader, "the name of " + ALLOWED);
        }

        @Override
        public Class<? extends HealthCheck> check(String setting, Class<? extends HealthCheck> type, String shown) {
            if (type == null) {
                return null;
            }
            String name = type.getName();
            if (!HealthCheck.class.isAssignableFrom(type)) {
                throw wrong(setting, name + " does not implement " + HealthCheck.class.getSimpleName());
            }
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                throw wrong(setting, name + " is " + (type.isInterface() ? "an interface" : "abstract"));
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                throw wrong(setting, name + " is not public (Tripswitch creates it from outside its package)");
            }
            try {
                type.getConstructor();
            } catch (NoSuchMethodException e) {
                boolean inner = type.isMemberClass() && !Modifier.isStatic(type.getModifiers());
                throw wrong(setting, name + " has no public no-argument constructor"
                        + (inner ? " (it is an inner class: make it static)" : ""));
            }
            return type;
        }

        private static CircuitConfigurationException wrong(String setting, String problem) {
            return new CircuitConfigurationException(setting + " must be " + ALLOWED + ", but " + problem);
        }

        @Override
        public String show(Class<? extends HealthCheck> type) {
            return type == null ? "none" : type.getName();
        }
    }

    /** An absolute http or https URL with a host; none ({@code null}, or an empty text) is allowed. */
    public static SettingType<URI> httpUrl() {
        return new SettingType<>() {
            private static final String ALLOWED = "an absolute http or https URL with a host, such as "
                    + "http://127.0.0.1:8080/health";

            @Override
            public URI parse(String text, ClassLoader loader) {
                if (text.isBlank()) {
                    return null;
                }
                try {
                    return new URI(text.trim());
                } catch (URISyntaxException e) {
                    throw new CircuitConfigurationException("must be " + ALLOWED + ", but was '" + text + "' ("
                            + e.getReason() + ")");
                }
            }

            @Override
            public URI check(String setting, URI uri, String shown) {
                if (uri == null) {
                    return null;
                }
                String scheme = uri.getScheme();
                if (!uri.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                        || uri.getHost() == null) {
                    throw refused(setting, ALLOWED, shown);
                }
                return uri;
            }

            @Override
            public String show(URI uri) {
                return uri == null ? "none" : uri.toString();
            }
        };
    }

    /** Loads classes named in settings, refusing a missing one in the setting's words. */
    static final class ClassNames {
        private ClassNames() {
        }

        static Class<?> load(String name, ClassLoader loader, String readable) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CircuitConfigurationException("must be " + readable + ", but class '" + name
                        + "' was not found");
            }
        }
    }
}
