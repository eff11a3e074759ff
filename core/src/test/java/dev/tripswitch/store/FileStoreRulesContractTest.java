package dev.tripswitch.store;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitRulesContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit's rules on the file store ({@link SharedRules} behind {@link FileCircuitStore}): each circuit is
 * made by a registry of its own on one directory, standing for a JVM of its own. The store times its rules by the
 * circuit's clock, the contract's {@link dev.tripswitch.MutableClock}.
 */
class FileStoreRulesContractTest extends CircuitRulesContract {

    @TempDir
    Path dir;
    private final Map<CircuitBreaker, CircuitBreakerRegistry> jvms = new IdentityHashMap<>();

    @BeforeEach
    void nothingUnshared() {
        UnsharedCircuits.clear();
    }

    @AfterEach
    void closeStores() {
        jvms.values().forEach(CircuitBreakerRegistry::closeStore);
        assertThat(UnsharedCircuits.all()).as("every circuit kept its state in the store").isEmpty();
        UnsharedCircuits.clear();
    }

    @Override
    protected CircuitBreaker circuit(CircuitBreakerConfig config) {
        FileCircuitStore store = new FileCircuitStore(dir.resolve("scope"), Duration.ofSeconds(10));
        CircuitBreakerRegistry jvm = CircuitBreakerRegistry.builder().clock(clock).store(store, PROBE_LEASE).build();
        CircuitBreaker circuit = jvm.circuit(NAME, config);
        jvms.put(circuit, jvm);
        return circuit;
    }

    @Override
    protected CircuitBreaker inAnotherJvm(CircuitBreakerConfig config) {
        return circuit(config);
    }

    @Override
    protected void crash(CircuitBreaker circuit) {
        jvms.get(circuit).closeStore(); // its upkeep thread stops: no lease of it is renewed
    }
}
