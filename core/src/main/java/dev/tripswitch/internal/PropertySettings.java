package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Circuit settings written as properties {@code tripswitch.circuit.<name>.<setting>=<value>}, from one source
 * (system properties, or a {@code tripswitch.properties} file). Bad keys and values are refused with a
 * message naming the key, the value, what is allowed and the source.
 */
public final class PropertySettings {

    public static final String PREFIX = "tripswitch.circuit.";
    public static final String FILE_NAME = "tripswitch.properties";
    public static final Set<String> SETTINGS = Set.of("failureThreshold", "halfOpenAfter", "recoveryTimeout",
            "permittedProbes", "successThreshold", "recordOn", "ignoreOn");

    private final String sourceName;
    private final Supplier<Map<String, String>> source;

    public PropertySettings(String sourceName, Supplier<Map<String, String>> source) {
        this.sourceName = sourceName;
        this.source = source;
    }

    /** Settings from the JVM's system properties, read each time a circuit is created. */
    public static PropertySettings systemProperties() {
        return new PropertySettings("system property", () -> toMap(System.getProperties()));
    }

    /** Settings from fixed properties (for tests), described as {@code sourceName}. */
    public static PropertySettings of(String sourceName, Properties properties) {
        Map<String, String> map = toMap(properties);
        return new PropertySettings(sourceName, () -> map);
    }

    /** Settings from {@code tripswitch.properties} on the class path of {@code loader}, or none. */
    public static PropertySettings classpathFile(ClassLoader loader) {
        URL url = loader == null ? null : loader.getResource(FILE_NAME);
        if (url == null) {
            return new PropertySettings(FILE_NAME, Map::of);
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Tripswitch could not read " + url, e);
        }
        return of(FILE_NAME + " (" + url + ")", p);
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> map = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                map.put(key, p.getProperty(key));
            }
        }
        return map;
    }

    /** {@code base} with this source's settings for circuit {@code name} on top. */
    public CircuitBreakerConfig applyTo(String name, CircuitBreakerConfig base, ClassLoader loader) {
        String prefix = PREFIX + name + ".";
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.from(base);
        boolean any = false;
        for (Map.Entry<String, String> e : source.get().entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            String setting = key.substring(prefix.length());
            if (setting.contains(".")) {
                continue; // a circuit whose name extends this one's, e.g. "api" and "api.v2"
            }
            String value = e.getValue() == null ? "" : e.getValue().trim();
            any = true;
            try {
                apply(b, setting, value, loader);
            } catch (CircuitConfigurationException ex) {
                throw new CircuitConfigurationException(key + "=" + value + " (" + sourceName + "): "
                        + ex.getMessage(), ex);
            }
        }
        if (!any) {
            return base;
        }
        try {
            return b.build();
        } catch (CircuitConfigurationException ex) {
            throw new CircuitConfigurationException("circuit '" + name + "' from " + sourceName + ": "
                    + ex.getMessage(), ex);
        }
    }

    private static void apply(CircuitBreakerConfig.Builder b, String setting, String value, ClassLoader loader) {
        switch (setting) {
            case "failureThreshold" -> b.failureThreshold(integer(value));
            case "permittedProbes" -> b.permittedProbes(integer(value));
            case "successThreshold" -> b.successThreshold(integer(value));
            case "halfOpenAfter" -> b.halfOpenAfter(duration(value));
            case "recoveryTimeout" -> b.recoveryTimeout(duration(value));
            case "recordOn" -> b.recordOn(types(value, loader));
            case "ignoreOn" -> b.ignoreOn(types(value, loader));
            default -> throw new CircuitConfigurationException("unknown setting '" + setting
                    + "'; allowed settings are " + String.join(", ", new TreeSet<>(SETTINGS)));
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CircuitConfigurationException("must be an integer of 1 or more, but was '" + value + "'");
        }
    }

    private static Duration duration(String value) {
        Duration d = Durations.parseOrNull(value);
        if (d == null) {
            throw new CircuitConfigurationException("must be " + Durations.ALLOWED + ", but was '" + value + "'");
        }
        return d;
    }

    private static List<Class<? extends Throwable>> types(String value, ClassLoader loader) {
        List<Class<? extends Throwable>> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        for (String raw : value.split(",")) {
            String name = raw.trim();
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CircuitConfigurationException("must be a comma-separated list of Throwable class names, "
                        + "but class '" + name + "' was not found");
            }
            if (!Throwable.class.isAssignableFrom(c)) {
                throw new CircuitConfigurationException("must be a comma-separated list of Throwable class names, "
                        + "but " + name + " is not a Throwable");
            }
            out.add(c.asSubclass(Throwable.class));
        }
        return out;
    }
}
