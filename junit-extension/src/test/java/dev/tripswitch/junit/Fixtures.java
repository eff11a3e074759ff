package dev.tripswitch.junit;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Base of the scenario tests: every test gets a fresh global registry on a {@link MutableClock} that starts at
 * {@link #START}, and runs fixture classes through {@link EngineTestKit}. Scenario tests must not run in
 * parallel with each other: they replace the JVM-wide registry.
 */
abstract class Fixtures {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** The clock of the current scenario; fixtures may move it. */
    static MutableClock clock;
    static CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;

    @BeforeEach
    void freshRegistry() {
        clock = new MutableClock(START);
        registry = CircuitBreakerRegistry.builder().clock(clock).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
    }

    @AfterEach
    void restoreRegistry() {
        override.close();
    }

    static CircuitBreaker circuit(String name) {
        return registry.find(name).orElseThrow(() -> new AssertionError("no circuit '" + name + "' was created"));
    }

    static EngineExecutionResults run(Class<?>... fixtureClasses) {
        return run(Map.of(), fixtureClasses);
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... fixtureClasses) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(FixtureOnly.ENABLED, "true")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.testmethod.order.default",
                        "org.junit.jupiter.api.MethodOrderer$MethodName")
                .configurationParameters(configuration)
                .selectors(Arrays.stream(fixtureClasses).map(DiscoverySelectors::selectClass)
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }
}
