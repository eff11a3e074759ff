package dev.tripswitch.report;

import dev.tripswitch.CircuitState;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartCodec;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.history.Parts;
import dev.tripswitch.report.history.RunHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The history's format, its parts merged into runs, damaged files and retention, on a real folder. */
class RunHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private RunHistory history() {
        return new RunHistory(new FolderHistory(dir));
    }

    @Test
    void aPartReadsBackAsWritten_counted_andItsEpisodeFoundOnce() throws Exception {
        PartFile part = Parts.of(Records.part("run-1", "host-42-1", T0, 300));
        RunHistory h = history();
        String where = h.write(part);
        assertThat(where).isEqualTo(dir.resolve("runs/run-1/host-42-1.json.gz").toString());
        HistoryRun run = h.runs(id -> true, true).get(0);
        assertThat(run.parts().get(0)).isEqualTo(part);
        PartFile.Counts c = run.circuit("shop").counts();
        assertThat(c.tests()).isEqualTo(300);
        assertThat(c.failedCounted()).isEqualTo(3);
        assertThat(c.skipped()).isEqualTo(30);
        assertThat(c.passed()).isEqualTo(267);
        assertThat(c.admitted()).isEqualTo(270);
        assertThat(c.probes()).isEqualTo(1);
        assertThat(c.openings()).isEqualTo(1);
        assertThat(c.failureCostMillis()).isEqualTo(6000);
        PartFile.Episode e = run.circuit("shop").episodes().get(0);
        assertThat(e.blip()).isTrue();
        assertThat(e.openedBy()).hasSize(3);
        assertThat(e.probes()).extracting(PartFile.Probe::result).containsExactly("PASSED");
        assertThat(h.runs(id -> true, false).get(0).parts().get(0).tests()).as("a summary read").isEmpty();
        assertThat(h.warnings()).isEmpty();
    }

    @Test
    void anEpisodeOpenedByTheHealthCheck_keepsItsReason_andTheReportShowsIt() throws Exception {
        RunRecord record = Records.part("run-1", "host-42-1", T0, 30);
        CircuitRecord shop = record.circuits().get(0);
        String reason = "health check GET http://shop/health reported the dependency down before any test ran: it"
                + " answered false";
        List<CircuitRecord.Transition> transitions = List.of(new CircuitRecord.Transition(CircuitState.CLOSED,
                CircuitState.OPEN, T0, reason, List.of()));
        CircuitRecord opened = new CircuitRecord(shop.name(), shop.store(), CircuitState.OPEN, shop.settings(),
                transitions, shop.healthAnswers(), shop.tests());
        PartFile part = Parts.of(new RunRecord(record.runId(), record.partId(), record.startedAt(), record.endedAt(),
                record.jvm(), List.of(opened)));
        RunHistory h = history();
        h.write(part);
        HistoryRun run = h.runs(id -> true, true).get(0);
        PartFile.Episode e = run.circuit("shop").episodes().get(0);
        assertThat(e.openedBy()).isEmpty();
        assertThat(e.openingReason()).isEqualTo(reason);
        String html = dev.tripswitch.report.html.RunReportPage.render(run, List.of(run), "test", T0);
        assertThat(html).contains("reported the dependency down before any test ran")
                .doesNotContain("open when the run started");
    }

    @Test
    void theFile_isGzipJsonWhoseFirstFieldsAreFormatAndVersion_andWhoseLastIsTests() throws Exception {
        history().write(Parts.of(Records.part("run-1", "p1", T0, 5)));
        String json = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(
                dir.resolve("runs/run-1/p1.json.gz"))).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"format\":\"tripswitch-run-part\",\"version\":1,\"runId\":\"run-1\"");
        assertThat(json.indexOf("\"tests\":[")).isGreaterThan(json.indexOf("\"circuits\":["));
        assertThat(json).endsWith("]}");
    }

    @Test
    void theForksOfOneRun_writeSeparatePartsAtOnce_andNoneIsLost() throws Exception {
        RunHistory h = history();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String part = "fork-" + i;
                writes.add(pool.submit(() -> h.write(Parts.of(Records.part("run-1", part, T0, 200)))));
            }
            for (Future<String> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        HistoryRun run = h.runs(id -> true, true).get(0);
        assertThat(run.parts()).hasSize(8);
        assertThat(run.circuit("shop").counts().tests()).isEqualTo(1600);
        try (var files = Files.list(dir.resolve("runs/run-1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json.gz"));
        }
    }

    @Test
    void damagedFiles_eachWarnOnceNamingTheFile_areMovedAside_andTheRestIsRead() throws Exception {
        RunHistory h = history();
        h.write(Parts.of(Records.part("run-1", "good", T0, 50)));
        byte[] good = Files.readAllBytes(dir.resolve("runs/run-1/good.json.gz"));
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs.resolve("run-2"));
        Files.createDirectories(runs.resolve("run-3"));
        Files.createDirectories(runs.resolve("run-4"));
        Files.createDirectories(runs.resolve("run-5"));
        Files.write(runs.resolve("run-2/truncated.json.gz"), Arrays.copyOf(good, good.length / 2));
        Files.write(runs.resolve("run-3/corrupted.json.gz"), "this is not what we wrote".getBytes());
        Files.write(runs.resolve("run-4/foreign.json.gz"), gzip("{\"name\":\"a package.json\",\"version\":\"1.0\"}"));
        Files.write(runs.resolve("run-5/future.json.gz"), gzip("{\"format\":\"tripswitch-run-part\",\"version\":7,"
                + "\"runId\":\"run-5\"}"));

        List<HistoryRun> read = h.runs(id -> true, true);

        assertThat(read).extracting(HistoryRun::runId).containsExactly("run-1");
        assertThat(h.warnings()).hasSize(4);
        assertThat(h.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("history file " + runs.resolve("run-2/truncated.json.gz") + " is truncated: it is cut short")
                .contains("moved aside to " + dir.resolve("damaged/run-2/truncated.json.gz"))
                .endsWith("and left out; the run is not affected"));
        assertThat(h.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("history file " + runs.resolve("run-3/corrupted.json.gz") + " is corrupted: it is not"
                        + " gzip-compressed"));
        assertThat(h.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("history file " + runs.resolve("run-4/foreign.json.gz") + " is foreign: its first field"
                        + " is 'name', not 'format': not a Tripswitch run part"));
        assertThat(h.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("history file " + runs.resolve("run-5/future.json.gz") + " is newer version: it is a part"
                        + " of format version 7, written by a newer Tripswitch; this one reads versions up to 1"));
        for (String kept : List.of("run-2/truncated.json.gz", "run-3/corrupted.json.gz", "run-4/foreign.json.gz",
                "run-5/future.json.gz")) {
            assertThat(dir.resolve("damaged").resolve(kept)).as("kept aside, not deleted").exists();
            assertThat(dir.resolve("damaged").resolve(kept + ".why.txt")).exists();
        }
        assertThat(h.runs(id -> true, true)).hasSize(1);
        assertThat(h.warnings()).as("once each: the files are out of the way").hasSize(4);
    }

    @Test
    void aPartCutInsideItsTests_isTruncated_forAFullRead() throws Exception {
        byte[] whole = PartCodec.write(Parts.of(Records.part("run-1", "p", T0, 2000)));
        String json = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(whole))
                .readAllBytes(), StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("runs/run-1"));
        Files.write(dir.resolve("runs/run-1/p.json.gz"), gzip(json.substring(0, json.length() - 300)));
        RunHistory h = history();
        assertThat(h.runs(id -> true, true)).isEmpty();
        assertThat(h.warnings()).singleElement().asString().contains("is truncated: it is cut short");
    }

    @Test
    void retention_removesTheOldestRuns_byCountThenBySize_neverTheCurrentOne() throws Exception {
        RunHistory h = history();
        for (int i = 0; i < 6; i++) {
            h.write(Parts.of(Records.part("run-" + i, "p", T0.plusSeconds(i), 400)));
            Files.setLastModifiedTime(dir.resolve("runs/run-" + i + "/p.json.gz"),
                    java.nio.file.attribute.FileTime.from(T0.plusSeconds(i)));
        }
        assertThat(h.retain(4, Long.MAX_VALUE, "run-5")).containsExactly("run-0", "run-1");
        assertThat(h.entries()).extracting(RunHistory.RunEntry::runId).containsExactly("run-2", "run-3", "run-4",
                "run-5");
        long one = h.entries().get(0).bytes();
        assertThat(h.retain(10, one * 2, "run-2")).as("by size: the oldest go, the current stays")
                .containsExactly("run-3", "run-4");
        assertThat(h.entries()).extracting(RunHistory.RunEntry::runId).containsExactly("run-2", "run-5");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
