package dev.tripswitch;

import dev.tripswitch.internal.FrameworkParameters;
import dev.tripswitch.internal.Switches;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Run-wide switches of Tripswitch, and where a test framework's own configuration comes in.
 * <ul>
 *   <li>{@value #ENABLED} ({@code true} by default): {@code false} runs protected tests and calls without asking
 *       any circuit — for measuring a suite with and without the circuit breaker.</li>
 * </ul>
 *
 * <p>Every {@code tripswitch.*} setting is read, highest first, from: the annotation's attributes (circuit
 * settings), system properties, the configuration of the test framework running the tests (JUnit's configuration
 * parameters — {@code junit-platform.properties}, Surefire's {@code configurationParameters}, the console launcher's
 * {@code --config}; TestNG's suite {@code <parameter>}s), {@code tripswitch.properties} on the test class path, and
 * the defaults. The framework integrations hand their configuration over with {@link #useFrameworkConfiguration}.
 */
public final class Tripswitch {

    /** The switch that turns every circuit's guarding off when {@code false}. */
    public static final String ENABLED = Switches.ENABLED;

    private Tripswitch() {
    }

    /**
     * Whether tests and calls under {@code @CircuitProtected} are guarded by their circuits.
     *
     * @throws CircuitConfigurationException for a value other than {@code true} or {@code false}
     */
    public static boolean enabled() {
        return Switches.enabled();
    }

    /**
     * From now on, every {@code tripswitch.*} key is also looked up in a test framework's configuration (below system
     * properties, above {@code tripswitch.properties}), called {@code name} in messages. JVM-wide: the framework
     * integration calls it when its run starts; circuits made before keep their settings.
     *
     * @param lookup the value of a key, or {@code null}
     * @param keys   every key the framework has, when it can list them (then a misspelled setting is refused), else
     *               {@code null}
     */
    public static void useFrameworkConfiguration(String name, Function<String, String> lookup,
                                                 Supplier<Set<String>> keys) {
        FrameworkParameters.use(name, lookup, keys);
    }
}
