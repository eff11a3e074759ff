package dev.tripswitch.bench.sim;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.recovery.CaseList;
import dev.tripswitch.bench.recovery.RecoveryCase;
import dev.tripswitch.bench.report.BenchmarkReport;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.RecoverySample;
import dev.tripswitch.browser.Browser;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulationTest {

    private static final List<RecoveryCase> CASES = CaseList.build(List.of(Browser.CHROME),
            List.of(FailureType.CRASH, FailureType.API_ERROR), List.of(FailureIntensity.values()), 3, 7);

    @Test
    void sameSeed_sameResult() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        assertThat(new Simulation(costs, 42, 15_000).recovery(CASES))
                .isEqualTo(new Simulation(costs, 42, 15_000).recovery(CASES));
        assertThat(new Simulation(costs, 42, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER, 1, 100, 4000, 8000))
                .isEqualTo(new Simulation(costs, 42, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER, 1, 100, 4000, 8000));
    }

    @Test
    void baselineThatNeverHealed_runsToTheBudgetThenRestarts() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        List<RecoverySample> out = new Simulation(costs, 1, 15_000).recovery(CASES);
        RecoverySample crash = out.stream().filter(s -> s.failureType().equals("CRASH")
                && s.arm().equals(Arm.WITHOUT_CIRCUIT_BREAKER.name())).findFirst().orElseThrow();
        assertThat(crash.recoveredWithinBudget()).isFalse();
        assertThat(crash.recoveryMs()).isEqualTo(15_000);
        assertThat(crash.succeededAt()).isEqualTo("RESTART_AFTER_BUDGET");
        assertThat(crash.elapsedMs()).isGreaterThan(15_000);
    }

    @Test
    void breakerArm_recoversAtTheStepThatWorkedInTheRealRun() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        List<RecoverySample> out = new Simulation(costs, 1, 15_000).recovery(CASES);
        assertThat(out).filteredOn(s -> s.failureType().equals("CRASH") && s.arm().equals("WITH_CIRCUIT_BREAKER"))
                .allSatisfy(s -> {
                    assertThat(s.succeededAt()).isEqualTo("RELOAD");
                    assertThat(s.recoveryMs()).isEqualTo(2000 + 1500);
                });
    }

    @Test
    void outageWithBreaker_failsThreeTimesThenSkipsTheRestBeforeTheProbeIsDue() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        // tests take 500 ms when passing, 100 ms when failing, 10 ms when skipped; down from 2 s to 5 s
        OutageRun with = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER, 1, 40, 2000, 3000);
        OutageRun without = new Simulation(costs, 1, 15_000).outage(OutageArm.WITHOUT_CIRCUIT_BREAKER, 1, 40, 2000, 3000);
        assertThat(without.failed()).isEqualTo(30); // 2.0 s .. 5.0 s at 100 ms each
        assertThat(without.skipped()).isZero();
        assertThat(without.resumeMs()).isEqualTo(500.0);
        // passes until 2.0 s (4 tests), 3 failures open the circuit at 2.3 s, the other 33 are skipped at 10 ms
        // each, so the suite ends at 2.63 s, long before the first probe (4.3 s) and the app's return (5 s)
        assertThat(with.passed()).isEqualTo(4);
        assertThat(with.failed()).isEqualTo(3);
        assertThat(with.skipped()).isEqualTo(33);
        assertThat(with.resumeMs()).isNull();
        assertThat(with.wallMs()).isCloseTo(2630.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void outageWithBreaker_longSuite_probeAfterTheReturnPasses() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        // 1000 tests: skipping takes 10 ms each, so the probe at 4.3 s (app down) fails and waits 4 s; the probe at
        // about 8.3 s passes and the suite goes on
        OutageRun with = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER, 1, 1000, 2000, 3000);
        assertThat(with.failed()).isEqualTo(4);
        assertThat(with.resumeMs()).isBetween(3000.0, 4000.0);
    }

    @Test
    void waitArm_waitsForTheHealthCheck_notForTheProbeDueByTime_thenRunsEveryRemainingTest() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        // passes take 500 ms, failures 100 ms; down from 2 s to 5 s; health check every 1 s
        OutageRun wait = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, 1, 40, 2000,
                3000);
        // 4 passes to 2.0 s; 3 failures open the circuit at 2.3 s; test 8 waits: the checks at 2.3, 3.3 and 4.3 s
        // find the shop down (the probe due by time at 4.3 s does not go: the check says down), the one at 5.3 s
        // finds it back: HALF_OPEN, test 8 passes at 5.8 s and closes the circuit; the 32 others pass
        assertThat(wait.failed()).isEqualTo(3);
        assertThat(wait.skipped()).isZero();
        assertThat(wait.passed()).isEqualTo(37);
        assertThat(wait.resumeMs()).isCloseTo(800.0, within(1e-6));
        assertThat(wait.wallMs()).isCloseTo(5800 + 32 * 500.0, within(1e-6));
        assertThat(wait.results().get(7).startMs()).isCloseTo(2300.0, within(1e-6));
        assertThat(wait.results().get(7).durationMs()).isCloseTo(3500.0, within(1e-6)); // 3 s waiting, 0.5 s running
        assertThat(wait.circuitEvents()).extracting(e -> e.to() + "@" + Math.round(e.atMs()))
                .containsExactly("OPEN@2300", "HALF_OPEN@5300", "CLOSED@5800");
        assertThat(wait.circuitEvents().get(1).reason()).startsWith("health check healthy");
    }

    @Test
    void earlyWarningArm_downAtStart_failsNothing_andTheFirstTestPassesOneTestAfterTheReturn() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        // down before the first test until 3 s; the preflight answer at 0 s opens the circuit; test 1 waits: the
        // checks at 1 and 2 s find the shop down, the one at 3 s finds it back: test 1 probes and passes at 3.5 s
        OutageRun run = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, 1, 40, 0,
                3000, 1000);
        assertThat(run.failed()).isZero();
        assertThat(run.skipped()).isZero();
        assertThat(run.passed()).isEqualTo(40);
        assertThat(run.results().get(0).endMs()).isCloseTo(3500.0, within(1e-6));
        assertThat(run.circuitEvents()).extracting(e -> e.to() + "@" + Math.round(e.atMs()))
                .containsExactly("OPEN@0", "HALF_OPEN@3000", "CLOSED@3500");
        assertThat(run.circuitEvents().get(0).reason()).contains("down before any test ran");
    }

    @Test
    void earlyWarningArm_midRun_opensAtTheSecondUnhealthyAnswer_beforeThreeFailures() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        // health check every 100 ms; passes take 500 ms, failures 100 ms; down from 2 s to 5 s: test 5 starts at
        // 2.0 s (first unhealthy answer) and fails at 2.1 s; test 6 asks again (second answer): OPEN, no failure
        OutageRun early = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, 1, 40,
                2000, 3000, 100);
        OutageRun late = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, 1, 40,
                2000, 3000, 100);
        assertThat(early.failed()).isEqualTo(1);
        assertThat(late.failed()).as("without early warning: failureThreshold failures").isEqualTo(3);
        assertThat(early.circuitEvents().get(0).to()).isEqualTo("OPEN");
        assertThat(early.circuitEvents().get(0).atMs()).isCloseTo(2100.0, within(1e-6));
        assertThat(early.circuitEvents().get(0).reason()).contains("unhealthy twice in a row");
        assertThat(early.passed()).isEqualTo(39);
    }

    @Test
    void waitArm_onceTheBudgetOfTheOpeningIsSpent_skipsTheRestWithTheWaitingReason() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        // down from 2 s for 10 minutes: the waits (2, 4, 8, ... up to 60 s) exceed the 2-minute budget
        OutageRun wait = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, 1, 200, 2000,
                600_000);
        List<OutageRun.TestResult> skipped = wait.results().stream().filter(t -> t.outcome().equals("SKIPPED")).toList();
        assertThat(skipped).isNotEmpty();
        assertThat(skipped.get(0).reason()).contains("waited").contains("budget spent");
        assertThat(wait.passed()).isEqualTo(4);
        assertThat(wait.wallMs()).isLessThan(2000 + 130_000.0); // the waiting stopped at the budget
    }

    @Test
    void noOutageArm_passesEveryTestAndTheCircuitNeverMoves() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        OutageRun ref = new Simulation(costs, 1, 15_000).outage(OutageArm.NO_OUTAGE, 1, 40, 2000, 3000);
        assertThat(ref.passed()).isEqualTo(40);
        assertThat(ref.wallMs()).isCloseTo(20_000.0, within(1e-6));
        assertThat(ref.outageStartMs()).isNaN();
        assertThat(ref.outageEndMs()).isNaN();
        assertThat(ref.circuitEvents()).isEmpty();
    }

    @Test
    void skipArm_recordsTheCircuitsTransitions() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        OutageRun with = new Simulation(costs, 1, 15_000).outage(OutageArm.WITH_CIRCUIT_BREAKER, 1, 1000, 2000, 3000);
        assertThat(with.circuitEvents()).extracting(OutageRun.CircuitEvent::to)
                .containsExactly("OPEN", "HALF_OPEN", "OPEN", "HALF_OPEN", "CLOSED");
    }

    static BenchmarkReport realRun() {
        return SimulationTestData.realRun();
    }
}
