package dev.tripswitch.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The configuration of the test framework that runs the tests now (JUnit's configuration parameters, TestNG's suite
 * parameters), for every {@code tripswitch.*} key: a layer between the system properties (above) and
 * {@code tripswitch.properties} (below). The framework integration puts it in place when its run starts; circuits
 * and settings read afterwards see it. JVM-wide, as circuits are: the last run to start is the one that counts.
 */
public final class FrameworkParameters {

    /** One framework's parameters: a name for messages, a look-up, and every key when the framework can list them. */
    private record Source(String name, Function<String, String> lookup, Supplier<Set<String>> keys) {
    }

    private static final Source NONE = new Source("framework configuration", k -> null, Set::of);
    private static volatile Source current = NONE;

    private FrameworkParameters() {
    }

    /**
     * From now on, {@code lookup} answers for the framework's configuration, called {@code name} in messages.
     *
     * @param keys every key the framework has, or {@code null} when it cannot list them (then only the keys of
     *             declared settings are looked up, and a misspelled key goes unnoticed)
     */
    public static void use(String name, Function<String, String> lookup, Supplier<Set<String>> keys) {
        current = new Source(name, lookup, keys);
    }

    /** Back to no framework configuration (for tests). */
    public static void clear() {
        current = NONE;
    }

    /** What the framework's configuration is called in messages. */
    public static String name() {
        return current.name();
    }

    /** The value of {@code key}, blank counted as none; {@code null} when the framework gives none. */
    public static String get(String key) {
        String v = current.lookup().apply(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Whether the framework can list its keys. */
    public static boolean listsKeys() {
        return current.keys() != null;
    }

    /** Every key starting with {@code prefix} and its value ({@link #listsKeys()} only; empty otherwise). */
    public static Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        Supplier<Set<String>> keys = current.keys();
        if (keys != null) {
            for (String key : keys.get()) {
                if (key.startsWith(prefix)) {
                    String v = current.lookup().apply(key);
                    if (v != null) {
                        out.put(key, v);
                    }
                }
            }
        }
        return out;
    }
}
