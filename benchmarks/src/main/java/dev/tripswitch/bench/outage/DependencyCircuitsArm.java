package dev.tripswitch.bench.outage;

import dev.tripswitch.dependency.Dependency;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of the dependency-circuit arm ({@link OutageArm#WITH_DEPENDENCY_CIRCUITS}): the switch, and each
 * dependency circuit's settings by name, the annotated arms' {@code failureThreshold} and {@code halfOpenAfter}.
 */
final class DependencyCircuitsArm {

    static final String SWITCH = "tripswitch.dependencies";

    private DependencyCircuitsArm() {
    }

    /** The circuit of the dependency at {@code address} ({@code dep:<host:port>}). */
    static String circuitOf(URI address) {
        return Dependency.of(address).orElseThrow(() -> new IllegalArgumentException("no host in " + address))
                .circuitName();
    }

    /** The settings of the circuit of the dependency at {@code address}, as system properties. */
    static Map<String, String> settings(URI address, int failureThreshold) {
        String prefix = "tripswitch.circuit." + circuitOf(address) + ".";
        Map<String, String> p = new LinkedHashMap<>();
        p.put(prefix + "failureThreshold", String.valueOf(failureThreshold));
        p.put(prefix + "halfOpenAfter", "2s");
        return p;
    }
}
