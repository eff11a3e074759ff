package dev.tripswitch.store;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitState;
import dev.tripswitch.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking a shared circuit for its state or snapshot when its probe is due (as the run's summary and the report
 * events do) moves it to HALF_OPEN in the store without taking a probe slot, and never breaks the store.
 */
class ObservingADueSharedCircuitTest {

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.start();
    private CircuitBreakerRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.closeStore();
        }
        UnsharedCircuits.clear();
    }

    @Test
    void stateAndSnapshotOfADueCircuit_moveItToHalfOpen_andLeaveTheProbeSlotFree() {
        UnsharedCircuits.clear();
        registry = CircuitBreakerRegistry.builder().clock(clock)
                .store(new FileCircuitStore(dir.resolve("scope"), Duration.ofSeconds(2)), Duration.ofSeconds(5))
                .build();
        CircuitBreaker circuit = registry.circuit("observed", CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(30)).clock(clock).build());
        circuit.recordFailure(new IOException("down"));
        clock.advance(Duration.ofSeconds(30));

        assertThat(circuit.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(circuit.snapshot().state()).isEqualTo(CircuitState.HALF_OPEN);
        CircuitPermit probe = circuit.tryAcquirePermission();

        assertThat(probe).isNotNull();
        assertThat(probe.isProbe()).isTrue();
        assertThat(UnsharedCircuits.all()).isEmpty(); // the store never failed
        probe.onSuccess();
        assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
    }
}
