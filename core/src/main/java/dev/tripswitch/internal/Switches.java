package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;

import java.util.Locale;

/**
 * Run-wide switches, read from system properties, the test framework's configuration or {@code tripswitch.properties}.
 * <ul>
 *   <li>{@code tripswitch.enabled} ({@code true} by default): {@code false} runs protected tests without asking
 *       any circuit — for measuring a suite with and without the circuit breaker.</li>
 *   <li>{@code tripswitch.dependencies} ({@code off} by default): {@code auto} puts every test without
 *       {@code @CircuitProtected} under the circuits of the dependencies it calls ({@code dev.tripswitch.dependency}).</li>
 *   <li>{@code tripswitch.dependencies.check} ({@code connect} by default): whether a dependency circuit of a
 *       {@code host:port} without a health check of its own gets one, a TCP connect to that address
 *       ({@link ConnectHealthCheck}); {@code off}: none.</li>
 * </ul>
 */
public final class Switches {

    public static final String ENABLED = "tripswitch.enabled";
    public static final String DEPENDENCIES = "tripswitch.dependencies";
    public static final String DEPENDENCIES_CHECK = "tripswitch.dependencies.check";

    private Switches() {
    }

    /** Whether the framework adapters guard tests with circuits; a value other than true/false is refused. */
    public static boolean enabled() {
        return bool(ENABLED, true);
    }

    /**
     * Whether dependency circuits are on ({@code tripswitch.dependencies=auto}); {@code off} (the default) or blank:
     * not. Any other value is refused with a message naming the setting, the value, where it came from and what is
     * allowed.
     */
    public static boolean dependencies() {
        String v = System.getProperty(DEPENDENCIES);
        String origin = "system property";
        if (v == null) {
            java.util.Map.Entry<String, String> found = RunProperties.belowSystemProperties(DEPENDENCIES);
            if (found == null) {
                return false;
            }
            origin = found.getKey();
            v = found.getValue();
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "off", "" -> false;
            default -> throw new CircuitConfigurationException(
                    DEPENDENCIES + "=" + v + " (" + origin + "): must be auto or off");
        };
    }

    /**
     * Whether a {@code host:port} dependency circuit without a health check of its own gets the TCP connect check
     * ({@code tripswitch.dependencies.check=connect}, the default, also when blank); {@code off}: not. Any other value
     * is refused with a message naming the setting, the value, where it came from and what is allowed.
     */
    public static boolean dependencyConnectCheck() {
        java.util.Map.Entry<String, String> found = RunProperties.find(DEPENDENCIES_CHECK);
        if (found == null) {
            return true;
        }
        String v = found.getValue();
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "connect", "" -> true;
            case "off" -> false;
            default -> throw new CircuitConfigurationException(
                    DEPENDENCIES_CHECK + "=" + v + " (" + found.getKey() + "): must be connect or off");
        };
    }

    static boolean bool(String key, boolean defaultValue) {
        String v = System.getProperty(key); // the common case, on every admission: no other look-up
        String origin = "system property";
        if (v == null) {
            java.util.Map.Entry<String, String> found = RunProperties.belowSystemProperties(key);
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
