package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageAnalysis;
import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.tripswitch.bench.report.WaitTargetsTest.tests;
import static org.assertj.core.api.Assertions.assertThat;

class ScenarioTargetsTest {

    private static final String SHOP = "shop-outage";
    private static final String NEIGHBOUR = "shop-neighbour";

    static OutageSetup setup(OutageScenario scenario, int threads) {
        return new OutageSetup("shop", scenario.id(), "test", SHOP, scenario.parallel() ? NEIGHBOUR : null, 3, 1000,
                null, null, threads);
    }

    static OutageRun run(OutageArm arm, int repetition, double down, double up, List<OutageRun.CircuitEvent> events,
                         List<List<OutageRun.TestResult>> parts) {
        List<OutageRun.TestResult> all = new ArrayList<>();
        parts.forEach(all::addAll);
        double wall = all.stream().mapToDouble(OutageRun.TestResult::endMs).max().orElse(0);
        return OutageAnalysis.analyse(arm.name(), repetition, all, wall, down, up, 0, 0, 1, 0, events);
    }

    static OutageRun.CircuitEvent event(double at, String from, String to) {
        return new OutageRun.CircuitEvent(at, from, to, "test");
    }

    /** {@code n} tests of one outcome and circuit on one thread, one after another from {@code start}. */
    static List<OutageRun.TestResult> on(String circuit, String outcome, int n, double start, double each) {
        return tests(outcome, n, start, each).stream().map(t -> new OutageRun.TestResult(t.index(), t.outcome(),
                t.startMs(), t.durationMs(), null, circuit)).toList();
    }

    // ------------------------------------------------------------------ transient

    static OutageRun reference() { // 100 passes of 400 ms: wall 40 s, one test 400 ms
        return run(OutageArm.NO_OUTAGE, 1, Double.NaN, Double.NaN, List.of(), List.of(tests("PASSED", 100, 0, 400)));
    }

    static OutageRun without() { // down 4 s → 34 s: 10 passed, 75 failed of 400 ms, 15 passed
        return run(OutageArm.WITHOUT_CIRCUIT_BREAKER, 1, 4000, 34_000, List.of(), List.of(tests("PASSED", 10, 0, 400),
                tests("FAILED", 75, 4000, 400), tests("PASSED", 15, 34_000, 400)));
    }

    /** 10 passes, 3 failures, the rest deferred and replayed from {@code replayAt}, every one passing. */
    static OutageRun replayed(OutageArm arm, int repetition, double replayAt, List<OutageRun.CircuitEvent> events) {
        return run(arm, repetition, 4000, 34_000, events, List.of(tests("PASSED", 10, 0, 400),
                tests("FAILED", 3, 4000, 400), tests("PASSED", 87, replayAt, 400)));
    }

    @Test
    void earlyWarning_downAtStart_wantsNoFailure_andTheFirstPassWithinAnIntervalAndATestOfTheReturn() {
        // down from 0 to 30 s: held from the first test, the first passes 0.9 s after the return (1 s + the
        // no-outage run's start to its first test's end, 0.4 s, allowed)
        OutageRun held = run(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, 1, 0, 30_000, List.of(),
                List.of(tests("PASSED", 100, 30_500, 400)));
        OutageRun failedOnce = run(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, 1, 0, 30_000, List.of(),
                List.of(tests("FAILED", 1, 0, 400), tests("PASSED", 99, 31_600, 400)));
        assertThat(earlyTargets(held, OutageScenario.DOWN_AT_START)).containsExactly(
                "failures reported (early warning) 0.0 ≤ 0.0 true", "first test passed after the return 900.0 ≤ 1400.0 true");
        assertThat(earlyTargets(failedOnce, OutageScenario.DOWN_AT_START)).containsExactly(
                "failures reported (early warning) 1.0 ≤ 0.0 false",
                "first test passed after the return 2000.0 ≤ 1400.0 false");
    }

    @Test
    void earlyWarning_midRun_boundsTheFailuresByWhatTheCheckCannotHaveStopped() {
        // down at 4 s, interval 1 s: in flight at 4 s (3.8 → 4.2 s) 1, started by 5 s (4.2 s) 1, + (2 - 1): bound 3
        OutageRun two = run(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, 1, 4000, 34_000, List.of(),
                List.of(tests("PASSED", 9, 200, 400), tests("FAILED", 2, 3800, 400), tests("PASSED", 89, 34_000, 400)));
        // slow failures of 1.2 s from 3.8 s: starts 3.8, 5.0, 6.2, 7.4 s; the last two started unasked-for long after
        OutageRun four = run(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, 1, 4000, 34_000, List.of(),
                List.of(tests("PASSED", 9, 200, 400), tests("FAILED", 4, 3800, 1200), tests("PASSED", 87, 34_000, 400)));
        assertThat(earlyTargets(two, OutageScenario.TRANSIENT)).containsExactly(
                "failures reported (early warning) 2.0 ≤ 3.0 true",
                "failures reported below failureThreshold 2.0 ≤ 2.0 true");
        assertThat(earlyTargets(four, OutageScenario.TRANSIENT)).containsExactly(
                "failures reported (early warning) 4.0 ≤ 3.0 false",
                "failures reported below failureThreshold 4.0 ≤ 2.0 false");
    }

    private static List<String> earlyTargets(OutageRun run, OutageScenario scenario) {
        return ScenarioTargets.of(List.of(run, reference()), setup(scenario, 1), 4000, 30_000).stream()
                .filter(a -> a.arm().equals(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY.name()))
                .flatMap(a -> a.targets().stream()).filter(t -> t.name().startsWith("failures reported (")
                        || t.name().startsWith("failures reported below") || t.name().startsWith("first test"))
                .map(t -> t.name() + " " + t.value() + " ≤ " + t.limit() + " " + t.met()).toList();
    }

    @Test
    void transientOutage_eachArmWithTheCircuitBreaker_getsCoverageFailuresAndWall() {
        OutageRun skip = run(OutageArm.WITH_CIRCUIT_BREAKER, 1, 4000, Double.NaN, List.of(),
                List.of(tests("PASSED", 10, 0, 400), tests("FAILED", 3, 4000, 400), tests("SKIPPED", 87, 5200, 1)));
        OutageRun replay = replayed(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY, 1, 34_500,
                List.of(event(5200, "CLOSED", "OPEN"), event(34_500, "OPEN", "HALF_OPEN"),
                        event(34_900, "HALF_OPEN", "CLOSED")));
        List<Summary.ArmTargets> all = ScenarioTargets.of(List.of(reference(), without(), skip, replay),
                setup(OutageScenario.TRANSIENT, 1), 4000, 30_000);

        assertThat(all).extracting(Summary.ArmTargets::arm)
                .containsExactly("WITH_CIRCUIT_BREAKER", "WITH_CIRCUIT_BREAKER_REPLAY");
        Summary.ArmTargets skipTargets = all.get(0);
        assertThat(skipTargets.targets()).extracting(Summary.Target::name)
                .containsExactly("tests passed", "failures reported", "wall time");
        assertThat(skipTargets.targets().get(0).value()).isEqualTo(10.0);
        assertThat(skipTargets.targets().get(0).limit()).isEqualTo(25.0);
        assertThat(skipTargets.targets().get(0).met()).isFalse();

        Summary.ArmTargets replayTargets = all.get(1);
        assertThat(replayTargets.allMet()).isTrue();
        assertThat(replayTargets.targets().get(0).value()).isEqualTo(97.0);
        assertThat(replayTargets.targets().get(1).value()).isEqualTo(3.0);
        assertThat(replayTargets.targets().get(1).limit()).isEqualTo(3.0);
        Summary.Target wall = replayTargets.targets().get(2);
        assertThat(wall.value()).isEqualTo(34_500 + 87 * 400.0);
        // the outage measured by the runs that saw it go and come back (without, replay): 30 s
        assertThat(wall.limit()).isEqualTo(40_000 + 30_000 + 1000 + 400.0);
        assertThat(wall.limitFrom()).contains("no-outage wall 40.00 s", "outage 30.00 s", "health interval 1.00 s",
                "one test 0.40 s");
    }

    @Test
    void transientOutage_targetsAreMediansOverTheRuns() {
        OutageRun late = replayed(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, 1, 60_000, List.of());
        OutageRun early = replayed(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, 2, 34_500, List.of());
        OutageRun earlier = replayed(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, 3, 34_200, List.of());
        Summary.Target wall = ScenarioTargets.of(List.of(reference(), without(), late, early, earlier),
                setup(OutageScenario.TRANSIENT, 1), 4000, 30_000).get(0).targets().get(2);
        assertThat(wall.value()).isEqualTo(34_500 + 87 * 400.0);
        assertThat(wall.met()).isTrue();
    }

    @Test
    void aTargetWhoseOtherArmIsMissing_isLeftOut_andArmsNotRunGetNone() {
        OutageRun replay = replayed(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY, 1, 34_500, List.of());
        List<Summary.ArmTargets> alone = ScenarioTargets.of(List.of(replay), setup(OutageScenario.TRANSIENT, 1), 4000,
                30_000);
        assertThat(alone).hasSize(1);
        assertThat(alone.get(0).targets()).extracting(Summary.Target::name).containsExactly("failures reported");
        assertThat(ScenarioTargets.of(List.of(reference(), without()), setup(OutageScenario.TRANSIENT, 1), 4000,
                30_000)).isEmpty();
    }

    // ------------------------------------------------------------------ never returns

    @Test
    void neverReturns_wallAgainstTheArmWithoutTheCircuitBreaker_failuresAllowTheFailedProbes() {
        OutageRun neverWithout = run(OutageArm.WITHOUT_CIRCUIT_BREAKER, 1, 4000, Double.NaN, List.of(),
                List.of(tests("PASSED", 10, 0, 400), tests("FAILED", 90, 4000, 400))); // wall 40 s
        // replay: 3 failures open the circuit, then 4 probes fail within the budget; 83 tests end skipped at 125 s
        List<OutageRun.CircuitEvent> events = new ArrayList<>(List.of(event(5200, "CLOSED", "OPEN")));
        for (int i = 0; i < 4; i++) {
            events.add(event(7200 + i * 20_000, "OPEN", "HALF_OPEN"));
            events.add(event(7600 + i * 20_000, "HALF_OPEN", "OPEN"));
        }
        OutageRun replay = run(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY, 1, 4000, Double.NaN, events,
                List.of(tests("PASSED", 10, 0, 400), tests("FAILED", 3, 4000, 400), tests("FAILED", 4, 7200, 400),
                        tests("SKIPPED", 83, 125_000, 0)));
        OutageRun skip = run(OutageArm.WITH_CIRCUIT_BREAKER, 1, 4000, Double.NaN,
                List.of(event(5200, "CLOSED", "OPEN")), List.of(tests("PASSED", 10, 0, 400),
                        tests("FAILED", 3, 4000, 400), tests("SKIPPED", 87, 5200, 1)));
        assertThat(replay.failedProbes()).isEqualTo(4);

        List<Summary.ArmTargets> all = ScenarioTargets.of(List.of(neverWithout, skip, replay),
                setup(OutageScenario.NEVER_RETURNS, 1), 4000, 30_000);
        assertThat(all).extracting(Summary.ArmTargets::scenario).containsOnly("never-returns");
        Summary.ArmTargets skipTargets = all.get(0);
        assertThat(skipTargets.targets()).extracting(Summary.Target::name)
                .containsExactly("wall time", "failures reported");
        assertThat(skipTargets.allMet()).isTrue();
        Summary.ArmTargets replayTargets = all.get(1);
        Summary.Target wall = replayTargets.targets().get(0);
        assertThat(wall.value()).isEqualTo(125_000.0);
        assertThat(wall.limit()).isEqualTo(40_000.0);
        assertThat(wall.met()).isFalse();
        Summary.Target failures = replayTargets.targets().get(1);
        assertThat(failures.value()).isEqualTo(7.0);
        assertThat(failures.limit()).isEqualTo(3 + 4.0);
        assertThat(failures.limitFrom()).isEqualTo("failureThreshold 3 + failed probes 4");
        assertThat(failures.met()).isTrue();
    }

    // ------------------------------------------------------------------ parallel

    /** Two threads: the first runs the shop's tests, the second the neighbour's, 40 of 500 ms each. */
    static OutageRun parallelReference() {
        return run(OutageArm.NO_OUTAGE, 1, Double.NaN, Double.NaN, List.of(),
                List.of(on(SHOP, "PASSED", 40, 0, 500), on(NEIGHBOUR, "PASSED", 40, 0, 500)));
    }

    @Test
    void parallel_healthyDependencyTestsThatKeepRunning_meetTheTargets_heldOnesDoNot() {
        // the shop goes down at 5 s for 10 s; the circuit opens at 6.5 s (3 failures of 500 ms on the first thread)
        List<OutageRun.CircuitEvent> events = List.of(event(6500, "CLOSED", "OPEN"), event(15_000, "OPEN", "HALF_OPEN"),
                event(15_500, "HALF_OPEN", "CLOSED"));
        // replay: the neighbour's tests go on at full speed on both threads from 6.5 s, done by 15 s
        OutageRun replay = run(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, 1, 5000, 15_000, events, List.of(
                on(SHOP, "PASSED", 10, 0, 500), on(SHOP, "FAILED", 3, 5000, 500), on(SHOP, "PASSED", 27, 15_000, 500),
                on(NEIGHBOUR, "PASSED", 13, 0, 500), on(NEIGHBOUR, "PASSED", 27, 6500, 300)));
        // WAIT: both threads wait from 6.5 s to 15 s; the neighbour's tests stop meanwhile
        OutageRun waiting = run(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, 1, 5000, 15_000, events, List.of(
                on(SHOP, "PASSED", 10, 0, 500), on(SHOP, "FAILED", 3, 5000, 500), on(SHOP, "PASSED", 27, 15_000, 500),
                on(NEIGHBOUR, "PASSED", 13, 0, 500), on(NEIGHBOUR, "PASSED", 27, 15_000, 500)));
        // OPEN from 6.5 s to 15 s: the neighbour's test that ends at 6.5 s, and replay's 27 after it
        assertThat(HealthyNeighbour.finishedWhileOpen(replay, SHOP)).isEqualTo(28);
        assertThat(HealthyNeighbour.finishedWhileOpen(waiting, SHOP)).isEqualTo(1);

        List<Summary.ArmTargets> all = ScenarioTargets.of(List.of(parallelReference(), replay, waiting),
                setup(OutageScenario.PARALLEL, 2), 5000, 10_000);
        Summary.ArmTargets waitTargets = all.get(0);
        Summary.ArmTargets replayTargets = all.get(1);
        assertThat(replayTargets.targets()).extracting(Summary.Target::name).containsExactly("failures reported",
                "wall time", "healthy-dependency tests finished during the outage",
                "last healthy-dependency test ended");
        // failures: the threshold plus one test in flight on the other thread
        assertThat(replayTargets.targets().get(0).limit()).isEqualTo(4.0);
        assertThat(replayTargets.targets().get(0).limitFrom()).contains("tests in flight on the other threads 1");
        // during the outage (5 s to 15 s): the reference finished 21 (at 5 s, 5.5 s … 15 s), replay 4 + 27, WAIT 4
        Summary.Target during = replayTargets.targets().get(2);
        assertThat(during.limit()).isEqualTo(21.0);
        assertThat(during.value()).isEqualTo(31.0);
        assertThat(during.met()).isTrue();
        assertThat(waitTargets.targets().get(2).value()).isEqualTo(4.0);
        assertThat(waitTargets.targets().get(2).met()).isFalse();
        // the last one: reference 20 s + the failed tests' 1.5 s over 2 threads + one test 0.5 s = 21.25 s
        Summary.Target last = replayTargets.targets().get(3);
        assertThat(last.value()).isEqualTo(6500 + 27 * 300.0);
        assertThat(last.limit()).isEqualTo(20_000 + 750 + 500.0);
        assertThat(last.met()).isTrue();
        assertThat(waitTargets.targets().get(3).value()).isEqualTo(15_000 + 27 * 500.0);
        assertThat(waitTargets.targets().get(3).met()).isFalse();
    }

    @Test
    void parallel_whenEveryHealthyTestLeftFinishesDuringTheOutage_thatIsEnough_evenIfFewerThanTheReferenceStretch() {
        // the neighbour's 40 tests: 35 done (fast) before the shop goes down at 5 s, the last 5 during the outage
        OutageRun quick = run(OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, 1, 5000, 15_000,
                List.of(event(6500, "CLOSED", "OPEN")), List.of(on(SHOP, "PASSED", 10, 0, 500),
                        on(SHOP, "FAILED", 3, 5000, 500), on(NEIGHBOUR, "PASSED", 35, 0, 140),
                        on(NEIGHBOUR, "PASSED", 5, 6500, 300)));
        Summary.Target during = ScenarioTargets.of(List.of(parallelReference(), quick), setup(OutageScenario.PARALLEL, 2),
                5000, 10_000).get(0).targets().get(2);
        assertThat(during.value()).isEqualTo(5.0);
        assertThat(during.limit()).isEqualTo(5.0);
        assertThat(during.limitFrom()).contains("(21)", "(5)");
        assertThat(during.met()).isTrue();
    }

    @Test
    void healthyNeighbour_testsWithoutACircuit_belongToTheSuitesOneCircuit() {
        OutageRun old = run(OutageArm.WITH_CIRCUIT_BREAKER, 1, 4000, Double.NaN, List.of(event(1, "CLOSED", "OPEN")),
                List.of(tests("PASSED", 10, 0, 400)));
        assertThat(HealthyNeighbour.present(old, SHOP)).isFalse();
        assertThat(HealthyNeighbour.finishedWhileOpen(old, SHOP)).isZero();
        assertThat(HealthyNeighbour.lastEndMs(old, SHOP)).isNaN();
    }
}
