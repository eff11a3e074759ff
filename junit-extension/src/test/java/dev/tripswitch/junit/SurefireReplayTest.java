package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.FixtureProjects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Replay the whole way a user gets it: a small Maven project (src/test/resources/surefire-replay-fixture) with only
 * the two Tripswitch jars, configured only in its junit-platform.properties (extension auto-detection, and the
 * circuit's settings with {@code whenOpen=REPLAY} as JUnit configuration parameters) is built
 * by Maven with Surefire's JUnit Platform provider, and its XML reports are read back. The shop is down until a
 * later, unprotected class brings it back; the deferred tests (a plain test, two parameterized invocations, a test
 * factory) must each appear exactly once, with the result of their replay.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES) // a ceiling for a loaded machine, not a speed target
class SurefireReplayTest {

    /** One {@code <testcase>} of a Surefire XML report. */
    record Case(String className, String name, String verdict) {
    }

    private static Path project;
    private static String buildLog;
    private static List<Case> cases;

    @BeforeAll
    static void buildTheFixtureProjectWithMaven() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        project = target.resolve("surefire-replay-fixture-run");
        FixtureProjects.deleteTree(project);
        FixtureProjects.copyTree(Path.of(SurefireReplayTest.class.getResource("/surefire-replay-fixture").toURI()),
                project);
        Path libs = target.resolve("surefire-replay-fixture-libs");
        Path coreJar = FixtureProjects.jarOf(CircuitBreaker.class, libs.resolve("tripswitch-core.jar"));
        Path junitJar = FixtureProjects.jarOf(ReplayingEngine.class, libs.resolve("tripswitch-junit5.jar"));

        List<String> command = new ArrayList<>(List.of(FixtureProjects.maven(), "-B", "--no-transfer-progress",
                "-Dtripswitch.core.jar=" + coreJar, "-Dtripswitch.junit5.jar=" + junitJar));
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
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor();
        }
        buildLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("the fixture build finished in time").isTrue();
        assertThat(maven.exitValue()).as("fixture build exit code; its log:%n%s", buildLog).isZero();
        cases = readReports(project.resolve("target/surefire-reports"));
    }

    @Test
    void everyTestHasExactlyOneResult_theDeferredOnesThatOfTheirReplay() {
        assertThat(cases).extracting(Case::className, Case::name, Case::verdict).containsExactlyInAnyOrder(
                tuple("fixture.CheckoutTest", "a_firstCallFindsTheShopDown", "error"),
                tuple("fixture.CheckoutTest", "b_cart", "passed"),
                tuple("fixture.CheckoutTest", "c_item(String)[1]", "passed"),
                tuple("fixture.CheckoutTest", "c_item(String)[2]", "passed"),
                tuple("fixture.CheckoutTest", "d_pages()[1]", "passed"),
                tuple("fixture.CheckoutTest", "d_pages()[2]", "passed"),
                tuple("fixture.ZMaintenanceTest", "shopComesBack", "passed"));
        assertThat(buildLog).contains("Tests run: 7, Failures: 0, Errors: 1, Skipped: 0");
    }

    @Test
    void theUnprotectedClassRanWhileTheCircuitWasOpen_andTheDeferredClassWasSetUpAgainForItsReplay()
            throws Exception {
        assertThat(Files.readAllLines(project.resolve("target/bodies.txt"))).containsExactly(
                "CheckoutTest.beforeAll", "a_firstCallFindsTheShopDown", "shopComesBack",
                "CheckoutTest.beforeAll", "b_cart", "c_item book", "c_item pen", "d_pages home", "d_pages help");
    }

    @Test
    void theRunEndsWithTheReplaysSummaryLine() {
        assertThat(buildLog).containsOnlyOnce("Tripswitch: circuit 'shop' deferred 4 tests; replayed 4 after it let"
                + " tests through (3 passed, 0 failed, 1 other: aborted, skipped, or a test factory)");
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
                for (String kind : List.of("skipped", "failure", "error")) {
                    if (tc.getElementsByTagName(kind).getLength() > 0) {
                        verdict = kind;
                    }
                }
                out.add(new Case(tc.getAttribute("classname"), tc.getAttribute("name"), verdict));
            }
        }
        return out;
    }
}
