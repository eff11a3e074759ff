package dev.tripswitch.bench.sim;

import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.recovery.CaseList;
import dev.tripswitch.bench.recovery.RecoveryCase;
import dev.tripswitch.bench.report.BenchmarkReport;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.RecoverySample;
import dev.tripswitch.bench.report.RunConfig;
import dev.tripswitch.bench.report.Summary;
import dev.tripswitch.browser.Browser;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationTest {

    private static final List<RecoveryCase> CASES = CaseList.build(List.of(Browser.CHROME),
            List.of(FailureType.CRASH, FailureType.API_ERROR), List.of(FailureIntensity.values()), 3, 7);

    @Test
    void sameSeed_sameResult() {
        StepCosts costs = StepCosts.from(realRun(), "test");
        assertThat(new Simulation(costs, 42, 15_000).recovery(CASES))
                .isEqualTo(new Simulation(costs, 42, 15_000).recovery(CASES));
        assertThat(new Simulation(costs, 42, 15_000).outage(Arm.WITH_CIRCUIT_BREAKER, 1, 100, 4000, 8000))
                .isEqualTo(new Simulation(costs, 42, 15_000).outage(Arm.WITH_CIRCUIT_BREAKER, 1, 100, 4000, 8000));
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
        OutageRun with = new Simulation(costs, 1, 15_000).outage(Arm.WITH_CIRCUIT_BREAKER, 1, 40, 2000, 3000);
        OutageRun without = new Simulation(costs, 1, 15_000).outage(Arm.WITHOUT_CIRCUIT_BREAKER, 1, 40, 2000, 3000);
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
        OutageRun with = new Simulation(costs, 1, 15_000).outage(Arm.WITH_CIRCUIT_BREAKER, 1, 1000, 2000, 3000);
        assertThat(with.failed()).isEqualTo(4);
        assertThat(with.resumeMs()).isBetween(3000.0, 4000.0);
    }

    /** A tiny "real run": a crash needs a reload, the baseline never heals it; an API error heals at 3 s. */
    static BenchmarkReport realRun() {
        List<RecoverySample> r = new ArrayList<>();
        for (String intensity : List.of("MILD", "MODERATE", "SEVERE")) {
            r.add(sample("CRASH", intensity, "WITH_CIRCUIT_BREAKER", "RELOAD", 3500, true,
                    List.of(step("ATTEMPT", false, 2000), step("RELOAD", true, 1500))));
            r.add(sample("CRASH", intensity, "WITHOUT_CIRCUIT_BREAKER", "RESTART_AFTER_BUDGET", 18_000, false,
                    List.of(step("ATTEMPT", false, 2000), step("RETRY", false, 100), step("RESTART", true, 3000))));
            r.add(sample("API_ERROR", intensity, "WITH_CIRCUIT_BREAKER", "RETRY", 900, true,
                    List.of(step("ATTEMPT", false, 400), step("RETRY", true, 500))));
            r.add(sample("API_ERROR", intensity, "WITHOUT_CIRCUIT_BREAKER", "RETRY_LOOP", 3500, true,
                    List.of(step("ATTEMPT", false, 400), step("RETRY", false, 400), step("RETRY", true, 500))));
        }
        List<OutageRun.TestResult> tests = List.of(new OutageRun.TestResult(1, "PASSED", 0, 500, null),
                new OutageRun.TestResult(2, "FAILED", 500, 100, "x"), new OutageRun.TestResult(3, "SKIPPED", 600, 10, "y"));
        OutageRun o = new OutageRun("WITHOUT_CIRCUIT_BREAKER", 1, 3, 1, 1, 1, 610, 110, 0, 0, null, 0, 0, 0, 0, 1, 0, tests);
        RunConfig config = new RunConfig("quick", "real", 1, List.of(), List.of(), List.of(), List.of(), List.of(), 1,
                15_000, 5_000, 3, 1, 0, 0, "", null);
        return new BenchmarkReport("t", false, "2026-11-26T00:00:00Z", null, Map.of(), config, r, List.of(o),
                new Summary(Map.of(), Map.of(), Map.of(), Map.of(), null));
    }

    private static RecoverySample.Step step(String name, boolean ok, double ms) {
        return new RecoverySample.Step(name, ok, ms, ok ? null : "f");
    }

    private static RecoverySample sample(String type, String intensity, String arm, String how, double elapsed,
                                         boolean ok, List<RecoverySample.Step> steps) {
        return new RecoverySample(0, "chrome", type, intensity, 1, arm, true, true, 0, ok ? elapsed : 15_000, elapsed,
                ok, true, how, steps, 100, 200, 0, 300, null);
    }
}
