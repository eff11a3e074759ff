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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Replay the whole way a TestNG user gets it: a small Maven project (src/test/resources/surefire-testng-replay-fixture)
 * with only the two Tripswitch jars and {@code whenOpen=REPLAY} in its tripswitch.properties is built by Maven with
 * Surefire's own TestNG provider, and what it reports is read back: Surefire's XML and console, and TestNG's own
 * testng-results.xml. The shop is down until a later, unprotected class brings it back (its deferred tests — a plain
 * one, two data-provider rows, a dependsOnMethods dependent — replay and pass); the payment gateway never comes back
 * within the replay budget (its deferred test ends skipped with the final reason).
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES) // a ceiling for a loaded machine, not a speed target
class SurefireTestNGReplayTest {

    /** One {@code <testcase>} of a Surefire XML report. */
    record Case(String className, String name, String verdict, String message) {
    }

    /** One {@code <test-method>} of testng-results.xml that is a test, with the name of its {@code <test>}. */
    record TestNGResult(String test, String method, String status, boolean retried) {
    }

    private static final String DEFERRED_BY_SHOP = "deferred, to run again once the circuit lets tests through:"
            + " circuit 'shop' is OPEN since ";

    private static Path project;
    private static String buildLog;
    private static List<Case> cases;
    private static Element testngResults;

    @BeforeAll
    static void buildTheFixtureProjectWithMaven() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        project = target.resolve("surefire-testng-replay-fixture-run");
        FixtureProjects.deleteTree(project);
        FixtureProjects.copyTree(Path.of(SurefireTestNGReplayTest.class.getResource("/surefire-testng-replay-fixture")
                .toURI()), project);
        Path libs = target.resolve("surefire-testng-replay-fixture-libs");
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
        Path reports = project.resolve("target/surefire-reports");
        cases = readSurefireReport(reports.resolve("TEST-TestSuite.xml"));
        testngResults = parse(reports.resolve("testng-results.xml")).getDocumentElement();
    }

    @Test
    void surefireXml_listsTheDeferralAsASkipBesideTheReplaysResult_andCountsEachTestOnce() throws Exception {
        assertThat(cases).extracting(Case::className, Case::name, Case::verdict).containsExactly(
                tuple("fixture.CheckoutTest", "a_firstCallFindsTheShopDown", "failure"),
                tuple("fixture.CheckoutTest", "b_cart", "skipped"),
                tuple("fixture.CheckoutTest", "b_cart", "passed"),
                tuple("fixture.CheckoutTest", "c_item[book](1)", "skipped"),
                tuple("fixture.CheckoutTest", "c_item[book](1)", "passed"),
                tuple("fixture.CheckoutTest", "c_item[pen](2)", "skipped"),
                tuple("fixture.CheckoutTest", "c_item[pen](2)", "passed"),
                tuple("fixture.CheckoutTest", "d_pay", "skipped"),
                tuple("fixture.CheckoutTest", "d_pay", "passed"),
                tuple("fixture.PaymentsTest", "a_gatewayDown", "failure"),
                tuple("fixture.PaymentsTest", "b_refund", "skipped"),
                tuple("fixture.PaymentsTest", "b_refund", "skipped"),
                tuple("fixture.ZMaintenanceTest", "shopComesBack", "passed"));
        assertThat(cases).filteredOn(c -> c.className().equals("fixture.CheckoutTest") && c.verdict().equals("skipped"))
                .extracting(Case::message).satisfiesExactly(
                        m -> assertThat(m).startsWith(DEFERRED_BY_SHOP),
                        m -> assertThat(m).startsWith(DEFERRED_BY_SHOP),
                        m -> assertThat(m).startsWith(DEFERRED_BY_SHOP),
                        m -> assertThat(m).isEqualTo("deferred along with CheckoutTest.b_cart, which it depends on,"
                                + " to run again once circuit 'shop' lets tests through"));
        assertThat(cases).filteredOn(c -> c.name().equals("b_refund")).extracting(Case::message).satisfiesExactly(
                m -> assertThat(m).startsWith("deferred, to run again once the circuit lets tests through: circuit"
                        + " 'payments' is OPEN since "),
                m -> assertThat(m).matches("deferred at \\S+ by circuit 'payments' and not run again: the run waited"
                        + " \\S+ at its end for it to let tests through, and its replay budget"
                        + " \\(tripswitch.replay.budget = 4s\\) is spent; circuit 'payments' is OPEN since .*"));
        Element suite = parse(project.resolve("target/surefire-reports/TEST-TestSuite.xml")).getDocumentElement();
        assertThat(List.of(suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("skipped")))
                .as("tests, failures, skipped: a test reported twice under one name counts once, with its last result")
                .containsExactly("8", "2", "1");
    }

    @Test
    void surefireConsole_countsEveryResultPerClass_andEachTestOnceInTheResults() {
        assertThat(buildLog).contains("Tests run: 13, Failures: 2, Errors: 0, Skipped: 6");
        assertThat(buildLog).contains("Results:").contains("Tests run: 8, Failures: 2, Errors: 0, Skipped: 1");
    }

    @Test
    void testngResultsXml_countsTheDeferralsAsRetried_andTheReplaysInTheReplayTest() {
        assertThat(List.of("total", "passed", "failed", "skipped", "retried")).extracting(testngResults::getAttribute)
                .containsExactly("13", "5", "2", "1", "5");
        List<TestNGResult> results = testNGResults();
        assertThat(results).filteredOn(TestNGResult::retried).extracting(TestNGResult::test, TestNGResult::method,
                TestNGResult::status).containsExactlyInAnyOrder(
                tuple("shop", "b_cart", "SKIP"), tuple("shop", "c_item", "SKIP"), tuple("shop", "c_item", "SKIP"),
                tuple("shop", "d_pay", "SKIP"), tuple("shop", "b_refund", "SKIP"));
        assertThat(results).filteredOn(r -> !r.retried()).extracting(TestNGResult::test, TestNGResult::method,
                TestNGResult::status).containsExactlyInAnyOrder(
                tuple("shop", "a_firstCallFindsTheShopDown", "FAIL"), tuple("shop", "a_gatewayDown", "FAIL"),
                tuple("shop", "shopComesBack", "PASS"),
                tuple("shop (replay 1)", "b_cart", "PASS"), tuple("shop (replay 1)", "c_item", "PASS"),
                tuple("shop (replay 1)", "c_item", "PASS"), tuple("shop (replay 1)", "d_pay", "PASS"),
                tuple("shop (deferred, not run again)", "b_refund", "SKIP"));
        assertThat(tests()).containsExactly("shop", "shop (replay 1)", "shop (replay 2)", "shop (replay 3)",
                "shop (deferred, not run again)");
    }

    @Test
    void replayedTestsRanOnceTheShopWasBack_theirClassSetUpAgain_theChainOnOneInstance() throws Exception {
        assertThat(Files.readAllLines(project.resolve("target/bodies.txt"))).containsExactly(
                "CheckoutTest.logIn", "a_firstCallFindsTheShopDown", "a_gatewayDown", "shopComesBack",
                "CheckoutTest.logIn", "b_cart", "c_item book", "c_item pen", "d_pay");
    }

    @Test
    void theRunEndsWithTheReplaysSummaryLines() {
        assertThat(buildLog).containsOnlyOnce("Tripswitch: circuit 'shop' deferred 4 tests; replayed 4 after it let"
                + " tests through (4 passed, 0 failed)");
        assertThat(buildLog).containsOnlyOnce("Tripswitch: WARNING: circuit 'payments' deferred 1 test; replayed 0"
                + " after it let tests through (0 passed, 0 failed); 1 test skipped: the replay budget (4s) was spent"
                + " before it let them through");
    }

    // ------------------------------------------------------------------ helpers

    private static List<TestNGResult> testNGResults() {
        List<TestNGResult> out = new ArrayList<>();
        NodeList tests = testngResults.getElementsByTagName("test");
        for (int t = 0; t < tests.getLength(); t++) {
            Element test = (Element) tests.item(t);
            NodeList methods = test.getElementsByTagName("test-method");
            for (int m = 0; m < methods.getLength(); m++) {
                Element method = (Element) methods.item(m);
                if (!method.getAttribute("is-config").equals("true")) {
                    out.add(new TestNGResult(test.getAttribute("name"), method.getAttribute("name"),
                            method.getAttribute("status"), method.getAttribute("retried").equals("true")));
                }
            }
        }
        return out;
    }

    private static List<String> tests() {
        List<String> names = new ArrayList<>();
        NodeList tests = testngResults.getElementsByTagName("test");
        for (int t = 0; t < tests.getLength(); t++) {
            names.add(((Element) tests.item(t)).getAttribute("name"));
        }
        return names;
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Case> readSurefireReport(Path file) throws Exception {
        List<Case> out = new ArrayList<>();
        NodeList testcases = parse(file).getElementsByTagName("testcase");
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
        return out;
    }
}
