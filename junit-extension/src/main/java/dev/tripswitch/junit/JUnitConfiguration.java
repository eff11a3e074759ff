package dev.tripswitch.junit;

import dev.tripswitch.Tripswitch;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.ConfigurationParameters;

import java.util.stream.Collectors;

/**
 * Hands JUnit's configuration parameters ({@code junit-platform.properties}, Surefire's
 * {@code configurationParameters}, the console launcher's {@code --config}) to core, so that every
 * {@code tripswitch.*} key may be given there (below system properties, above {@code tripswitch.properties}).
 */
final class JUnitConfiguration {

    static final String NAME = "JUnit configuration parameter";

    private JUnitConfiguration() {
    }

    /** From the engine: the parameters can list their keys, so a misspelled setting is refused. */
    static void use(ConfigurationParameters parameters) {
        Tripswitch.useFrameworkConfiguration(NAME, key -> parameters.get(key).orElse(null),
                () -> parameters.keySet().stream().filter(k -> k.startsWith("tripswitch."))
                        .collect(Collectors.toSet()));
    }

    /** From an extension context (Jupiter run without the tripswitch engine): keys are looked up one by one. */
    static void use(ExtensionContext root) {
        if (root.getConfigurationParameter(ReplayingEngine.RUN_PARAMETER).isPresent()) {
            return; // the tripswitch engine runs these tests: it handed over the parameters with their keys
        }
        Tripswitch.useFrameworkConfiguration(NAME, key -> root.getConfigurationParameter(key).orElse(null), null);
    }
}
