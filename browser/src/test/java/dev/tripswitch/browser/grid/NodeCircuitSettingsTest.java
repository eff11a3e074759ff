package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.Admission;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which settings a node circuit gets when a session first reaches its node (no Grid needed: the rule alone). */
class NodeCircuitSettingsTest {

    private static final URI NODE = URI.create("http://127.0.0.1:5555");

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().build();

    @AfterEach
    void clearProperty() {
        System.clearProperty("tripswitch.circuit.browser@127.0.0.1:5555.failureThreshold");
    }

    @Test
    void aSessionOpenedByAProtectedTest_givesTheNodeCircuitTheTestCircuitsCountingAndTiming_butNotItsHealthCheck() {
        CircuitBreaker shop = registry.circuit("shop", CircuitBreakerConfig.custom().failureThreshold(2)
                .halfOpenAfter(Duration.ofSeconds(7)).recoveryTimeout(Duration.ofSeconds(9))
                .whenOpen(WhenOpen.WAIT).healthUrl(URI.create("http://127.0.0.1:1/health")).build());

        CircuitBreakerConfig node = new NodeCircuits(registry, null, () -> Optional.of(shop)).of(NODE).config();

        assertThat(node.failureThreshold()).isEqualTo(2);
        assertThat(node.halfOpenAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(node.recoveryTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(node.healthUrl()).as("the shop's health is no node's").isNull();
        assertThat(node.whenOpen()).as("sessions go to another node, they never wait").isEqualTo(WhenOpen.SKIP);
    }

    @Test
    void whileAProtectedTestRunsOnThisThread_itsAdmittingCircuitIsTheOneTaken() {
        Admission admission = TestRun.start().admit(new TestIdentity("test", "Shop", "checkout", "Shop.checkout"),
                Protection.by(CircuitDefinition.builder("node-settings-shop", "this test").failureThreshold(3).build()));
        try {
            assertThat(new NodeCircuits(registry, null).of(NODE).config().failureThreshold()).isEqualTo(3);
        } finally {
            admission.passed();
        }
        assertThat(TestRun.currentCircuit()).as("after the test").isEmpty();
    }

    @Test
    void outsideAProtectedTest_theNodeCircuitIsLikeCircuitBrowser() {
        registry.circuit("browser", CircuitBreakerConfig.custom().failureThreshold(4).build());

        assertThat(new NodeCircuits(registry, null, Optional::empty).of(NODE).config().failureThreshold()).isEqualTo(4);
    }

    @Test
    void aCircuitNamedForNodeCircuits_winsOverTheTestsCircuit() {
        registry.circuit("grid-node", CircuitBreakerConfig.custom().failureThreshold(1).build());
        CircuitBreaker shop = registry.circuit("shop", CircuitBreakerConfig.custom().failureThreshold(2).build());

        assertThat(new NodeCircuits(registry, "grid-node", () -> Optional.of(shop)).of(NODE).config()
                .failureThreshold()).isEqualTo(1);
    }

    @Test
    void aNodeCircuitsOwnSettings_winOverEverything() {
        System.setProperty("tripswitch.circuit.browser@127.0.0.1:5555.failureThreshold", "6");
        CircuitBreakerRegistry reading = CircuitBreakerRegistry.builder().withSystemSources().build();
        CircuitBreaker shop = reading.circuit("shop", CircuitBreakerConfig.custom().failureThreshold(2).build());

        assertThat(new NodeCircuits(reading, "grid-node", () -> Optional.of(shop)).of(NODE).config()
                .failureThreshold()).isEqualTo(6);
    }
}
