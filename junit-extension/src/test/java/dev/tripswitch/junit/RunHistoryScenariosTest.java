package dev.tripswitch.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.FakeShop;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.history.RunHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The run history as JUnit 5 writes it: fixture suites run through EngineTestKit on the controllable clock, then the
 * history folder is read back. The record must be what happened, to the millisecond: each test's fate, when it asked
 * and how long it took, the circuit's episode with the failures that opened it and its probe, the counts.
 */
class RunHistoryScenariosTest extends Fixtures {

    static final AtomicBoolean shopUp = new AtomicBoolean();

    @TempDir
    Path history;

    private final ExecutorService engine = Executors.newSingleThreadExecutor();

    private final java.util.Properties before = (java.util.Properties) System.getProperties().clone();

    @BeforeEach
    void historyInATempFolder() {
        System.setProperty("tripswitch.history", history.toString());
        System.setProperty("tripswitch.history.report", "true");
        System.setProperty("tripswitch.run.id", "junit-history-scenario");
        shopUp.set(false);
        FakeShop.reset();
    }

    @AfterEach
    void restore() {
        for (String key : List.of("tripswitch.history", "tripswitch.history.report", "tripswitch.run.id",
                "tripswitch.history.keep")) {
            restore(key);
        }
        engine.shutdownNow();
    }

    /** Puts back what the build set (or nothing). */
    private void restore(String key) {
        if (before.getProperty(key) == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, before.getProperty(key));
        }
    }

    @Test
    void anOutageAndItsRecovery_areRecordedExactly() throws Exception {
        List<String> printed = printedBy(() -> run(Map.of(), ShopOutage.class, Maintenance.class, ShopBack.class)
                .testEvents().assertStatistics(s -> s.started(7).succeeded(4).failed(3).skipped(2)));

        HistoryRun run = onlyRun();
        assertThat(run.runId()).isEqualTo("junit-history-scenario");
        PartFile part = run.parts().get(0);
        assertThat(part.startedAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(part.endedAt()).isEqualTo("2026-01-01T00:00:21.500Z");
        assertThat(part.jvm().frameworks()).containsExactly("junit5");
        assertThat(part.tests()).extracting(PartFile.Test::name, PartFile.Test::fate, PartFile.Test::at,
                PartFile.Test::ms, PartFile.Test::probe).containsExactly(
                tuple("a_home()", "PASSED", 0L, 1000L, false),
                tuple("b_cart()", "FAILED_COUNTED", 1000L, 3000L, false),
                tuple("c_search()", "FAILED_NOT_COUNTED", 4000L, 2000L, false),
                tuple("d_checkout()", "FAILED_COUNTED", 6000L, 4000L, false),
                tuple("e_orders()", "SKIPPED", 10_000L, 0L, false),
                tuple("f_account()", "SKIPPED", 10_000L, 0L, false),
                tuple("a_probe()", "PASSED", 20_000L, 1000L, true),
                tuple("b_wishlist()", "PASSED", 21_000L, 500L, false));
        assertThat(part.tests().get(1).reason()).isEqualTo("java.io.IOException: Connection refused: shop:8080");
        assertThat(part.tests().get(2).reason()).isEqualTo("java.lang.AssertionError: expected 3 results but was 0");
        assertThat(part.tests().get(4).reason()).isEqualTo("circuit 'history-shop' is OPEN since"
                + " 2026-01-01T00:00:10Z after 2 consecutive failures; last failure: java.io.IOException: Read timed"
                + " out; next probe at 2026-01-01T00:00:20Z");
        assertThat(part.tests().get(0).className()).isEqualTo(ShopOutage.class.getName());

        PartFile.Circuit shop = part.circuits().get(0);
        assertThat(shop.name()).isEqualTo("history-shop");
        assertThat(shop.counts()).isEqualTo(new PartFile.Counts(8, 6, 3, 2, 1, 0, 2, 0, 0, 0, 0, 1, 7000, 1, 11_000));
        assertThat(shop.settings().get("failureThreshold").value()).isEqualTo("2");
        assertThat(shop.settings().get("failureThreshold").source())
                .isEqualTo("@CircuitProtected(\"history-shop\") on class " + ShopOutage.class.getName());
        assertThat(shop.settings().get("permittedProbes").source()).isEqualTo("default");
        assertThat(shop.transitions()).extracting(PartFile.Transition::from, PartFile.Transition::to,
                PartFile.Transition::at).containsExactly(
                tuple("CLOSED", "OPEN", "2026-01-01T00:00:10Z"),
                tuple("OPEN", "HALF_OPEN", "2026-01-01T00:00:20Z"),
                tuple("HALF_OPEN", "CLOSED", "2026-01-01T00:00:21Z"));
        PartFile.Episode episode = shop.episodes().get(0);
        assertThat(episode.openedBy()).extracting(PartFile.Failure::describe).containsExactly(
                "java.io.IOException: Connection refused: shop:8080", "java.io.IOException: Read timed out");
        assertThat(episode.probes()).containsExactly(new PartFile.Probe("2026-01-01T00:00:20Z", "a_probe()",
                "PASSED"));
        assertThat(episode.closedAt()).isEqualTo("2026-01-01T00:00:21Z");
        assertThat(episode.outageMillis()).isEqualTo(11_000);
        assertThat(episode.blip()).isTrue();

        Path report = history.resolve("reports/junit-history-scenario.html");
        assertThat(printed).contains("Tripswitch: run record: " + history.resolve(
                "runs/junit-history-scenario/" + part.partId() + ".json.gz") + " (run junit-history-scenario; the"
                + " history keeps 1 run, 0.0 MB of at most 200 runs and 200.0 MB)");
        assertThat(printed).last().isEqualTo("Tripswitch: run report: " + report);
        assertThat(Files.readString(report)).contains("<title>Tripswitch run report \u2014 junit-history-scenario");
    }

    @Test
    void aDependencyCircuit_isRecordedByName_withItsEpisode() throws Exception {
        registry.circuit(dev.tripswitch.CircuitDefinition.builder("dep:shop.internal:8080", "test")
                .failureThreshold(2).build());
        System.setProperty("tripswitch.dependencies", "auto");
        try {
            printedBy(() -> run(Map.of(), NoAnnotation.class)
                    .testEvents().assertStatistics(s -> s.started(3).failed(2).aborted(1)));
        } finally {
            restore("tripswitch.dependencies");
        }

        PartFile part = onlyRun().parts().get(0);
        PartFile.Circuit shop = part.circuits().stream().filter(c -> c.name().equals("dep:shop.internal:8080"))
                .findFirst().orElseThrow();
        assertThat(shop.transitions()).extracting(PartFile.Transition::from, PartFile.Transition::to)
                .containsExactly(tuple("CLOSED", "OPEN"));
        assertThat(shop.episodes().get(0).openedBy()).extracting(PartFile.Failure::describe).containsExactly(
                "java.net.ConnectException: Failed to connect to shop.internal/10.0.0.7:8080",
                "java.net.ConnectException: Failed to connect to shop.internal/10.0.0.7:8080");
        assertThat(part.tests()).extracting(PartFile.Test::name, PartFile.Test::fate).containsExactly(
                tuple("a()", "FAILED_COUNTED"), tuple("b()", "FAILED_COUNTED"), tuple("c()", "SKIPPED"));
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class NoAnnotation {
        @Test
        void a() throws Exception {
            throw new java.net.ConnectException("Failed to connect to shop.internal/10.0.0.7:8080");
        }

        @Test
        void b() throws Exception {
            throw new java.net.ConnectException("Failed to connect to shop.internal/10.0.0.7:8080");
        }

        @Test
        void c() throws Exception {
            dev.tripswitch.dependency.DependencyCalls.call(new dev.tripswitch.dependency.Dependency(
                    "shop.internal:8080"), () -> "refused before it is made");
        }
    }

    @Test
    void deferredTests_areRecordedDeferred_thenReplayed() throws Exception {
        Future<EngineExecutionResults> running = engine.submit(() ->
                ReplayScenariosTest.replaying(Map.of(), ReplayOutage.class));
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the run waits for the circuit of its deferred tests");
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));
        running.get(FakeShop.CEILING.toSeconds(), TimeUnit.SECONDS).testEvents()
                .assertStatistics(s -> s.started(3).failed(1).succeeded(2).skipped(0));

        PartFile part = onlyRun().parts().get(0);
        assertThat(part.tests()).extracting(PartFile.Test::name, PartFile.Test::fate, PartFile.Test::at,
                PartFile.Test::probe, PartFile.Test::replayed).containsExactly(
                tuple("t1_shopDown()", "FAILED_COUNTED", 0L, false, false),
                tuple("t2_cart()", "DEFERRED", 0L, false, false),
                tuple("t3_checkout()", "DEFERRED", 0L, false, false),
                tuple("t2_cart()", "PASSED", 10_000L, true, true),
                tuple("t3_checkout()", "PASSED", 10_000L, false, true));
        assertThat(part.tests().get(1).reason()).startsWith("circuit 'history-replay' is OPEN since");
        PartFile.Counts c = part.circuits().get(0).counts();
        assertThat(c.deferred()).isEqualTo(2);
        assertThat(c.replayed()).isEqualTo(2);
        assertThat(c.skipped()).isZero();
        assertThat(c.passed()).isEqualTo(2);
    }

    @Test
    void aTestThatWaited_isRecordedWithHowLongItWaited() throws Exception {
        Future<EngineExecutionResults> running = engine.submit(() -> run(Map.of(), WaitOutage.class));
        FakeShop.awaitWaiting(registry, "history-wait", 1);
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(8));
        running.get(FakeShop.CEILING.toSeconds(), TimeUnit.SECONDS).testEvents()
                .assertStatistics(s -> s.started(2).failed(1).succeeded(1));

        PartFile part = onlyRun().parts().get(0);
        assertThat(part.tests()).extracting(PartFile.Test::name, PartFile.Test::fate, PartFile.Test::at,
                PartFile.Test::ms, PartFile.Test::waitedMs, PartFile.Test::probe).containsExactly(
                tuple("t1_down()", "FAILED_COUNTED", 0L, 0L, 0L, false),
                tuple("t2_waits()", "PASSED", 0L, 8000L, 8000L, true));
        assertThat(part.circuits().get(0).counts().waited()).isEqualTo(1);
        assertThat(part.circuits().get(0).counts().waitedMillis()).isEqualTo(8000);
    }

    @Test
    void aBadHistorySetting_isOneWarningLine_andTheRunIsNotAffected() throws Exception {
        System.setProperty("tripswitch.history.keep", "none");
        List<String> printed = printedBy(() -> run(Map.of(), ShopOutage.class, Maintenance.class, ShopBack.class)
                .testEvents().assertStatistics(s -> s.started(7).succeeded(4).failed(3).skipped(2)));
        assertThat(printed).last().isEqualTo("Tripswitch: WARNING: this run's record was not kept:"
                + " tripswitch.history.keep=none (system property) is refused: must be a whole number from 1 to 100000");
        assertThat(history).isEmptyDirectory();
    }

    // ------------------------------------------------------------------ helpers

    private HistoryRun onlyRun() throws IOException {
        RunHistory h = new RunHistory(new FolderHistory(history));
        List<HistoryRun> runs = h.runs(id -> true, true);
        assertThat(h.warnings()).isEmpty();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).parts()).hasSize(1);
        return runs.get(0);
    }

    /** The lines {@code action} printed (the run's summary is printed when the run ends). */
    private static List<String> printedBy(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text.lines().filter(l -> l.startsWith("Tripswitch:")).toList();
    }

    // ------------------------------------------------------------------ fixtures

    @FixtureOnly
    @Order(1)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "history-shop", failureThreshold = 2, halfOpenAfter = "10s")
    static class ShopOutage {
        @Test void a_home() { clock.advance(Duration.ofSeconds(1)); }
        @Test void b_cart() throws IOException { clock.advance(Duration.ofSeconds(3)); throw new IOException("Connection refused: shop:8080"); }
        @Test void c_search() { clock.advance(Duration.ofSeconds(2)); throw new AssertionError("expected 3 results but was 0"); }
        @Test void d_checkout() throws IOException { clock.advance(Duration.ofSeconds(4)); throw new IOException("Read timed out"); }
        @Test void e_orders() { }
        @Test void f_account() { }
    }

    @FixtureOnly
    @Order(2)
    static class Maintenance {
        @Test void shopComesBack() { clock.advance(Duration.ofSeconds(10)); }
    }

    @FixtureOnly
    @Order(3)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "history-shop", failureThreshold = 2, halfOpenAfter = "10s")
    static class ShopBack {
        @Test void a_probe() { clock.advance(Duration.ofSeconds(1)); }
        @Test void b_wishlist() { clock.advance(Duration.ofMillis(500)); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "history-replay", failureThreshold = 1, halfOpenAfter = "10s", whenOpen = WhenOpen.REPLAY)
    static class ReplayOutage {
        @Test void t1_shopDown() { callShop(); }
        @Test void t2_cart() { callShop(); }
        @Test void t3_checkout() { callShop(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "history-wait", failureThreshold = 1, halfOpenAfter = "8s", whenOpen = WhenOpen.WAIT,
            maxWait = "1m")
    static class WaitOutage {
        @Test void t1_down() { callShop(); }
        @Test void t2_waits() { callShop(); }
    }

    static void callShop() {
        if (!shopUp.get()) {
            throw new IllegalStateException("shop down");
        }
    }
}
