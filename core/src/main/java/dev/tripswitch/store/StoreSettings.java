package dev.tripswitch.store;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.internal.Durations;
import dev.tripswitch.internal.PropertySettings;
import dev.tripswitch.internal.FrameworkParameters;
import dev.tripswitch.internal.RunProperties;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The store settings, read from system properties over {@code tripswitch.properties}:
 * <ul>
 *   <li>{@code tripswitch.store}: {@code memory} (default: each JVM has its own circuits), {@code file} or
 *       {@code file:<directory>} (the forks of one build on one machine), or a URI whose scheme a
 *       {@link CircuitStoreProvider} serves ({@code redis://}, {@code rediss://} with {@code tripswitch-redis});</li>
 *   <li>{@code tripswitch.store.scope}: which JVMs share (letters, digits, {@code . _ : -}); by default what the
 *       JVMs of one run have in common, as the store's provider sees it;</li>
 *   <li>{@code tripswitch.store.timeout}: the longest one store call may take (default 2s, 10ms to 60s);</li>
 *   <li>{@code tripswitch.store.lease}: how long a probe's lease lasts unless its JVM renews it (default 10s,
 *       100ms to 1h): a JVM that dies while probing blocks the circuit no longer than this.</li>
 * </ul>
 *
 * @param value   the {@code tripswitch.store} value as given (may hold a password: show {@link #shown()})
 * @param scheme  lower-case scheme ({@code file}, {@code redis}, ...)
 * @param scope   the scope, given or the provider's default
 * @param timeout the bound of one store call
 * @param lease   the lifetime of a probe lease without renewal
 * @param origin  where {@code tripswitch.store} came from, for messages
 */
public record StoreSettings(String value, String scheme, String scope, Duration timeout, Duration lease,
                            String origin) {

    public static final String STORE = "tripswitch.store";
    public static final String SCOPE = "tripswitch.store.scope";
    public static final String TIMEOUT = "tripswitch.store.timeout";
    public static final String LEASE = "tripswitch.store.lease";
    static final String ALLOWED = "memory, file";
    private static final Pattern SCOPE_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,120}");

    /** The value with a password masked: what messages show. */
    public String shown() {
        return mask(value);
    }

    /** The value as a URI (for URI-shaped values; validated when the settings were read). */
    public URI uri() {
        return URI.create(value);
    }

    /**
     * The settings the properties give, or {@code null} for the in-memory default. A bad value throws a
     * {@link CircuitConfigurationException} naming the setting, the value (password masked) and what is allowed.
     */
    public static StoreSettings from(Map<String, String> properties, String origin, Iterable<CircuitStoreProvider> providers) {
        String raw = properties.get(STORE);
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase("memory")) {
            return null;
        }
        String value = raw.trim();
        String scheme = schemeOf(value, origin);
        CircuitStoreProvider provider = null;
        StringBuilder allowed = new StringBuilder(ALLOWED);
        for (CircuitStoreProvider p : providers) {
            for (String s : p.schemes()) {
                allowed.append(", ").append(p.form().replace("{scheme}", s));
                if (s.equals(scheme)) {
                    provider = p;
                }
            }
        }
        if (provider == null) {
            throw refused(STORE, value, origin, "unknown store '" + scheme + "' (no circuit store on the class path"
                    + " serves it: add the Tripswitch module of that store to the test class path)"
                    + "; allowed: " + allowed);
        }
        String scope = properties.get(SCOPE);
        if (scope == null || scope.isBlank()) {
            scope = provider.defaultScope();
        } else if (!SCOPE_PATTERN.matcher(scope.trim()).matches()) {
            throw refused(SCOPE, scope, origin, "must be 1 to 120 letters, digits or . _ : -");
        } else {
            scope = scope.trim();
        }
        Duration timeout = duration(properties, TIMEOUT, Duration.ofSeconds(2), Duration.ofMillis(10),
                Duration.ofSeconds(60), origin);
        Duration lease = duration(properties, LEASE, Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofHours(1), origin);
        return new StoreSettings(value, scheme, scope, timeout, lease, origin);
    }

    /** The provider of these settings' scheme among {@code providers}. */
    public CircuitStoreProvider providerAmong(Iterable<CircuitStoreProvider> providers) {
        for (CircuitStoreProvider p : providers) {
            if (p.schemes().contains(scheme)) {
                return p;
            }
        }
        throw new IllegalStateException("no provider for " + scheme);
    }

    /** System properties over {@code tripswitch.properties} on {@code loader}'s class path. */
    public static Map<String, String> systemProperties(ClassLoader loader) {
        Map<String, String> out = new HashMap<>();
        copyStoreKeys(RunProperties.classpathFile(loader), out); // a file that cannot be read is named
        for (String key : List.of(STORE, SCOPE, TIMEOUT, LEASE)) { // the test framework's configuration
            String v = FrameworkParameters.get(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        copyStoreKeys(System.getProperties(), out);
        return out;
    }

    /** Where {@link #systemProperties} found {@code tripswitch.store}, for messages. */
    public static String originOf(ClassLoader loader) {
        if (System.getProperty(STORE) != null) {
            return "system property";
        }
        if (FrameworkParameters.get(STORE) != null) {
            return FrameworkParameters.name();
        }
        URL url = loader == null ? null : loader.getResource(PropertySettings.FILE_NAME);
        return url == null ? "default" : PropertySettings.FILE_NAME + " (" + url + ")";
    }

    private static void copyStoreKeys(Properties p, Map<String, String> out) {
        for (String key : p.stringPropertyNames()) {
            if (key.equals(STORE) || key.startsWith(STORE + ".")) {
                out.put(key, p.getProperty(key));
            }
        }
    }

    private static String schemeOf(String value, String origin) {
        int colon = value.indexOf(':');
        String scheme = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (value.contains("://")) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    throw refused(STORE, value, origin, "must be a URI with a host, such as redis://host:6379");
                }
            } catch (URISyntaxException e) {
                throw refused(STORE, value, origin, "must be a well-formed URI (" + e.getReason() + " at index "
                        + e.getIndex() + "), such as redis://host:6379");
            }
        } else if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw refused(STORE, value, origin, "must be " + ALLOWED + ", file:<directory> or a store URI such as redis://host:6379");
        }
        return scheme;
    }

    private static Duration duration(Map<String, String> props, String key, Duration dflt, Duration min,
                                     Duration max, String origin) {
        String raw = props.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        Duration d = Durations.parseOrNull(raw.trim());
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw refused(key, raw, origin, "must be " + Durations.ALLOWED + ", from " + Durations.format(min) + " to "
                    + Durations.format(max));
        }
        return d;
    }

    /** A refusal naming the setting, the value (password masked) and {@code why} (what is allowed). */
    public static CircuitConfigurationException refused(String setting, String value, String origin, String why) {
        return new CircuitConfigurationException(setting + "=" + mask(value) + " (" + origin + ") is refused: " + why);
    }

    /** {@code text} with the password of any {@code scheme://user:password@} masked as {@code ****}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text.replaceAll("(://[^:/@\\s]*:)[^@\\s]*@", "$1****@");
        return masked.replaceAll("(://)[^:/@\\s*]+@", "$1****@"); // a lone user-info part is a password too
    }
}
