package dev.tripswitch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerRegistryTest {

    private final MutableClock clock = MutableClock.start();
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).build();

    @CircuitProtected(value = "grid", failureThreshold = 3, halfOpenAfter = "10s")
    static class GridTestsA {
    }

    @CircuitProtected(value = "grid", failureThreshold = 4)
    static class GridTestsB {
    }

    @CircuitProtected("grid")
    static class GridTestsPlain {
    }

    @CircuitProtected(value = "grid", halfOpenAfter = "soon")
    static class BadDuration {
    }

    @CircuitProtected(value = "grid", failureThreshold = 0)
    static class BadThreshold {
    }

    @CircuitProtected(value = "grid", ignoreOn = {})
    static class CountsAssertions {
    }

    @Test
    void circuitsAreSharedByName() {
        assertThat(registry.circuit("browser")).isSameAs(registry.circuit("browser"));
        assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactly("browser");
    }

    @Test
    void circuitsUseTheRegistryClock() {
        CircuitBreaker cb = registry.circuit("browser");
        assertThat(cb.config().clock()).isSameAs(clock);
    }

    @Test
    void annotationAttributes_becomeTheCircuitsSettings() {
        CircuitBreaker cb = registry.circuit(CircuitDefinition.of(GridTestsA.class.getAnnotation(CircuitProtected.class),
                "class GridTestsA"));
        assertThat(cb.config().failureThreshold()).isEqualTo(3);
        assertThat(cb.config().halfOpenAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void emptyIgnoreOnInTheAnnotation_countsAssertions() {
        CircuitBreaker cb = registry.circuit(CircuitDefinition.of(
                CountsAssertions.class.getAnnotation(CircuitProtected.class), "class CountsAssertions"));
        assertThat(cb.config().counts(new AssertionError())).isTrue();
    }

    @Test
    void aPlainAnnotation_agreesWithAnyEarlierDefinition() {
        registry.circuit(CircuitDefinition.of(GridTestsA.class.getAnnotation(CircuitProtected.class), "class A"));
        CircuitBreaker cb = registry.circuit(
                CircuitDefinition.of(GridTestsPlain.class.getAnnotation(CircuitProtected.class), "class Plain"));
        assertThat(cb.config().failureThreshold()).isEqualTo(3);
    }

    @Test
    void twoConflictingDefinitions_areAnErrorNamingBothPlaces() {
        registry.circuit(CircuitDefinition.of(GridTestsA.class.getAnnotation(CircuitProtected.class), "class A"));
        assertThatThrownBy(() -> registry.circuit(
                CircuitDefinition.of(GridTestsB.class.getAnnotation(CircuitProtected.class), "class B")))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("circuit 'grid' has conflicting definitions: class B sets failureThreshold=4 "
                        + "(in force: 3), but the circuit was first defined by class A");
    }

    @Test
    void aBadDurationAttribute_namesAttributeValueAndPlace() {
        assertThatThrownBy(() -> CircuitDefinition.of(BadDuration.class.getAnnotation(CircuitProtected.class),
                "class BadDuration"))
                .hasMessage("@CircuitProtected(\"grid\") on class BadDuration: halfOpenAfter must be a duration such "
                        + "as 500ms, 30s, 2m, 1h or ISO-8601 PT30S, but was 'soon'");
    }

    @Test
    void aBadIntAttribute_namesAttributeValueAndPlace() {
        assertThatThrownBy(() -> CircuitDefinition.of(BadThreshold.class.getAnnotation(CircuitProtected.class),
                "class BadThreshold"))
                .hasMessage("@CircuitProtected(\"grid\") on class BadThreshold: failureThreshold must be an integer "
                        + "of 1 or more, but was 0");
    }

    @Test
    void explicitConfig_conflictingWithTheExistingCircuit_isRefused() {
        registry.circuit("api");
        assertThatThrownBy(() -> registry.circuit("api",
                CircuitBreakerConfig.custom().failureThreshold(9).clock(clock).build()))
                .hasMessageStartingWith("circuit 'api' has conflicting definitions: code asks for failureThreshold=9");
    }

    @Test
    void registryListeners_reachPresentAndFutureCircuits() {
        List<String> seen = new ArrayList<>();
        CircuitBreaker before = registry.circuit(CircuitDefinition.builder("a", "t").failureThreshold(1).build());
        registry.addListener(new CircuitEventListener() {
            @Override
            public void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
                seen.add(circuit.name() + ":" + t.from() + "->" + t.to());
            }
        });
        CircuitBreaker after = registry.circuit(CircuitDefinition.builder("b", "t").failureThreshold(1).build());
        before.recordFailure();
        after.recordFailure();
        assertThat(seen).containsExactly("a:CLOSED->OPEN", "b:CLOSED->OPEN");
    }

    @Test
    void replaceGlobal_isUndoneOnClose() {
        CircuitBreakerRegistry original = CircuitBreakerRegistry.global();
        try (CircuitBreakerRegistry.GlobalOverride ignored = CircuitBreakerRegistry.replaceGlobal(registry)) {
            assertThat(CircuitBreakerRegistry.global()).isSameAs(registry);
        }
        assertThat(CircuitBreakerRegistry.global()).isSameAs(original);
    }

    @Test
    void aFailingLookupDoesNotRegisterTheCircuit() {
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder()
                .withProperties("system property", new java.util.Properties() {{
                    setProperty("tripswitch.circuit.x.failureThreshold", "nope");
                }}).build();
        assertThatThrownBy(() -> r.circuit("x")).isInstanceOf(CircuitConfigurationException.class);
        assertThat(r.find("x")).isEmpty();
        registry.circuit("y").recordFailure(new IOException());
        assertThat(registry.find("y")).isPresent();
    }
}
