package dev.tripswitch.internal;

import java.util.Map;

/**
 * Run-wide settings ({@code tripswitch.<setting>}, not of one circuit) written in {@code tripswitch.properties} on
 * the class path.
 */
public final class RunProperties {

    private RunProperties() {
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
