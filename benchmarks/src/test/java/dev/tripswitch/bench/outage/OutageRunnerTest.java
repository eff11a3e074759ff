package dev.tripswitch.bench.outage;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutageRunnerTest {

    private static final URI HEALTH = URI.create("http://127.0.0.1:1234/api/health");

    @Test
    void armSettings_saySkipWaitOrReplay_withTheHealthCheckOnlyWhereTheArmHasOne() {
        assertThat(OutageRunner.armSettings(OutageArm.NO_OUTAGE, "c", HEALTH, null)).isEmpty();
        assertThat(OutageRunner.armSettings(OutageArm.WITHOUT_CIRCUIT_BREAKER, "c", HEALTH, null)).isEmpty();
        assertThat(OutageRunner.armSettings(OutageArm.WITH_CIRCUIT_BREAKER, "c", HEALTH, null)).containsExactly(
                Map.entry("tripswitch.circuit.c.whenOpen", "SKIP"));
        assertThat(OutageRunner.armSettings(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, "c", HEALTH, null)).containsExactly(
                Map.entry("tripswitch.circuit.c.whenOpen", "WAIT"),
                Map.entry("tripswitch.circuit.c.healthUrl", HEALTH.toString()),
                Map.entry("tripswitch.circuit.c.healthCheckInterval", "1000ms"),
                Map.entry("tripswitch.circuit.c.earlyWarning", "false"));
        assertThat(OutageRunner.armSettings(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, "c", HEALTH, null))
                .containsExactly(Map.entry("tripswitch.circuit.c.whenOpen", "WAIT"),
                        Map.entry("tripswitch.circuit.c.healthUrl", HEALTH.toString()),
                        Map.entry("tripswitch.circuit.c.healthCheckInterval", "1000ms"),
                        Map.entry("tripswitch.circuit.c.earlyWarning", "true"));
        assertThat(OutageRunner.armSettings(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, "c", HEALTH, Duration.ofSeconds(30)))
                .containsEntry("tripswitch.circuit.c.maxWait", "30000ms");
        assertThat(OutageRunner.armSettings(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH, "c", HEALTH,
                Duration.ofSeconds(30))).containsExactly(Map.entry("tripswitch.circuit.c.whenOpen", "WAIT"),
                        Map.entry("tripswitch.circuit.c.maxWait", "30000ms"));
        assertThat(OutageRunner.armSettings(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY, "c", HEALTH,
                Duration.ofSeconds(30))).containsExactly(Map.entry("tripswitch.circuit.c.whenOpen", "REPLAY"));
        assertThat(OutageRunner.armSettings(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, "c", HEALTH, null))
                .containsExactly(Map.entry("tripswitch.circuit.c.whenOpen", "REPLAY"),
                        Map.entry("tripswitch.circuit.c.healthUrl", HEALTH.toString()),
                        Map.entry("tripswitch.circuit.c.healthCheckInterval", "1000ms"),
                        Map.entry("tripswitch.circuit.c.earlyWarning", "false"));
    }

    @Test
    void thisCore_canWaitAndReplay() {
        assertThat(OutageRunner.waitUnsupportedReason()).isNull();
        assertThat(OutageRunner.replayUnsupportedReason(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY)).isNull();
        assertThat(OutageRunner.earlyWarningUnsupportedReason(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY)).isNull();
    }

    @Test
    void parallelScenario_runsClassesConcurrentlyOnTwoThreadsInNameOrder_othersInSequence() {
        assertThat(OutageRunner.parallelism(OutageScenario.TRANSIENT))
                .containsExactly(Map.entry("junit.jupiter.execution.parallel.enabled", "false"));
        assertThat(OutageRunner.parallelism(OutageScenario.PARALLEL))
                .containsEntry("junit.jupiter.execution.parallel.enabled", "true")
                .containsEntry("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .containsEntry("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .containsEntry("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .containsEntry("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "2");
    }

    @Test
    void parallelShopSuite_alternatesTheTwoShopsClasses_andSplitsTheVisitsUniquely() {
        assertThat(ParallelShopVisits.classes()).extracting(Class::getSimpleName).isSorted();
        assertThat(ParallelShopVisits.classes()).hasSize(2 * ParallelShopVisits.PARTS);
        OutageTarget.set(null, null, 10);
        assertThat(OutageTarget.part(0, ParallelShopVisits.PARTS, false).boxed().toList()).containsExactly(1);
        assertThat(OutageTarget.part(4, ParallelShopVisits.PARTS, true).boxed().toList()).containsExactly(10);
    }

    @Test
    void scenarios_haveTheirCommandLineNames() {
        assertThat(OutageScenario.fromId("never-returns")).isEqualTo(OutageScenario.NEVER_RETURNS);
        assertThat(OutageScenario.fromId(null)).isEqualTo(OutageScenario.TRANSIENT);
        assertThat(OutageScenario.NEVER_RETURNS.returns()).isFalse();
        assertThat(OutageScenario.PARALLEL.parallel()).isTrue();
    }
}
