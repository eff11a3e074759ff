package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the scenario tests: each test gets a fresh JVM-wide registry on a {@link MutableClock}, put in place of
 * the global one (which the listener uses) for the test and restored after it. Scenario tests must not run in
 * parallel with each other.
 */
abstract class WithTestRegistry {

    final MutableClock clock = new MutableClock();
    CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;

    @BeforeEach
    void replaceGlobalRegistry() {
        registry = CircuitBreakerRegistry.builder().clock(clock).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
    }

    @AfterEach
    void restoreGlobalRegistry() {
        override.close();
    }
}
