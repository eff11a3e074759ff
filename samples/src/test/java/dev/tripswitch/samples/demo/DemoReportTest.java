package dev.tripswitch.samples.demo;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.browser.grid.NodeTally;
import dev.tripswitch.samples.run.SuiteReport;
import dev.tripswitch.samples.run.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.tripswitch.samples.run.TestRecord.Status.FAILED;
import static dev.tripswitch.samples.run.TestRecord.Status.PASSED;
import static dev.tripswitch.samples.run.TestRecord.Status.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the demo prints, from suite reports made here: the figures of each suite's block and of the summary agree,
 * and a Grid's node circuits, made anew for each suite, are counted over the whole run in the summary.
 */
class DemoReportTest {

    private static final String NODE_A = "browser@127.0.0.1:5551";
    private static final String NODE_B = "browser@127.0.0.1:5552";

    private static SuiteReport suite(String name, List<TestRecord> tests, long openings, List<NodeTally> nodes) {
        CircuitSnapshot shop = new CircuitSnapshot("shop", CircuitState.CLOSED, Instant.EPOCH, 0, 3, 7, 3, 0, 3,
                openings, null, null, Duration.ZERO, null, List.of());
        return new SuiteReport(name, tests, Optional.of(shop), Duration.ofSeconds(20), List.of(), nodes);
    }

    private static List<TestRecord> sevenPassedThreeFailedThreeSkipped() {
        List<TestRecord> tests = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            tests.add(new TestRecord("Journey", "passes" + i, PASSED, null));
        }
        for (int i = 0; i < 3; i++) {
            tests.add(new TestRecord("Journey", "fails" + i, FAILED, "connection refused"));
            tests.add(new TestRecord("Journey", "refused" + i, SKIPPED, "circuit 'shop' is OPEN"));
        }
        return tests;
    }

    @Test
    void aSuitesBlock_endsWithItsOwnFigures_andItsNodesCircuits() {
        SuiteReport junit = suite("JUnit 5", sevenPassedThreeFailedThreeSkipped(), 1, List.of(
                new NodeTally(NODE_A, CircuitState.CLOSED, 0, 0, 5, 0, null),
                new NodeTally(NODE_B, CircuitState.OPEN, 1, 1, 2, 3, "SessionNotCreatedException: node down")));

        List<String> block = DemoReport.suiteBlock(junit, false);

        assertThat(block.get(0)).isEqualTo("== JUnit 5");
        assertThat(block).filteredOn(l -> l.startsWith("  SKIPPED")).hasSize(3);
        assertThat(block).contains("  its Grid nodes' circuits:",
                "    " + NODE_A + ": CLOSED, opened 0 time(s), 0 failure(s), 5 session(s) ended well,"
                        + " 0 session(s) sent elsewhere");
        assertThat(block.get(block.size() - 1))
                .isEqualTo("  JUnit 5: 13 tests, 7 passed, 3 failed, 3 skipped; circuit 'shop' opened 1 time,"
                        + " now CLOSED; 20.0 s");
    }

    @Test
    void theSummary_countsEachGridNodeOverEverySuite_notTheLastSuiteOnly() {
        SuiteReport junit = suite("JUnit 5", sevenPassedThreeFailedThreeSkipped(), 1, List.of(
                new NodeTally(NODE_A, CircuitState.CLOSED, 0, 0, 5, 0, null),
                new NodeTally(NODE_B, CircuitState.OPEN, 1, 1, 6, 2, "SessionNotCreatedException: node down")));
        SuiteReport testng = suite("TestNG", sevenPassedThreeFailedThreeSkipped(), 1, List.of(
                new NodeTally(NODE_B, CircuitState.CLOSED, 0, 0, 1, 0, null),
                new NodeTally(NODE_A, CircuitState.CLOSED, 0, 0, 2, 0, null)));

        List<String> summary = DemoReport.summary(List.of(junit, testng), true, "http://127.0.0.1:4444",
                Duration.ofSeconds(50));

        assertThat(summary).containsSubsequence(
                "  Selenium Grid http://127.0.0.1:4444, its nodes' circuits over the whole run (all suites):",
                "    " + NODE_A + ": CLOSED, opened 0 time(s), 0 failure(s), 7 session(s) ended well,"
                        + " 0 session(s) sent elsewhere",
                "    " + NODE_B + ": CLOSED, opened 1 time(s), 1 failure(s), 7 session(s) ended well,"
                        + " 2 session(s) sent elsewhere; last failure: SessionNotCreatedException: node down");
        assertThat(summary).contains("  total: 26 tests run, 14 passed, 6 failed, 6 skipped; circuits opened: 2;"
                + " wall time 50.0 s");
    }

    @Test
    void eachSuitesBlock_followsTheLinesPrintedWhileItRan_andComesBeforeTheNextSuite() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        List<java.util.function.Supplier<SuiteReport>> suites = List.of(
                () -> {
                    out.println("Tripswitch: circuit 'shop' opened 1 time (JUnit 5 run)");
                    return suite("JUnit 5", sevenPassedThreeFailedThreeSkipped(), 1, List.of());
                },
                () -> {
                    out.println("Tripswitch: circuit 'shop' opened 1 time (TestNG run)");
                    return suite("TestNG", sevenPassedThreeFailedThreeSkipped(), 1, List.of());
                });

        List<SuiteReport> reports = DemoReport.runEach(suites, false, out);

        assertThat(reports).extracting(SuiteReport::suite).containsExactly("JUnit 5", "TestNG");
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList()).containsSubsequence(
                "Tripswitch: circuit 'shop' opened 1 time (JUnit 5 run)",
                "== JUnit 5",
                "  JUnit 5: 13 tests, 7 passed, 3 failed, 3 skipped; circuit 'shop' opened 1 time, now CLOSED; 20.0 s",
                "Tripswitch: circuit 'shop' opened 1 time (TestNG run)",
                "== TestNG",
                "  TestNG: 13 tests, 7 passed, 3 failed, 3 skipped; circuit 'shop' opened 1 time, now CLOSED; 20.0 s");
    }

    @Test
    void withoutAGrid_noNodeLinesAnywhere() {
        SuiteReport junit = suite("JUnit 5", sevenPassedThreeFailedThreeSkipped(), 1, List.of());

        assertThat(DemoReport.suiteBlock(junit, false)).noneMatch(l -> l.contains("Grid"));
        assertThat(DemoReport.summary(List.of(junit), true, null, Duration.ofSeconds(1)))
                .noneMatch(l -> l.contains("Grid"));
    }
}
