package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportStoreTest {

    @Test
    void previous_isTheNewestOlderRunOfTheSameModeAndProfile(@TempDir Path root) throws Exception {
        ReportStore store = new ReportStore(root);
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 26, 20, 0, 0, 0, ZoneOffset.UTC);
        Path oldQuick = write(store, t, "quick", false);
        write(store, t.plusMinutes(1), "quick", true);          // simulated: not comparable with a real run
        write(store, t.plusMinutes(2), "comprehensive", false); // other profile
        Path current = store.newRunDirectory(t.plusMinutes(3));
        assertThat(store.previous(current, false, "quick")).contains(oldQuick);
        assertThat(store.previous(current, false, "extreme")).isEmpty();
    }

    @Test
    void twoRunsInOneSecond_getTwoDirectories(@TempDir Path root) throws Exception {
        ReportStore store = new ReportStore(root);
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 26, 20, 0, 0, 0, ZoneOffset.UTC);
        assertThat(store.newRunDirectory(t)).isNotEqualTo(store.newRunDirectory(t));
    }

    @Test
    void report_roundTripsThroughJson(@TempDir Path root) throws Exception {
        ReportStore store = new ReportStore(root);
        Path dir = write(store, ZonedDateTime.now(), "quick", false);
        BenchmarkReport back = store.read(dir);
        assertThat(back.config().profile()).isEqualTo("quick");
        assertThat(back.summary().metrics()).containsEntry("recovery.with.mean_ms", 1.0);
    }

    @Test
    void reportOlderThanTheReplayArms_readsAsTheShopSuitesTransientOutage_andItsTargetsComputeAsBefore()
            throws Exception {
        ReportStore store = new ReportStore(Path.of("results"));
        BenchmarkReport old = store.read(Path.of("results", "outage-real-quick-3"));
        assertThat(old.config().outageSetup()).isNull();
        assertThat(old.config().outage()).isEqualTo(OutageSetup.shopTransient());
        assertThat(old.summary().armTargets()).isEmpty();
        assertThat(old.outage()).allSatisfy(r -> assertThat(r.results()).allMatch(t -> t.circuit() == null));
        Summary again = Summaries.of(old.recovery(), old.outage(), old.config());
        assertThat(again.waitTargets()).isEqualTo(old.summary().waitTargets());
        assertThat(again.armTargets()).extracting(Summary.ArmTargets::arm)
                .containsExactly("WITH_CIRCUIT_BREAKER", "WITH_CIRCUIT_BREAKER_WAIT");
    }

    @Test
    void previous_withAnOutageKind_isTheNewestRunOfTheSameSuiteAndScenario(@TempDir Path root) throws Exception {
        ReportStore store = new ReportStore(root);
        ZonedDateTime t = ZonedDateTime.of(2026, 12, 6, 20, 0, 0, 0, ZoneOffset.UTC);
        Path old = write(store, t, "quick", false); // before the field: shop, transient
        Path never = write(store, t.plusMinutes(1), "quick", false, new OutageSetup("shop", "never-returns", "",
                "shop-outage", null, 3, 1000, null, null, 1));
        Path current = store.newRunDirectory(t.plusMinutes(2));
        assertThat(store.previous(current, false, "quick", "shop/transient")).contains(old);
        assertThat(store.previous(current, false, "quick", "shop/never-returns")).contains(never);
        assertThat(store.previous(current, false, "quick", "service/never-returns")).isEmpty();
        assertThat(store.read(never).config().outage().outageScenario()).isEqualTo(OutageScenario.NEVER_RETURNS);
    }

    private static Path write(ReportStore store, ZonedDateTime at, String profile, boolean simulated) throws Exception {
        return write(store, at, profile, simulated, null);
    }

    private static Path write(ReportStore store, ZonedDateTime at, String profile, boolean simulated,
                              OutageSetup setup) throws Exception {
        Path dir = store.newRunDirectory(at);
        RunConfig config = new RunConfig(profile, simulated ? "simulated" : "real", 1, List.of(), List.of(),
                List.of(), List.of(), List.of(), 1, 1000, 1000, 0, 0, 0, 0, "", null, List.of(), setup);
        store.writeJson(dir, new BenchmarkReport("t", simulated, at.toInstant().toString(), null, Map.of(), config,
                List.of(), List.of(), new Summary(Map.of(), Map.of(), Map.of(), Map.of("recovery.with.mean_ms", 1.0),
                List.of(), null, List.of())));
        return dir;
    }
}
