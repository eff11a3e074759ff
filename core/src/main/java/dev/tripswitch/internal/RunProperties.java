package dev.tripswitch.internal;

import java.util.Map;

/**
 * Run-wide settings ({@code tripswitch.<setting>}, not of one circuit): from system properties, the test framework's
 * configuration, or {@code tripswitch.properties} on the class path.
 */
public final class RunProperties {

    private RunProperties() {
    }

    /**
     * Every property of the {@code tripswitch.properties} file on {@code loader}'s class path (empty when there is
     * none). A file that cannot be read or parsed is refused with a {@link dev.tripswitch.CircuitConfigurationException}
     * naming its URL, what is wrong and, for a bad escape, the line.
     */
    public static java.util.Properties classpathFile(ClassLoader loader) {
        PropertiesFile file = PropertiesFile.find(loader, PropertySettings.FILE_NAME);
        return file == null ? new java.util.Properties() : file.properties();
    }

    /**
     * The value of the run-wide setting {@code key} and where it came from, highest first: a system property, the test
     * framework's configuration ({@link FrameworkParameters}), {@code tripswitch.properties} on the context class
     * loader's class path; {@code null} when none gives it.
     */
    public static Map.Entry<String, String> find(String key) {
        String v = System.getProperty(key);
        if (v != null) {
            return Map.entry("system property", v);
        }
        return belowSystemProperties(key);
    }

    /**
     * Like {@link #find}, for a caller that has read the system property already and found none: the framework's
     * configuration, then {@code tripswitch.properties}.
     */
    static Map.Entry<String, String> belowSystemProperties(String key) {
        String v = FrameworkParameters.get(key);
        if (v != null) {
            return Map.entry(FrameworkParameters.name(), v);
        }
        return fromClasspathFile(key);
    }

    /**
     * The value of {@code key} in the {@code tripswitch.properties} file of the context class loader, with where it
     * came from ("tripswitch.properties (file:/...)"), or {@code null} when there is no such file or key. A file
     * that cannot be read is refused with a message naming it.
     */
    public static Map.Entry<String, String> fromClasspathFile(String key) {
        PropertiesFile file = PropertiesFile.find(Services.contextLoader(RunProperties.class),
                PropertySettings.FILE_NAME);
        if (file == null) {
            return null;
        }
        String value = file.properties().getProperty(key);
        return value == null ? null : Map.entry(PropertySettings.FILE_NAME + " (" + file.url() + ")", value);
    }
}
