package dev.tripswitch.testng;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.FakeShop;
import dev.tripswitch.MutableClock;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.history.RunHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The run history as TestNG writes it: fixture suites run by a real TestNG on the controllable clock, then the
 * history folder is read back. The record must be what happened: each test's fate, when it asked and how long it
 * took, the episode with its causes and probe, deferrals and their replays, the counts.
 */
class RunHistoryTest extends WithTestRegistry {

    static MutableClock now;
    static final AtomicBoolean shopUp = new AtomicBoolean();

    @TempDir
    Path history;

    private final ExecutorService testng = Executors.newSingleThreadExecutor();

    private final java.util.Properties before = (java.util.Properties) System.getProperties().clone();

    @BeforeEach
    void historyInATempFolder() {
        now = clock;
        shopUp.set(false);
        System.setProperty("tripswitch.history", history.toString());
        System.setProperty("tripswitch.history.report", "true");
        System.setProperty("tripswitch.run.id", "testng-history-scenario");
    }

    @AfterEach
    void restore() {
        for (String key : List.of("tripswitch.history", "tripswitch.history.report", "tripswitch.run.id")) {
            if (before.getProperty(key) == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before.getProperty(key)); // what the build set
            }
        }
        testng.shutdownNow();
    }

    @Test
    void anOutageAndItsRecovery_areRecordedExactly() throws Exception {
        FixtureRun run = FixtureRun.of(ShopOutage.class, Maintenance.class, ShopBack.class);
        assertThat(run.passed()).isEqualTo(4);
        assertThat(run.failed()).isEqualTo(3);
        assertThat(run.skipped()).isEqualTo(2);

        PartFile part = onlyRun().parts().get(0);
        assertThat(part.jvm().frameworks()).containsExactly("testng");
        assertThat(part.tests()).extracting(PartFile.Test::name, PartFile.Test::fate, PartFile.Test::at,
                PartFile.Test::ms, PartFile.Test::probe).containsExactly(
                tuple("ShopOutage.a_home", "PASSED", 0L, 1000L, false),
                tuple("ShopOutage.b_cart", "FAILED_COUNTED", 1000L, 3000L, false),
                tuple("ShopOutage.c_search", "FAILED_NOT_COUNTED", 4000L, 2000L, false),
                tuple("ShopOutage.d_checkout", "FAILED_COUNTED", 6000L, 4000L, false),
                tuple("ShopOutage.e_orders", "SKIPPED", 10_000L, 0L, false),
                tuple("ShopOutage.f_account", "SKIPPED", 10_000L, 0L, false),
                tuple("ShopBack.a_probe", "PASSED", 20_000L, 1000L, true),
                tuple("ShopBack.b_wishlist", "PASSED", 21_000L, 500L, false));
        assertThat(part.tests().get(4).reason()).isEqualTo("circuit 'testng-history-shop' is OPEN since"
                + " 2026-01-01T00:00:10Z after 2 consecutive failures; last failure: java.io.IOException: Read timed"
                + " out; next probe at 2026-01-01T00:00:20Z");
        PartFile.Circuit shop = part.circuits().get(0);
        assertThat(shop.counts()).isEqualTo(new PartFile.Counts(8, 6, 3, 2, 1, 0, 2, 0, 0, 0, 0, 1, 7000, 1, 11_000));
        PartFile.Episode episode = shop.episodes().get(0);
        assertThat(episode.openedAt()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(episode.openedBy()).extracting(PartFile.Failure::describe).containsExactly(
                "java.io.IOException: Connection refused: shop:8080", "java.io.IOException: Read timed out");
        assertThat(episode.probes()).containsExactly(new PartFile.Probe("2026-01-01T00:00:20Z", "ShopBack.a_probe",
                "PASSED"));
        assertThat(episode.closedAt()).isEqualTo("2026-01-01T00:00:21Z");
        assertThat(episode.blip()).isTrue();
        assertThat(run.summary).last().isEqualTo("Tripswitch: run report: "
                + history.resolve("reports/testng-history-scenario.html"));
        assertThat(history.resolve("reports/testng-history-scenario.html")).exists();
    }

    @Test
    void deferredTests_areRecordedDeferred_thenReplayedInTheReplayCopy() throws Exception {
        Future<FixtureRun> running = testng.submit(() -> FixtureRun.replaying(ReplayOutage.class));
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the suite waits for the circuit of its deferred tests");
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));
        FixtureRun run = running.get(FakeShop.CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "t2_cart SUCCESS", "t3_pay SUCCESS");

        PartFile part = onlyRun().parts().get(0);
        assertThat(part.tests()).extracting(PartFile.Test::name, PartFile.Test::fate, PartFile.Test::at,
                PartFile.Test::probe, PartFile.Test::replayed).containsExactly(
                tuple("ReplayOutage.t1_shopDown", "FAILED_COUNTED", 0L, false, false),
                tuple("ReplayOutage.t2_cart", "DEFERRED", 0L, false, false),
                tuple("ReplayOutage.t3_pay", "DEFERRED", 0L, false, false),
                tuple("ReplayOutage.t2_cart", "PASSED", 10_000L, true, true),
                tuple("ReplayOutage.t3_pay", "PASSED", 10_000L, false, true));
        PartFile.Counts c = part.circuits().get(0).counts();
        assertThat(c.deferred()).isEqualTo(2);
        assertThat(c.replayed()).isEqualTo(2);
        assertThat(c.skipped()).isZero();
        assertThat(c.openings()).isEqualTo(1);
    }

    private HistoryRun onlyRun() throws IOException {
        RunHistory h = new RunHistory(new FolderHistory(history));
        List<HistoryRun> runs = h.runs(id -> true, true);
        assertThat(h.warnings()).isEmpty();
        assertThat(runs).singleElement().extracting(HistoryRun::runId).isEqualTo("testng-history-scenario");
        assertThat(runs.get(0).parts()).hasSize(1);
        assertThat(Files.exists(history.resolve("runs"))).isTrue();
        return runs.get(0);
    }

    // ------------------------------------------------------------------ fixtures

    @CircuitProtected(value = "testng-history-shop", failureThreshold = 2, halfOpenAfter = "10s")
    public static class ShopOutage {
        @org.testng.annotations.Test(priority = 1) public void a_home() { now.advance(Duration.ofSeconds(1)); }
        @org.testng.annotations.Test(priority = 2) public void b_cart() throws IOException {
            now.advance(Duration.ofSeconds(3));
            throw new IOException("Connection refused: shop:8080");
        }
        @org.testng.annotations.Test(priority = 3) public void c_search() {
            now.advance(Duration.ofSeconds(2));
            throw new AssertionError("expected 3 results but was 0");
        }
        @org.testng.annotations.Test(priority = 4) public void d_checkout() throws IOException {
            now.advance(Duration.ofSeconds(4));
            throw new IOException("Read timed out");
        }
        @org.testng.annotations.Test(priority = 5) public void e_orders() { }
        @org.testng.annotations.Test(priority = 6) public void f_account() { }
    }

    public static class Maintenance {
        @org.testng.annotations.Test public void shopComesBack() { now.advance(Duration.ofSeconds(10)); }
    }

    @CircuitProtected(value = "testng-history-shop", failureThreshold = 2, halfOpenAfter = "10s")
    public static class ShopBack {
        @org.testng.annotations.Test(priority = 1) public void a_probe() { now.advance(Duration.ofSeconds(1)); }
        @org.testng.annotations.Test(priority = 2) public void b_wishlist() { now.advance(Duration.ofMillis(500)); }
    }

    @CircuitProtected(value = "testng-history-replay", failureThreshold = 1, halfOpenAfter = "10s",
            whenOpen = WhenOpen.REPLAY)
    public static class ReplayOutage {
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { callShop(); }
        @org.testng.annotations.Test(priority = 2) public void t2_cart() { callShop(); }
        @org.testng.annotations.Test(priority = 3) public void t3_pay() { callShop(); }
    }

    static void callShop() {
        if (!shopUp.get()) {
            throw new IllegalStateException("shop down");
        }
    }
}
