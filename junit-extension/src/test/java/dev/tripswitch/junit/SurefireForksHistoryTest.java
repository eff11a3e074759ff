package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.FixtureProjects;
import dev.tripswitch.report.HistoryRecorder;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.history.RunHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Two real JVMs writing one run: a small Maven project (src/test/resources/surefire-history-fixture) whose two test
 * classes Surefire runs in two forks. Both forks take the run id from the Maven process that forked them, and each
 * writes its own part of that run into the history named on Maven's command line; the report holds both.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES) // a ceiling for a loaded machine, not a speed target
class SurefireForksHistoryTest {

    private static Path project;
    private static Path history;
    private static String buildLog;
    private static long mavenPid;

    @BeforeAll
    static void buildTheFixtureProjectWithMaven() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        project = target.resolve("surefire-history-fixture-run");
        history = project.resolve("history");
        FixtureProjects.deleteTree(project);
        FixtureProjects.copyTree(Path.of(SurefireForksHistoryTest.class.getResource("/surefire-history-fixture")
                .toURI()), project);
        Path libs = target.resolve("surefire-history-fixture-libs");
        List<String> command = new ArrayList<>(List.of(FixtureProjects.maven(), "-B", "--no-transfer-progress",
                "-Dtripswitch.core.jar=" + FixtureProjects.jarOf(CircuitBreaker.class, libs.resolve("core.jar")),
                "-Dtripswitch.junit5.jar=" + FixtureProjects.jarOf(ReplayingEngine.class, libs.resolve("junit5.jar")),
                "-Dtripswitch.report.jar=" + FixtureProjects.jarOf(HistoryRecorder.class, libs.resolve("report.jar")),
                "-Dtripswitch.history=" + history));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.add("test");
        Path log = project.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        mavenPid = maven.pid(); // the mvn script execs the Maven JVM: the same process
        boolean done = maven.waitFor(20, TimeUnit.MINUTES);
        if (!done) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor();
        }
        buildLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("the fixture build finished in time").isTrue();
        assertThat(maven.exitValue()).as("fixture build exit code; its log:%n%s", buildLog).isZero();
    }

    @Test
    void bothForks_wroteTheirPartOfOneRun_namedAfterTheMavenProcess() throws Exception {
        RunHistory h = new RunHistory(new FolderHistory(history));
        List<HistoryRun> runs = h.runs(id -> true, true);
        assertThat(h.warnings()).isEmpty();
        assertThat(runs).as("one run; the build's log:%n%s", buildLog).hasSize(1);
        HistoryRun run = runs.get(0);
        assertThat(run.runId()).matches(Pattern.compile("\\d{8}-\\d{6}-" + mavenPid));
        assertThat(run.parts()).hasSize(2);
        assertThat(run.parts()).extracting(p -> p.jvm().pid()).doesNotHaveDuplicates()
                .doesNotContain(mavenPid, ProcessHandle.current().pid());
        assertThat(run.parts()).allSatisfy(p -> assertThat(p.jvm().workingDirectory()).isEqualTo(project.toString()));
        assertThat(run.parts()).extracting(p -> p.jvm().fork()).as("Surefire's fork numbers").doesNotContainNull()
                .doesNotHaveDuplicates();
        assertThat(run.parts().stream().flatMap(p -> p.tests().stream()))
                .extracting(PartFile.Test::className, PartFile.Test::name, PartFile.Test::fate)
                .containsExactlyInAnyOrder(
                        tuple("fixture.CartTest", "a_addsAnItem()", "PASSED"),
                        tuple("fixture.CartTest", "b_removesIt()", "PASSED"),
                        tuple("fixture.CheckoutTest", "a_pays()", "FAILED_COUNTED"),
                        tuple("fixture.CheckoutTest", "b_confirms()", "DEFERRED"), // whenOpen = REPLAY, the default
                        tuple("fixture.CheckoutTest", "b_confirms()", "SKIPPED")); // never let through in 2s
        PartFile.Counts shop = run.circuit("shop").counts();
        assertThat(shop.tests()).as("marks: 4 tests, one deferred and then skipped").isEqualTo(5);
        assertThat(shop.deferred()).isEqualTo(1);
        assertThat(shop.openings()).as("each fork had its own in-memory circuit: one opened").isEqualTo(1);
        assertThat(run.circuit("shop").perPart()).extracting(c -> c.settings().get("failureThreshold").source())
                .allSatisfy(source -> assertThat(source).startsWith("tripswitch.properties (file:")
                        .doesNotContain("system property"));
    }

    @Test
    void eachFork_printedWhereItsRecordWent_andTheReportHoldsBothJvms() throws Exception {
        assertThat(buildLog.lines().filter(l -> l.startsWith("Tripswitch: run record: " + history))).hasSize(2);
        List<String> reports = buildLog.lines().filter(l -> l.startsWith("Tripswitch: run report: ")).toList();
        assertThat(reports).hasSize(2).allSatisfy(l -> assertThat(l).endsWith(".html"));
        Path report = Path.of(reports.get(0).substring("Tripswitch: run report: ".length()));
        String html = Files.readString(report);
        assertThat(Pattern.compile("<g class=\"row\"").matcher(html).results().count()).as("a row per JVM")
                .isEqualTo(2);
    }
}
