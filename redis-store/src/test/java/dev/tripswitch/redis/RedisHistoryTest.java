package dev.tripswitch.redis;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.MutableClock;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.HistorySettings;
import dev.tripswitch.report.history.HistoryStore;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.history.Parts;
import dev.tripswitch.report.history.RunHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run history in a real {@code redis-server}: parts of one run written at once by several writers (shards),
 * read back merged; retention; a damaged part moved aside with a warning; and a whole run through the protocol
 * with {@code tripswitch.history=redis://...}, its report written to a local folder.
 */
class RedisHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static RedisServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyDatabase() {
        try (RedisClient c = RedisClient.create("127.0.0.1", server.port())) {
            c.flushAll();
        }
    }

    private final java.util.Properties before = (java.util.Properties) System.getProperties().clone();

    @AfterEach
    void restoreSettings() {
        for (String key : List.of(HistorySettings.HISTORY, HistorySettings.REPORTS, HistorySettings.REPORT,
                "tripswitch.run.id")) {
            if (before.getProperty(key) == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before.getProperty(key)); // what the build set
            }
        }
    }

    private HistoryStore open() {
        return settings(server.uri()).open(getClass().getClassLoader());
    }

    private HistorySettings settings(String history) {
        return HistorySettings.from(Map.of(HistorySettings.HISTORY, new HistorySettings.Given(history,
                "system property")), dir, n -> null);
    }

    @Test
    void shardsWritingOneRunAtOnce_loseNoPart_andTheRunReadsBackMerged() throws Exception {
        try (HistoryStore store = open()) {
            assertThat(store.description()).isEqualTo("Redis redis://127.0.0.1:" + server.port() + "/0");
            RunHistory h = new RunHistory(store);
            ExecutorService shards = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> writes = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String part = "shard-" + i;
                    writes.add(shards.submit(() -> h.write(Parts.of(part("ci-77", part, T0, 300)))));
                }
                for (Future<String> w : writes) {
                    assertThat(w.get()).startsWith("Redis redis://127.0.0.1:" + server.port() + "/0, part shard-");
                }
            } finally {
                shards.shutdownNow();
            }
            List<HistoryRun> runs = h.runs(id -> true, true);
            assertThat(runs).singleElement().extracting(HistoryRun::runId).isEqualTo("ci-77");
            assertThat(runs.get(0).parts()).hasSize(6);
            assertThat(runs.get(0).circuit("shop").counts().tests()).isEqualTo(1800);
            assertThat(runs.get(0).circuit("shop").counts().failedCounted()).isEqualTo(6);
            assertThat(h.warnings()).isEmpty();
        }
    }

    @Test
    void retention_removesTheOldestRuns() throws Exception {
        try (HistoryStore store = open()) {
            RunHistory h = new RunHistory(store);
            for (int i = 0; i < 5; i++) {
                h.write(Parts.of(part("run-" + i, "p", T0.plusSeconds(i), 50)));
                Thread.sleep(3); // distinct first-written times
            }
            assertThat(h.retain(2, Long.MAX_VALUE, "run-4")).containsExactly("run-0", "run-1", "run-2");
            assertThat(h.entries()).extracting(RunHistory.RunEntry::runId).containsExactly("run-3", "run-4");
        }
    }

    @Test
    void aDamagedPart_isMovedAsideWithOneWarning_andTheOthersAreRead() throws Exception {
        try (HistoryStore store = open()) {
            RunHistory h = new RunHistory(store);
            h.write(Parts.of(part("run-1", "good", T0, 20)));
            store.write("run-2", "bad", "not a part at all".getBytes(StandardCharsets.UTF_8));
            assertThat(h.runs(id -> true, false)).extracting(HistoryRun::runId).containsExactly("run-1");
            assertThat(h.warnings()).singleElement().asString()
                    .startsWith("history file Redis redis://127.0.0.1:" + server.port() + "/0 run run-2 part bad is"
                            + " corrupted: it is not gzip-compressed")
                    .contains("moved aside to Redis redis://127.0.0.1:" + server.port() + "/0 hash"
                            + " tripswitch:history:damaged, field run-2/bad");
            try (RedisClient c = RedisClient.create("127.0.0.1", server.port())) {
                assertThat(c.hget("tripswitch:history:damaged", "run-2/bad")).isEqualTo("not a part at all");
                assertThat(c.hget("tripswitch:history:damaged:why", "run-2/bad")).contains("is corrupted");
            }
        }
    }

    @Test
    void aRunThroughTheProtocol_keepsItsRecordInRedis_andWritesItsReportLocally() throws Exception {
        System.setProperty(HistorySettings.HISTORY, server.uri());
        System.setProperty(HistorySettings.REPORTS, dir.resolve("reports").toString());
        System.setProperty(HistorySettings.REPORT, "true");
        System.setProperty("tripswitch.run.id", "redis-run");
        MutableClock clock = MutableClock.start();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).build();
        List<String> lines;
        try (CircuitBreakerRegistry.GlobalOverride ignored = CircuitBreakerRegistry.replaceGlobal(registry)) {
            TestRun run = TestRun.start();
            Protection shop = Protection.by(CircuitDefinition.builder("shop", "RedisHistoryTest").failureThreshold(1)
                    .build());
            run.admit(new TestIdentity("junit5", "Shop", "a", "a()"), shop).passed();
            clock.advance(Duration.ofSeconds(1));
            run.admit(new TestIdentity("junit5", "Shop", "b", "b()"), shop).failed(new ConnectException("down"));
            run.admit(new TestIdentity("junit5", "Shop", "c", "c()"), shop);
            lines = run.summaryLines();
        }
        assertThat(lines).last().isEqualTo("Tripswitch: run report: " + dir.resolve("reports/redis-run.html"));
        assertThat(lines.get(lines.size() - 2)).startsWith("Tripswitch: run record: Redis redis://127.0.0.1:"
                + server.port() + "/0, part ").contains(" (run redis-run; the history keeps 1 run, ");
        assertThat(dir.resolve("reports/redis-run.html")).exists();
        try (HistoryStore store = open()) {
            PartFile part = new RunHistory(store).runs(id -> true, true).get(0).parts().get(0);
            assertThat(part.tests()).extracting(PartFile.Test::fate).containsExactly("PASSED", "FAILED_COUNTED",
                    "SKIPPED");
        }
    }

    @Test
    void aBadRedisAddress_orAServerThatDoesNotAnswer_isRefusedNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> settings("redis://127.0.0.1:99999/0").open(getClass().getClassLoader()))
                .hasMessage("tripswitch.history=redis://127.0.0.1:99999/0 (system property) is refused: the port must"
                        + " be 1 to 65535; allowed: redis://[user:password@]host[:port][/database]");
        int nobody = RedisServer.unusedPort();
        assertThatThrownBy(() -> settings("redis://:secret@127.0.0.1:" + nobody).open(getClass().getClassLoader()))
                .hasMessageStartingWith("tripswitch.history=redis://:****@127.0.0.1:" + nobody + " (system property)"
                        + " is refused: the Redis server at 127.0.0.1:" + nobody + " does not answer")
                .hasMessageNotContaining("secret");
    }

    /** A part of run {@code runId}: {@code tests} tests on circuit shop, one of which failed and opened it. */
    private static RunRecord part(String runId, String partId, Instant start, int tests) {
        List<TestMark> marks = new ArrayList<>();
        for (int i = 0; i < tests; i++) {
            marks.add(new TestMark("junit5", "Shop", "t" + i, null, i == 0 ? TestMark.Fate.FAILED_COUNTED
                    : TestMark.Fate.PASSED, start.plusMillis(i * 10L), 5, 0, false, false, null));
        }
        CircuitRecord shop = new CircuitRecord("shop", "memory", dev.tripswitch.CircuitState.CLOSED, Map.of(),
                List.of(), List.of(), marks);
        return new RunRecord(runId, partId, start, start.plusSeconds(10), new RunRecord.Jvm("ci-" + partId, 1, "17",
                "/", null, List.of("junit5")), List.of(shop));
    }
}
