package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.MutableClock;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.TestBrowser;
import dev.tripswitch.browser.grid.GridWithPage;
import dev.tripswitch.browser.grid.LocalGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.annotations.BeforeMethod;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A protected TestNG suite whose tests take their browser from {@link TestBrowser#current()} in a
 * {@code @BeforeMethod}, run programmatically on a real local Selenium Grid: a hub and three Chromium nodes,
 * started once for the class on 127.0.0.1 and stopped by PID afterwards.
 */
class GridRunTest {

    private static LocalGrid grid;
    private static GridWithPage fixture;
    static String pageUrl;
    static final List<URI> ranOn = new CopyOnWriteArrayList<>();

    private CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;

    @BeforeAll
    static void startGrid() throws Exception {
        fixture = GridWithPage.start(3, "Grid page");
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
    void setUp() throws Exception {
        ranOn.clear();
        fixture.repairAll();
        registry = CircuitBreakerRegistry.builder().clock(new MutableClock()).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
    }

    @AfterEach
    void tearDown() {
        override.close();
    }

    private CircuitBreaker circuit(String name) {
        return registry.find(name).orElseThrow(() -> new AssertionError("no circuit " + name));
    }

    @Test
    void oneBrokenNode_opensItsCircuitLikeTheTestsCircuit_noTestIsSkipped_andTheSummaryNamesTheNode() throws Exception {
        LocalGrid.Node broken = grid.nodes().get(2);
        grid.breakNode(broken);

        FixtureRun run = FixtureRun.of(EightGridTests.class);

        assertThat(run.statuses()).hasSize(8).allMatch(s -> s.endsWith(" SUCCESS"), "passed");
        assertThat(ranOn).hasSize(8).doesNotContain(broken.uri());
        assertThat(circuit(broken.circuitName()).state()).isEqualTo(CircuitState.OPEN);
        assertThat(circuit(broken.circuitName()).config().failureThreshold())
                .as("the node circuit has the settings of the circuit of the tests that reached it").isEqualTo(2);
        assertThat(circuit("shop-ui").snapshot().totalFailures()).as("the tests' own circuit").isZero();
        assertThat(run.summary).anySatisfy(l -> assertThat(l).startsWith(broken.circuitName() + ": OPEN, opened 1 time(s), "));
    }

    @Test
    void everyNodeBroken_theTestsAreSkippedWithTheListOfNodes() throws Exception {
        for (LocalGrid.Node n : grid.nodes()) {
            grid.breakNode(n);
        }

        FixtureRun run = FixtureRun.of(TwoGridTestsOpeningAtOnce.class);

        assertThat(run.statuses()).hasSize(2).allMatch(s -> s.endsWith(" SKIP"), "skipped");
        for (FixtureRun.Outcome o : run.outcomes) {
            assertThat(o.reason()).startsWith("every node of the Selenium Grid at " + grid.address());
            for (LocalGrid.Node n : grid.nodes()) {
                assertThat(o.reason()).contains("circuit '" + n.circuitName() + "' is OPEN");
            }
        }
        assertThat(ranOn).isEmpty();
        assertThat(circuit("browser").snapshot().totalFailures()).as("the tests' own circuit").isZero();
    }

    /** A TestNG fixture: each test's browser is started in its {@code @BeforeMethod}, on the Grid. */
    @CircuitProtected(value = "shop-ui", failureThreshold = 2) // node circuits copy the settings of this circuit
    public static class EightGridTests {
        @BeforeMethod
        public void openPage() {
            BrowserSession s = TestBrowser.current();
            s.driver().get(pageUrl);
            assertThat(s.driver().getTitle()).isEqualTo("Grid page");
            ranOn.add(s.gridNode().orElseThrow());
        }

        @org.testng.annotations.Test public void t1() { }
        @org.testng.annotations.Test public void t2() { }
        @org.testng.annotations.Test public void t3() { }
        @org.testng.annotations.Test public void t4() { }
        @org.testng.annotations.Test public void t5() { }
        @org.testng.annotations.Test public void t6() { }
        @org.testng.annotations.Test public void t7() { }
        @org.testng.annotations.Test public void t8() { }
    }

    /** A TestNG fixture whose node circuits open at their first failure. */
    @CircuitProtected(value = "browser", failureThreshold = 1)
    public static class TwoGridTestsOpeningAtOnce {
        @BeforeMethod
        public void openPage() {
            new EightGridTests().openPage();
        }

        @org.testng.annotations.Test public void a() { }
        @org.testng.annotations.Test public void b() { }
    }
}
