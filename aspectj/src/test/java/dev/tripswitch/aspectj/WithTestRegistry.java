package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Puts a registry with a controllable clock in place of the global one for each test. */
abstract class WithTestRegistry {

    final MutableClock clock = MutableClock.start();
    CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;

    @BeforeEach
    void useTestRegistry() {
        registry = CircuitBreakerRegistry.builder().clock(clock).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
    }

    @AfterEach
    void restoreGlobalRegistry() {
        override.close();
    }

    CircuitBreaker circuit(String name) {
        return registry.find(name).orElseThrow(() -> new AssertionError("no circuit '" + name + "' was created"));
    }
}
