package dev.tripswitch.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.grid.GridWithPage;
import dev.tripswitch.browser.grid.LocalGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.openqa.selenium.WebDriver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A protected JUnit suite whose tests take a {@code WebDriver} (or {@code BrowserSession}) parameter, run through
 * EngineTestKit on a real local Selenium Grid: a hub and three Chromium nodes, started once for the class on
 * 127.0.0.1 and stopped by PID afterwards.
 */
class GridScenariosTest extends Fixtures {

    private static LocalGrid grid;
    private static GridWithPage fixture;
    static String pageUrl;
    static final List<URI> ranOn = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startGrid() throws Exception {
        fixture = GridWithPage.start(3, "Grid page", true); // tagged nodes: sessions are steered off open nodes
        grid = fixture.grid();
        pageUrl = fixture.pageUrl();
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (fixture != null) {
            fixture.close();
            assertThat(fixture.alive()).as("Grid processes left running").isEmpty();
        }
    }

    @BeforeEach
    void repairAll() throws Exception {
        ranOn.clear();
        fixture.repairAll();
    }

    @Test
    void oneBrokenNode_opensItsCircuit_likeTheTestsCircuit_noTestIsSkipped_andTheSummaryNamesTheNode()
            throws Exception {
        LocalGrid.Node broken = grid.nodes().get(2);
        grid.breakNode(broken);

        Printed run = runPrinting(EightGridTests.class);

        run.results.testEvents().assertStatistics(s -> s.started(8).succeeded(8).failed(0).aborted(0).skipped(0));
        assertThat(ranOn).hasSize(8).doesNotContain(broken.uri());
        assertThat(circuit(broken.circuitName()).state()).isEqualTo(CircuitState.OPEN);
        assertThat(circuit(broken.circuitName()).snapshot().totalFailures())
                .as("once open, the broken node is not asked again: sessions name a tagged node that is not open")
                .isEqualTo(2);
        assertThat(circuit(broken.circuitName()).snapshot().totalRejected()).as("no session landed on it").isZero();
        assertThat(circuit(broken.circuitName()).config().failureThreshold())
                .as("the node circuit has the settings of the circuit of the tests that reached it").isEqualTo(2);
        assertThat(circuit("shop-ui").snapshot().totalFailures()).as("the tests' own circuit").isZero();
        assertThat(run.printed).contains(broken.circuitName() + ": OPEN, opened 1 time(s), ");
        for (LocalGrid.Node healthy : grid.nodes().subList(0, 2)) {
            assertThat(circuit(healthy.circuitName()).state()).isEqualTo(CircuitState.CLOSED);
        }
    }

    @Test
    void everyNodeBroken_theTestsCircuitRefusesWithTheListOfNodes() throws Exception {
        for (LocalGrid.Node n : grid.nodes()) {
            grid.breakNode(n);
        }

        Printed run = runPrinting(TwoGridTestsOpeningAtOnce.class);

        // JUnit cannot skip a test whose parameters it is resolving: the refusal is an abort with the reason
        run.results.testEvents().assertStatistics(s -> s.started(2).aborted(2).failed(0).succeeded(0));
        for (Event e : run.results.testEvents().aborted().stream().toList()) {
            String reason = e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow().getMessage();
            assertThat(reason).startsWith("every node of the Selenium Grid at " + grid.address());
            for (LocalGrid.Node n : grid.nodes()) {
                assertThat(reason).contains("circuit '" + n.circuitName() + "' is OPEN");
            }
        }
        assertThat(ranOn).isEmpty();
        assertThat(circuit("browser").snapshot().totalFailures()).as("the tests' own circuit").isZero();
        for (LocalGrid.Node n : grid.nodes()) {
            assertThat(run.printed).contains(n.circuitName() + ": OPEN");
        }
    }

    @Test
    void whileANodeIsOpen_parallelTestsHoldingTheirSessionsAtOnce_getThemOnTheTwoOtherNodes() throws Exception {
        LocalGrid.Node broken = grid.nodes().get(2);
        grid.breakNode(broken);
        for (int i = 0; i < 5; i++) { // opened before the run: every session is steered from the first
            registry.circuit(broken.circuitName()).recordFailure(new java.io.IOException("broken on purpose"));
        }
        assertThat(circuit(broken.circuitName()).state()).isEqualTo(CircuitState.OPEN);
        TwoParallelTestsHoldingTheirSessions.bothHeld = new CountDownLatch(2);

        EngineExecutionResults results = run(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"),
                TwoParallelTestsHoldingTheirSessions.class);

        // a node has one slot: had both requests named the same node, the second would wait in the Grid's queue
        // for a session the first test holds until the second has one, and the latch would give up
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(ranOn).hasSize(2).doesNotContain(broken.uri()).doesNotHaveDuplicates();
        assertThat(circuit(broken.circuitName()).snapshot().totalRejected()).as("no session landed on it").isZero();
    }

    private record Printed(EngineExecutionResults results, String printed) {
    }

    /** Runs the fixture and keeps what the run printed (the extension prints its summary at the end). */
    private static Printed runPrinting(Class<?> fixture) {
        PrintStream before = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        EngineExecutionResults results;
        try {
            results = run(fixture);
        } finally {
            System.setOut(before);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        before.print(printed);
        return new Printed(results, printed);
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "shop-ui", failureThreshold = 2, halfOpenAfter = "10m", recoveryTimeout = "20m")
    static class EightGridTests {
        private static void open(WebDriver driver, BrowserSession session) {
            driver.get(pageUrl);
            assertThat(driver.getTitle()).isEqualTo("Grid page");
            ranOn.add(session.gridNode().orElseThrow());
        }

        @Test void t1(WebDriver d, BrowserSession s) { open(d, s); }
        @Test void t2(WebDriver d, BrowserSession s) { open(d, s); }
        @Test void t3(WebDriver d, BrowserSession s) { open(d, s); }
        @Test void t4(WebDriver d, BrowserSession s) { open(d, s); }
        @Test void t5(WebDriver d, BrowserSession s) { open(d, s); }
        @Test void t6(WebDriver d, BrowserSession s) { open(d, s); }
        @Test void t7(WebDriver d, BrowserSession s) { open(d, s); }
        @Test void t8(WebDriver d, BrowserSession s) { open(d, s); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "browser", failureThreshold = 1) // node circuits copy the settings of the tests' circuit
    static class TwoGridTestsOpeningAtOnce {
        @Test void a(WebDriver d, BrowserSession s) { EightGridTests.open(d, s); }
        @Test void b(WebDriver d, BrowserSession s) { EightGridTests.open(d, s); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("browser")
    @Execution(ExecutionMode.CONCURRENT) // the run orders methods by name, which alone would keep them on one thread
    static class TwoParallelTestsHoldingTheirSessions {
        static CountDownLatch bothHeld;

        private static void holdUntilBothHaveOne(WebDriver d, BrowserSession s) throws InterruptedException {
            EightGridTests.open(d, s);
            bothHeld.countDown();
            assertThat(bothHeld.await(3, TimeUnit.MINUTES)).as("the other test's session was created meanwhile")
                    .isTrue();
        }

        @Test @Execution(ExecutionMode.CONCURRENT)
        void a(WebDriver d, BrowserSession s) throws InterruptedException { holdUntilBothHaveOne(d, s); }

        @Test @Execution(ExecutionMode.CONCURRENT)
        void b(WebDriver d, BrowserSession s) throws InterruptedException { holdUntilBothHaveOne(d, s); }
    }
}
