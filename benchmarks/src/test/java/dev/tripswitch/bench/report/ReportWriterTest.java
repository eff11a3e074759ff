package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.recovery.RecoveryRunner;
import dev.tripswitch.bench.sim.Simulation;
import dev.tripswitch.bench.sim.SimulationTestData;
import dev.tripswitch.bench.sim.StepCosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @Test
    void simulatedRun_everyFileIsWrittenAndTheTitlesSaySimulated(@TempDir Path root) throws Exception {
        BenchmarkReport source = SimulationTestData.realRun();
        OutageRun without = source.outage().get(0);
        OutageRun with = new OutageRun("WITH_CIRCUIT_BREAKER", 1, without.tests(), without.passed(), without.failed(),
                without.skipped(), without.wallMs(), without.doomedMs(), without.outageStartMs(),
                without.outageEndMs(), without.resumeMs(), without.testsAfterReturn(), without.skippedAfterReturn(),
                without.jvmCpuMs(), without.browserCpuMs(), without.browserLaunches(), without.peakBrowserRssMb(),
                without.results(), List.of());
        List<OutageRun> outage = List.of(without, with);
        Summary summary = Summaries.of(source.recovery(), outage);
        BenchmarkReport simulated = new BenchmarkReport("Circuit breaker benchmark — quick (simulated)", true,
                source.createdAt(), null, source.machine(), source.config(), source.recovery(), outage, summary);
        ReportStore store = new ReportStore(root);
        Path dir = store.newRunDirectory(java.time.ZonedDateTime.now());
        List<String> files = ReportWriter.write(store, dir, simulated, true);
        assertThat(files).contains("report.json", "report.md", "recovery-time.png", "success-rate.png",
                "by-failure-type.png", "by-intensity.png", "by-browser.png", "resources.png", "outage.png",
                "dashboard.png", "metrics.prom", "metrics.csv");
        for (String f : files) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        byte[] png = Files.readAllBytes(dir.resolve("dashboard.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md.lines().findFirst().orElseThrow()).contains("simulated");
        assertThat(md).contains("**Simulated**");
        assertThat(Files.readString(dir.resolve("metrics.prom")))
                .contains("tripswitch_benchmark_recovery_with_mean_ms{profile=\"quick\",mode=\"real\"}");
    }

    @Test
    void everyOutageArm_isInTheJsonTheMarkdownAndTheCharts_withTheTargetsAndTheTimeline(@TempDir Path root)
            throws Exception {
        BenchmarkReport source = SimulationTestData.realRun();
        Simulation sim = new Simulation(StepCosts.from(source, "test"), 1, 15_000);
        List<OutageRun> outage = new ArrayList<>();
        List<OutageArm> byDefault = java.util.Arrays.stream(OutageArm.values()).filter(OutageArm::byDefault).toList();
        for (OutageArm arm : OutageArm.order(1, byDefault)) {
            // arms the simulation does not model (replay, WAIT without a health check) render the WAIT arm's run
            OutageRun run = sim.outage(arm.simulated() ? arm : OutageArm.WITH_CIRCUIT_BREAKER_WAIT, 1, 40, 2000, 3000);
            outage.add(arm.simulated() ? run : renamed(run, arm));
        }
        Summary summary = Summaries.of(source.recovery(), outage);
        BenchmarkReport report = new BenchmarkReport("Circuit breaker benchmark — quick (simulated)", true,
                source.createdAt(), null, source.machine(), source.config(), source.recovery(), outage, summary);
        ReportStore store = new ReportStore(root);
        Path dir = store.newRunDirectory(java.time.ZonedDateTime.now());
        List<String> files = ReportWriter.write(store, dir, report, false);

        assertThat(files).contains("outage.png", "timeline.png", "dashboard.png");
        assertThat(Files.readAllBytes(dir.resolve("timeline.png"))).startsWith(0x89, 'P', 'N', 'G');
        String md = Files.readString(dir.resolve("report.md"));
        for (OutageArm arm : byDefault) {
            assertThat(md).contains(arm.label());
        }
        assertThat(md).contains("| tests passed | 40 | 10 |", "### Targets of the WAIT arm",
                "| failures reported | 3 | ≤ 3 |", "### Timeline", "OPEN 2.3, HALF_OPEN 5.3, CLOSED 5.8");
        BenchmarkReport back = store.read(dir);
        assertThat(back.outage()).extracting(OutageRun::arm).containsExactlyInAnyOrder("NO_OUTAGE",
                "WITHOUT_CIRCUIT_BREAKER", "WITH_CIRCUIT_BREAKER", "WITH_CIRCUIT_BREAKER_WAIT",
                "WITH_CIRCUIT_BREAKER_WAIT_EARLY", "WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH", "WITH_CIRCUIT_BREAKER_REPLAY",
                "WITH_CIRCUIT_BREAKER_REPLAY_HEALTH");
        assertThat(back.outage().stream().filter(r -> r.arm().equals("WITH_CIRCUIT_BREAKER_WAIT")).findFirst()
                .orElseThrow().circuitEvents()).hasSize(3);
        assertThat(back.summary().waitTargets()).hasSize(4);
        assertThat(back.summary().metrics()).containsKeys("outage.wait.passed", "outage.no_outage.wall_ms",
                "outage.with.passed", "outage.replay.passed", "outage.replay_health.wall_ms");
        assertThat(back.summary().armTargets()).extracting(Summary.ArmTargets::arm).containsExactly(
                "WITH_CIRCUIT_BREAKER", "WITH_CIRCUIT_BREAKER_WAIT", "WITH_CIRCUIT_BREAKER_WAIT_EARLY",
                "WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH", "WITH_CIRCUIT_BREAKER_REPLAY", "WITH_CIRCUIT_BREAKER_REPLAY_HEALTH");
        assertThat(back.summary().armTargets()).isEqualTo(summary.armTargets());
        assertThat(md).contains("### Targets per arm, scenario `transient`",
                "| with circuit breaker, SKIP + replay | tests passed |", "failed probes (HALF_OPEN → OPEN)");
    }

    private static OutageRun renamed(OutageRun r, OutageArm arm) {
        return new OutageRun(arm.name(), r.repetition(), r.tests(), r.passed(), r.failed(), r.skipped(), r.wallMs(),
                r.doomedMs(), r.outageStartMs(), r.outageEndMs(), r.resumeMs(), r.testsAfterReturn(),
                r.skippedAfterReturn(), r.jvmCpuMs(), r.browserCpuMs(), r.browserLaunches(), r.peakBrowserRssMb(),
                r.results(), r.circuitEvents());
    }

    @Test
    void armOrder_alternatesFromRepetitionToRepetition_andKeepsOnlyTheArmsAskedFor() {
        assertThat(OutageArm.order(1, List.of(OutageArm.values()))).containsExactly(
                OutageArm.WITHOUT_CIRCUIT_BREAKER, OutageArm.WITH_CIRCUIT_BREAKER, OutageArm.WITH_CIRCUIT_BREAKER_WAIT,
                OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY, OutageArm.WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH,
                OutageArm.WITH_CIRCUIT_BREAKER_REPLAY,
                OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, OutageArm.WITH_DEPENDENCY_CIRCUITS, OutageArm.NO_OUTAGE);
        assertThat(OutageArm.order(2, List.of(OutageArm.values()))).containsExactly(OutageArm.NO_OUTAGE,
                OutageArm.WITH_DEPENDENCY_CIRCUITS, OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH, OutageArm.WITH_CIRCUIT_BREAKER_REPLAY,
                OutageArm.WITH_CIRCUIT_BREAKER_WAIT_NO_HEALTH, OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY,
                OutageArm.WITH_CIRCUIT_BREAKER_WAIT, OutageArm.WITH_CIRCUIT_BREAKER, OutageArm.WITHOUT_CIRCUIT_BREAKER);
        assertThat(OutageArm.order(1, List.of(OutageArm.NO_OUTAGE, OutageArm.WITH_CIRCUIT_BREAKER)))
                .containsExactly(OutageArm.WITH_CIRCUIT_BREAKER, OutageArm.NO_OUTAGE);
    }

    @Test
    void caseWhoseSetupFailedInOneArm_isLeftOutOfBothArms() {
        List<RecoverySample> samples = new ArrayList<>(SimulationTestData.realRun().recovery());
        int before = Summaries.of(samples, List.of()).recovery().get("WITH_CIRCUIT_BREAKER").cases();
        RecoverySample first = samples.get(0);
        samples.set(0, new RecoverySample(first.order(), first.browser(), first.failureType(), first.intensity(),
                first.repetition(), first.arm(), false, false, 0, 0, 0, false, false, RecoveryRunner.SETUP_FAILED,
                List.of(), 0, 0, 0, 0, "warm-up failed"));
        Summary s = Summaries.of(samples, List.of());
        // every sample of the fixture has order 0: all of them go
        assertThat(before).isEqualTo(6);
        assertThat(s.recovery()).isEmpty();
    }
}
