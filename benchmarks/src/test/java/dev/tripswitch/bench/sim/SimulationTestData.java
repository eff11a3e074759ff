package dev.tripswitch.bench.sim;

import dev.tripswitch.bench.report.BenchmarkReport;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.RecoverySample;
import dev.tripswitch.bench.report.RunConfig;
import dev.tripswitch.bench.report.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tiny hand-made "real run" for the simulation and report tests. */
public final class SimulationTestData {

    private SimulationTestData() {
    }

    /** A tiny "real run": a crash needs a reload, the baseline never heals it; an API error heals at 3 s. */
    public static BenchmarkReport realRun() {
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
        OutageRun o = new OutageRun("WITHOUT_CIRCUIT_BREAKER", 1, 3, 1, 1, 1, 610, 110, 0, 0, null, 0, 0, 0, 0, 1, 0, tests,
                List.of());
        RunConfig config = new RunConfig("quick", "real", 1, List.of(), List.of(), List.of(), List.of(), List.of(), 1,
                15_000, 5_000, 3, 1, 0, 0, "", null, List.of(), null);
        return new BenchmarkReport("t", false, "2026-11-26T00:00:00Z", null, Map.of(), config, r, List.of(o),
                new Summary(Map.of(), Map.of(), Map.of(), Map.of(), List.of(), null, List.of()));
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
