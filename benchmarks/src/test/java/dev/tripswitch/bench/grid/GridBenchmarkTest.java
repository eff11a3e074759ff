package dev.tripswitch.bench.grid;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GridBenchmarkTest {

    @Test
    void theWallTimeTarget_comparesTheSumsOfTheRounds_andEachRoundHasItsRatios() {
        List<GridSuite.Result> results = List.of(
                result(GridArm.NO_CIRCUIT_BREAKER, 0, 40, 20, 9_000),
                result(GridArm.CIRCUIT_PER_NODE, 1, 60, 0, 1_300),
                result(GridArm.TWO_HEALTHY_NODES, 1, 60, 0, 1_000),
                result(GridArm.CIRCUIT_PER_NODE_TWO_HEALTHY, 1, 60, 0, 1_100),
                result(GridArm.CIRCUIT_PER_NODE_TWO_HEALTHY, 2, 60, 0, 2_100),
                result(GridArm.TWO_HEALTHY_NODES, 2, 60, 0, 2_000),
                result(GridArm.CIRCUIT_PER_NODE, 2, 60, 0, 2_000));

        List<GridBenchmark.RoundRatios> ratios = GridBenchmark.ratios(results);
        assertThat(ratios).extracting(GridBenchmark.RoundRatios::round).containsExactly(1, 2);
        assertThat(ratios.get(0).perNodeOverBaseline()).isCloseTo(1.3, within(1e-9));
        assertThat(ratios.get(0).perNodeTwoHealthyOverBaseline()).isCloseTo(1.1, within(1e-9));
        assertThat(ratios.get(1).perNodeOverBaseline()).isCloseTo(1.0, within(1e-9));

        List<GridBenchmark.Target> targets = GridBenchmark.targets(results, 60);
        GridBenchmark.Target wall = targets.get(3);
        assertThat(wall.measured()).isEqualTo("3300 ms = 1.100 x"); // (1300 + 2000) / (1000 + 2000)
        assertThat(wall.met()).isTrue();
        assertThat(targets).allMatch(GridBenchmark.Target::met);
    }

    @Test
    void oneRoundThatFailsATest_missesThePassedAndFailureTargets() {
        List<GridSuite.Result> results = List.of(
                result(GridArm.CIRCUIT_PER_NODE, 1, 60, 0, 1_000),
                result(GridArm.TWO_HEALTHY_NODES, 1, 60, 0, 1_000),
                result(GridArm.CIRCUIT_PER_NODE, 2, 56, 4, 1_000),
                result(GridArm.TWO_HEALTHY_NODES, 2, 60, 0, 1_000));

        List<GridBenchmark.Target> targets = GridBenchmark.targets(results, 60);

        assertThat(targets.get(0).measured()).isEqualTo("at most 4 in 2 round(s)");
        assertThat(targets.get(0).met()).isFalse();
        assertThat(targets.get(2).measured()).isEqualTo("at least 56 in 2 round(s)");
        assertThat(targets.get(2).met()).isFalse();
        assertThat(targets.get(3).met()).isTrue();
    }

    @Test
    void theFloor_isTheBaselinePlusThresholdFailedStartsARound_eachWhatTheNoBreakerArmTookBeyondItsSessions() {
        List<GridSuite.Result> results = List.of(
                result(GridArm.NO_CIRCUIT_BREAKER, 0, 4, 2, 14_000), // 4 sessions of 1 s, 2 failed starts of 5 s
                result(GridArm.TWO_HEALTHY_NODES, 1, 6, 0, 5_000),
                result(GridArm.TWO_HEALTHY_NODES, 2, 6, 0, 7_000));

        GridBenchmark.FailedStarts f = GridBenchmark.failedStarts(results, 6);

        assertThat(f.sessionMillis()).isCloseTo(1_000, within(1e-9));
        assertThat(f.failedStartMillis()).isCloseTo(5_000, within(1e-9));
        assertThat(f.floorMillis()).isEqualTo(12_000 + 2 * 3 * 5_000);
        assertThat(f.floorOverBaseline()).isCloseTo(42.0 / 12, within(1e-9));
    }

    @Test
    void noFailedStart_noFloor() {
        assertThat(GridBenchmark.failedStarts(List.of(result(GridArm.NO_CIRCUIT_BREAKER, 0, 6, 0, 6_000),
                result(GridArm.TWO_HEALTHY_NODES, 1, 6, 0, 6_000)), 6)).isNull();
    }

    private static GridSuite.Result result(GridArm arm, int round, int passed, int failed, long wall) {
        return new GridSuite.Result(arm, round, arm.description, passed + failed, passed, failed, 0, wall,
                new TreeMap<>(), List.of(), null, null);
    }
}
