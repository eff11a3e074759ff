package dev.tripswitch.bench.report;

import dev.tripswitch.bench.recovery.RecoveryRunner;
import dev.tripswitch.bench.sim.SimulationTestData;
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
