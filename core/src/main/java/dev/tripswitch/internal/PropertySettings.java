package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.internal.settings.GivenSettings;
import dev.tripswitch.internal.settings.Setting;
import dev.tripswitch.internal.settings.Settings;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Circuit settings written as properties {@code tripswitch.circuit.<name>.<setting>=<value>}, from one source
 * (system properties, or a {@code tripswitch.properties} file). Bad keys and values are refused with a
 * message naming the key, the value, what is allowed and the source.
 */
public class PropertySettings {

    public static final String PREFIX = "tripswitch.circuit.";
    public static final String FILE_NAME = "tripswitch.properties";

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

    /**
     * Settings from the configuration of the test framework running now ({@link FrameworkParameters}), read each time
     * a circuit is created: every key of it when the framework can list its keys, else each declared setting's key.
     */
    public static PropertySettings frameworkParameters() {
        return new FrameworkSource();
    }

    /** The framework's configuration as a source: its name and its keys are those in force when a circuit is made. */
    private static final class FrameworkSource extends PropertySettings {
        FrameworkSource() {
            super("framework configuration", Map::of);
        }

        @Override
        public GivenSettings givenFor(String name, ClassLoader loader) {
            Map<String, String> keys;
            if (FrameworkParameters.listsKeys()) {
                keys = FrameworkParameters.withPrefix(PREFIX + name + ".");
            } else {
                keys = new TreeMap<>();
                for (Setting<?> s : Settings.all()) {
                    String key = PREFIX + name + "." + s.name();
                    String value = FrameworkParameters.get(key);
                    if (value != null) {
                        keys.put(key, value);
                    }
                }
            }
            return new PropertySettings(FrameworkParameters.name(), () -> keys).givenFor(name, loader);
        }
    }

    /** Settings from fixed properties (for tests), described as {@code sourceName}. */
    public static PropertySettings of(String sourceName, Properties properties) {
        Map<String, String> map = toMap(properties);
        return new PropertySettings(sourceName, () -> map);
    }

    /**
     * Settings from {@code tripswitch.properties} on the class path of {@code loader}, or none. The file is read
     * when a circuit is first created; a file that cannot be read refuses every circuit, naming the file.
     */
    public static PropertySettings classpathFile(ClassLoader loader) {
        PropertiesFile file = PropertiesFile.find(loader, FILE_NAME);
        if (file == null) {
            return new PropertySettings(FILE_NAME, Map::of);
        }
        return new PropertySettings(FILE_NAME + " (" + file.url() + ")", () -> toMap(file.properties()));
    }

    static Map<String, String> toMap(Properties p) {
        Map<String, String> map = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                map.put(key, p.getProperty(key));
            }
        }
        return map;
    }

    /** What this source gives for circuit {@code name}, each value checked. */
    public GivenSettings givenFor(String name, ClassLoader loader) {
        String prefix = PREFIX + name + ".";
        GivenSettings out = new GivenSettings(sourceName, "circuit '" + name + "' from " + sourceName);
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
            try {
                put(out, Settings.named(setting).orElseThrow(() -> new CircuitConfigurationException(
                        "unknown setting '" + setting + "'; allowed settings are " + Settings.names())),
                        value, loader);
            } catch (CircuitConfigurationException ex) {
                throw new CircuitConfigurationException(key + "=" + value + " (" + sourceName + "): "
                        + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static <T> void put(GivenSettings out, Setting<T> setting, String text, ClassLoader loader) {
        out.put(setting, setting.parse(text, loader));
    }
}
