package dev.tripswitch.report;

import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.history.RunHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run report as a person sees it: 24 runs of the sample shop recorded through the real protocol, the last
 * one's report opened in a real headless Chromium. Its rows, marks and figures must be the run's, read back from the
 * history; hovering over an opening shows its cause; a screenshot is saved ({@code target/run-report.png}, and where
 * {@code tripswitch.test.screenshot} says, for the documentation).
 */
class RunReportInChromiumTest {

    private static Path dir;
    private static Path report;
    private static HistoryRun run;
    private static List<HistoryRun> all;
    private static ChromeDriver chromium;

    @BeforeAll
    static void recordRunsAndOpenTheLastReport() throws Exception {
        dir = Files.createDirectories(Path.of("target", "report-in-chromium").toAbsolutePath());
        dev.tripswitch.FixtureProjects.deleteTree(dir.resolve("history"));
        List<String> lines = SampleRuns.write(dir.resolve("history"), 24, 7);
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("Tripswitch: run report: ");
        report = Path.of(last.substring("Tripswitch: run report: ".length()));
        RunHistory history = new RunHistory(new FolderHistory(dir.resolve("history")));
        all = history.runs(id -> true, false);
        run = history.runs(id -> id.equals("20261120-23-sample"), true).get(0);
        chromium = Chromium.start(dir, 1360, 1760);
        chromium.get(report.toUri().toString());
    }

    @AfterAll
    static void quit() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @Test
    void aRowPerCircuitAndJvm_eachWithAMarkPerTestOfThatCircuitInThatJvm() {
        List<WebElement> rows = chromium.findElements(By.cssSelector("svg.timeline g.row"));
        int expectedRows = 0;
        for (PartFile part : run.parts()) {
            expectedRows += part.circuits().size();
        }
        assertThat(rows).hasSize(expectedRows).hasSize(3);
        for (WebElement row : rows) {
            String circuit = row.getAttribute("data-circuit");
            String partId = row.getAttribute("data-part");
            PartFile part = run.parts().stream().filter(p -> p.partId().equals(partId)).findFirst().orElseThrow();
            long tests = part.tests().stream().filter(t -> t.circuit().equals(circuit)).count();
            assertThat(row.findElements(By.cssSelector("rect.m"))).as("marks of %s in %s", circuit, partId)
                    .hasSize((int) tests);
            assertThat(row.getAttribute("data-tests")).isEqualTo(Long.toString(tests));
        }
        assertThat(chromium.findElements(By.cssSelector("rect.m"))).hasSize(run.parts().stream()
                .mapToInt(p -> p.tests().size()).sum());
    }

    @Test
    void theLegendsCounts_andTheCards_areTheRunsFigures() {
        List<PartFile.Test> tests = run.parts().stream().flatMap(p -> p.tests().stream()).toList();
        assertThat(legendCount("FAILED_COUNTED")).isEqualTo(count(tests, "FAILED_COUNTED")).isEqualTo(7);
        assertThat(legendCount("SKIPPED")).isEqualTo(count(tests, "SKIPPED")).isPositive();
        assertThat(legendCount("DEFERRED")).isEqualTo(count(tests, "DEFERRED")).isEqualTo(7);
        assertThat(legendCount("REPLAYED")).isEqualTo(tests.stream().filter(PartFile.Test::replayed).count())
                .isEqualTo(7);
        assertThat(legendCount("WAITED")).isEqualTo(tests.stream().filter(t -> t.waitedMs() > 0
                && t.fate().equals("PASSED") && !t.replayed()).count()).isEqualTo(1);
        long sum = 0;
        for (WebElement key : chromium.findElements(By.cssSelector(".legend .key[data-kind]"))) {
            sum += Long.parseLong(key.getAttribute("data-count"));
        }
        assertThat(sum).as("every mark is of one kind").isEqualTo(tests.size());
        assertThat(card("passed")).isEqualTo(Long.toString(count(tests, "PASSED")));
        assertThat(card("skipped")).isEqualTo(Long.toString(count(tests, "SKIPPED")));
        assertThat(card("openings")).isEqualTo("3");
        assertThat(chromium.findElements(By.cssSelector("tr.episode"))).hasSize(3);
        assertThat(chromium.findElement(By.cssSelector("article.circuit[data-circuit='shop'] tr.episode")).getText())
                .contains("java.net.SocketTimeoutException: Read timed out after 4000 ms");
    }

    @Test
    void theTrends_haveAColumnPerRunOfTheHistory_forEachCircuit() {
        List<WebElement> trends = chromium.findElements(By.cssSelector("article.trend"));
        assertThat(trends).extracting(t -> t.getAttribute("data-circuit"))
                .containsExactly("grid", "payments-api", "shop");
        for (WebElement t : trends) {
            List<WebElement> charts = t.findElements(By.cssSelector("figure.chart svg"));
            assertThat(charts).hasSize(4);
            for (WebElement chart : charts) {
                assertThat(chart.findElements(By.cssSelector("rect.hit"))).hasSize(all.size()).hasSize(24);
            }
        }
        long shopOpenings = all.stream().filter(r -> r.circuitNames().contains("shop"))
                .mapToLong(r -> r.circuit("shop").counts().openings()).sum();
        assertThat(chromium.findElement(By.cssSelector("article.trend[data-circuit='shop'] p")).getText())
                .contains(shopOpenings + " times in all");
    }

    @Test
    void hoveringOverAnOpening_showsItsCause_andAScreenshotIsSaved() throws Exception {
        WebElement opening = chromium.findElement(By.cssSelector("g.row[data-circuit='shop'] path.opening"));
        new Actions(chromium).moveToElement(opening).perform();
        WebElement tip = chromium.findElement(By.id("tip"));
        assertThat(tip.isDisplayed()).isTrue();
        assertThat(tip.getText()).contains("caused by:").contains("java.net.ConnectException: Connection refused");
        new Actions(chromium).moveByOffset(0, 900).perform(); // away: the shot shows the page, not the tip
        Path shot = dir.resolve("run-report.png");
        Files.write(shot, chromium.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(50_000);
        String copy = System.getProperty("tripswitch.test.screenshot");
        if (copy != null && !copy.isBlank()) {
            Files.copy(shot, Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(shot, Path.of("target", "run-report.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static long legendCount(String kind) {
        return Long.parseLong(chromium.findElement(By.cssSelector(".legend .key[data-kind='" + kind + "']"))
                .getAttribute("data-count"));
    }

    private static String card(String metric) {
        return chromium.findElement(By.cssSelector(".card[data-metric='" + metric + "'] b")).getText();
    }

    private static long count(List<PartFile.Test> tests, String fate) {
        return tests.stream().filter(t -> t.fate().equals(fate)).count();
    }
}
