package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;

import java.util.Locale;

/**
 * Run-wide switches, read from system properties, the test framework's configuration or {@code tripswitch.properties}.
 * <ul>
 *   <li>{@code tripswitch.enabled} ({@code true} by default): {@code false} runs protected tests without asking
 *       any circuit — for measuring a suite with and without the circuit breaker.</li>
 * </ul>
 */
public final class Switches {

    public static final String ENABLED = "tripswitch.enabled";

    private Switches() {
    }

    /** Whether the framework adapters guard tests with circuits; a value other than true/false is refused. */
    public static boolean enabled() {
        return bool(ENABLED, true);
    }

    static boolean bool(String key, boolean defaultValue) {
        String v = System.getProperty(key); // the common case, on every admission: no other look-up
        String origin = "system property";
        if (v == null) {
            java.util.Map.Entry<String, String> found = RunProperties.find(key);
            if (found == null) {
                return defaultValue;
            }
            origin = found.getKey();
            v = found.getValue();
        }
        if (v.isBlank()) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CircuitConfigurationException(
                    key + "=" + v + " (" + origin + "): must be true or false");
        };
    }
}
