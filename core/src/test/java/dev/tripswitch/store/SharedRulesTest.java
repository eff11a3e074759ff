package dev.tripswitch.store;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The HEALTHY operation of {@link SharedRules} (what a JVM's healthy check asks of the store), and ACQUIRE beside it. */
class SharedRulesTest {

    private static final long T0 = 1_000_000;
    private final SharedRules rules = new SharedRules(CircuitBreakerConfig.custom().failureThreshold(1)
            .halfOpenAfter(Duration.ofSeconds(30)).recoveryTimeout(Duration.ofMinutes(2)).build());

    private SharedState opened() {
        SharedState s = rules.apply(null, new StoreOperation(StoreOperation.Kind.FAILURE, StoreOperation.DIRECT, null, 0,
                new SharedState.Failure("java.io.IOException", "down", 0), SharedState.Totals.NONE), T0);
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        return s;
    }

    @Test
    void healthy_forTheOpeningTheJvmSaw_goesHalfOpenBeforeTheProbeIsDue_andGrantsTheLease() {
        SharedState open = opened();
        SharedState s = rules.apply(open, StoreOperation.healthy(open.epoch(), "jvm-1", 5000, "health check X reported"
                + " the dependency healthy"), T0 + 1000);
        assertThat(s.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(s.holds("jvm-1")).isTrue();
        assertThat(s.leases()).containsEntry("jvm-1", T0 + 6000);
        assertThat(s.epoch()).isEqualTo(open.epoch() + 1);
        assertThat(s.history()).last().satisfies(c -> {
            assertThat(c.from()).isEqualTo(CircuitState.OPEN);
            assertThat(c.reason()).isEqualTo("health check X reported the dependency healthy");
            assertThat(c.atMillis()).isEqualTo(T0 + 1000);
        });
    }

    @Test
    void healthy_forAnEarlierEpoch_leavesTheCircuitOpen_andGrantsNothing() {
        SharedState open = opened();
        SharedState s = rules.apply(open, StoreOperation.healthy(open.epoch() - 1, "jvm-1", 5000, "late"), T0 + 1000);
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        assertThat(s.leases()).isEmpty();
        assertThat(s.epoch()).isEqualTo(open.epoch());
    }

    @Test
    void healthy_withoutALease_onlyMovesTheCircuit_andAnAcquireWithoutALeaseGrantsNone() {
        SharedState open = opened();
        SharedState half = rules.apply(open, StoreOperation.healthy(open.epoch(), null, 0, "healthy"), T0 + 1000);
        assertThat(half.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(half.leases()).isEmpty();
        SharedState due = rules.apply(opened(), StoreOperation.direct(StoreOperation.Kind.ACQUIRE, null, 0),
                T0 + 30_000);
        assertThat(due.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(due.leases()).isEmpty();
    }

    @Test
    void healthy_onAHalfOpenCircuit_isAnAcquire_withinThePermittedProbes() {
        SharedState open = opened();
        SharedState half = rules.apply(open, StoreOperation.healthy(open.epoch(), "jvm-1", 5000, "healthy"), T0 + 1);
        SharedState again = rules.apply(half, StoreOperation.healthy(open.epoch(), "jvm-2", 5000, "healthy"), T0 + 2);
        assertThat(again.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(again.epoch()).isEqualTo(half.epoch());
        assertThat(again.leases()).containsOnlyKeys("jvm-1");
    }

    @Test
    void aCircuitsFirstWriteIsVersionOne_aReadOfACircuitNotStoredIsVersionZero() {
        assertThat(opened().version()).isEqualTo(1);
        assertThat(rules.apply(null, StoreOperation.read(SharedState.Totals.NONE), T0).version()).isZero();
        assertThat(rules.apply(opened(), StoreOperation.read(SharedState.Totals.NONE), T0).version()).isEqualTo(1);
    }
}
