package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.FixtureProjects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way a user gets it: a small Maven project (src/test/resources/surefire-testng-fixture) whose
 * TestNG tests name no listener is built by Maven with Surefire's own TestNG provider, and its XML report is
 * read back. Refused tests must be there as skipped with the circuit's reason, never as failures, and their
 * bodies must not have run.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES) // a ceiling for a loaded machine, not a speed target
class SurefireTestNGProviderTest {

    /** One {@code <testcase>} of a Surefire XML report. */
    record Case(String className, String name, String verdict, String message) {
    }

    private static Path project;
    private static String buildLog;
    private static List<Case> cases;

    @BeforeAll
    static void buildTheFixtureProjectWithMaven() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        project = target.resolve("surefire-testng-fixture-run");
        FixtureProjects.deleteTree(project);
        FixtureProjects.copyTree(Path.of(SurefireTestNGProviderTest.class.getResource("/surefire-testng-fixture").toURI()), project);
        Path libs = target.resolve("surefire-testng-fixture-libs");
        Path coreJar = FixtureProjects.jarOf(CircuitBreaker.class, libs.resolve("tripswitch-core.jar"));
        Path listenerJar = FixtureProjects.jarOf(CircuitBreakerListener.class, libs.resolve("tripswitch-testng.jar"));

        List<String> command = new ArrayList<>(List.of(FixtureProjects.maven(), "-B", "--no-transfer-progress",
                "-Dtripswitch.core.jar=" + coreJar, "-Dtripswitch.testng.jar=" + listenerJar));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.add("test");
        Path log = project.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = maven.waitFor(20, TimeUnit.MINUTES); // a ceiling: the nested build is slow on a busy machine
        if (!done) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly); // Surefire's forked JVM too
            maven.destroyForcibly().waitFor();
        }
        buildLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("the fixture build finished in time").isTrue();
        assertThat(maven.exitValue()).as("fixture build exit code; its log:%n%s", buildLog).isZero();
        cases = readReports(project.resolve("target/surefire-reports"));
    }

    @Test
    void refusedTests_areSkippedInSurefiresXmlReportWithTheCircuitsReason() {
        assertThat(cases).filteredOn(c -> c.verdict().equals("skipped")).extracting(Case::name)
                .containsExactlyInAnyOrder("addItem", "showPage[list](1)", "showPage[detail](2)",
                        "stockLevels", "reindex", "purge");
        assertThat(cases).filteredOn(c -> c.verdict().equals("skipped")).allSatisfy(c -> assertThat(c.message())
                .matches("circuit 'inventory' is OPEN since \\S+ after 2 consecutive failures;"
                        + " last failure: java.io.IOException: inventory service down; next probe at \\S+"));
    }

    @Test
    void testsWhoseFailuresOpenedTheCircuit_stayFailedAndNothingIsAnError() {
        assertThat(cases).filteredOn(c -> c.verdict().equals("failure")).extracting(Case::name, Case::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("listItems", "inventory service down"),
                        org.assertj.core.groups.Tuple.tuple("countItems", "inventory service down"));
        assertThat(cases).filteredOn(c -> c.verdict().equals("error")).isEmpty();
        assertThat(cases).hasSize(8); // the tests only: no entry for a left-out set-up method
    }

    @Test
    void refusedTests_neverRanTheirSetUpOrBody_norTheirClassSetUp() throws IOException {
        assertThat(Files.readAllLines(project.resolve("target/bodies.txt")))
                .containsExactly("listItems", "countItems");
    }

    @Test
    void theRunEndsWithOneSummaryLinePerCircuit() {
        String line = "Tripswitch: WARNING: circuit 'inventory' opened 1 time, skipped 6 tests, let 2 through"
                + " (0 passed, 2 failed, 0 aborted), final state OPEN,"
                + " last failure: java.io.IOException: inventory service down; the run ended with the circuit OPEN, so its skipped tests never ran";
        assertThat(buildLog).containsOnlyOnce(line);
        assertThat(buildLog).contains("Tests run: 8, Failures: 2, Errors: 0, Skipped: 6");
    }

    // ------------------------------------------------------------------ helpers

    private static List<Case> readReports(Path reports) throws Exception {
        List<Case> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
            files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        assertThat(files).as("Surefire XML reports in %s", reports).isNotEmpty();
        for (Path file : files) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            NodeList testcases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < testcases.getLength(); i++) {
                Element tc = (Element) testcases.item(i);
                String verdict = "passed";
                String message = null;
                for (String kind : List.of("skipped", "failure", "error")) {
                    NodeList found = tc.getElementsByTagName(kind);
                    if (found.getLength() > 0) {
                        verdict = kind;
                        message = ((Element) found.item(0)).getAttribute("message");
                    }
                }
                out.add(new Case(tc.getAttribute("classname"), tc.getAttribute("name"), verdict, message));
            }
        }
        return out;
    }
}
