package dev.tripswitch.browser.grid;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitState;
import dev.tripswitch.MutableClock;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import dev.tripswitch.browser.BrowserFailureInjector;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;
import dev.tripswitch.browser.InjectionResult;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.store.FileCircuitStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriverException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Browser sessions through a real Selenium Grid (a hub and three Chromium nodes started once for the class) and
 * the circuit of each node. Node circuits live in a registry of each test's own, on a controllable clock; the
 * last test kills a node, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridNodeCircuitsTest {

    /** Bounds a loop of sessions that waits for the Grid's round robin to reach a node; not what is checked. */
    private static final int MAX_SESSIONS = 9;

    private static GridWithPage fixture;
    private static LocalGrid grid;
    private static String pageUrl;

    private final MutableClock clock = new MutableClock();
    private CircuitBreakerRegistry.GlobalOverride registry;

    @BeforeAll
    static void startGrid() throws Exception {
        fixture = GridWithPage.start(3, "On the Grid");
        grid = fixture.grid();
        pageUrl = fixture.pageUrl();
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (fixture != null) {
            fixture.close();
            assertThat(fixture.alive()).as("processes of the Grid left running").isEmpty();
        }
    }

    @BeforeEach
    void repairAll() throws Exception {
        fixture.repairAll();
    }

    @AfterEach
    void restoreRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    /** A fresh JVM-wide registry whose circuit {@code browser}, copied by every node circuit, opens after {@code threshold}. */
    private CircuitBreaker nodeCircuitsOpenAfter(int threshold) {
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().clock(clock).build();
        registry = CircuitBreakerRegistry.replaceGlobal(r);
        return r.circuit("browser", CircuitBreakerConfig.custom().failureThreshold(threshold)
                .halfOpenAfter(Duration.ofSeconds(30)).clock(clock).build());
    }

    private static CircuitBreaker circuitOf(LocalGrid.Node node) {
        return CircuitBreakerRegistry.global().find(node.circuitName()).orElseThrow(
                () -> new AssertionError("no circuit " + node.circuitName() + " yet"));
    }

    private static BrowserSettings settings() {
        return BrowserSettings.chrome().withCommandTimeout(Duration.ofSeconds(90));
    }

    /** Starts a session, loads the test page in it and quits; the node it ran on. */
    private static URI oneTest() {
        try (BrowserSession s = BrowserSession.start(settings())) {
            s.driver().get(pageUrl);
            assertThat(s.driver().getTitle()).isEqualTo("On the Grid");
            return s.gridNode().orElseThrow();
        }
    }

    /** {@link #oneTest()} as a test under the circuit {@code browser}: admitted, run, and given its outcome. */
    private static URI oneProtectedTest(TestRun run, int number) {
        Admission a = run.admit(new TestIdentity("test", "GridSuite", "test" + number, "GridSuite.test" + number),
                Protection.by(CircuitDefinition.builder("browser", "this test").build()));
        assertThat(a.verdict()).as("test " + number).isEqualTo(Admission.Verdict.GRANTED);
        try {
            URI node = oneTest();
            a.passed();
            return node;
        } catch (RuntimeException | Error e) {
            a.failed(e);
            throw e;
        }
    }

    @Test
    @Order(0)
    void everyGridProcess_listensOnTheLoopbackOnly_theEventBusIncluded() throws Exception {
        List<String> addresses = grid.listeningAddresses();

        // the hub: HTTP, event bus publish and subscribe; each node: HTTP
        assertThat(addresses).hasSizeGreaterThanOrEqualTo(3 + grid.nodes().size())
                .allMatch(a -> a.startsWith("127.0.0.1:") || a.startsWith("[::ffff:127.0.0.1]:"), "on 127.0.0.1");
    }

    @Test
    @Order(1)
    void sessionOnTheGrid_knowsItsNode_injectsThroughTheGridsDevTools_andAnInjectedCrashIsNotTheNodesFailure() {
        nodeCircuitsOpenAfter(2);
        URI node;
        try (BrowserSession s = BrowserSession.start(settings())) {
            node = s.gridNode().orElseThrow();
            assertThat(grid.nodes()).extracting(LocalGrid.Node::uri).contains(node);
            s.driver().get(pageUrl);

            try (BrowserFailureInjector injector = new BrowserFailureInjector(s)) {
                InjectionResult r = injector.injectFailure(FailureType.CONNECTION_FAILURE, FailureIntensity.SEVERE);
                assertThat(r.verified()).as(r.describe()).isTrue();
                assertThatThrownBy(() -> s.driver().get(pageUrl)).isInstanceOf(WebDriverException.class)
                        .hasMessageContaining("ERR_INTERNET_DISCONNECTED");
                assertThat(injector.restore()).isEmpty();
            }
            s.driver().get(pageUrl);
            assertThat(s.driver().getTitle()).isEqualTo("On the Grid");

            try (BrowserFailureInjector injector = new BrowserFailureInjector(s)) {
                InjectionResult crash = injector.injectFailure(FailureType.CRASH, FailureIntensity.SEVERE);
                assertThat(crash.verified()).as(crash.describe()).isTrue();
                assertThat(injector.restore()).isEmpty(); // a new session on the Grid, at the same page
            }
            assertThat(s.driver().getTitle()).isEqualTo("On the Grid");
        }
        assertThat(circuitOf(grid.node(node)).state()).isEqualTo(CircuitState.CLOSED);
        long failures = 0;
        long successes = 0;
        for (CircuitBreaker c : CircuitBreakerRegistry.global().all()) {
            if (c.name().startsWith("browser@")) {
                failures += c.snapshot().totalFailures();
                successes += c.snapshot().totalSuccesses();
            }
        }
        assertThat(failures).as("the injected crash is not the node's failure").isZero();
        assertThat(successes).as("the session after the crash ended well").isEqualTo(1);
    }

    @Test
    @Order(2)
    void brokenNode_opensItsCircuit_theSuiteGoesOnOnTheOthers_andOnceRepairedItsProbeClosesIt() throws Exception {
        CircuitBreaker testCircuit = nodeCircuitsOpenAfter(2);
        TestRun run = TestRun.start();
        LocalGrid.Node broken = grid.nodes().get(2);
        grid.breakNode(broken);

        List<URI> ranOn = new ArrayList<>();
        for (int i = 0; i < MAX_SESSIONS && !isOpen(broken); i++) {
            ranOn.add(oneProtectedTest(run, i)); // each test gets a browser: a failed start is asked again
        }
        assertThat(circuitOf(broken).state()).isEqualTo(CircuitState.OPEN);
        assertThat(circuitOf(broken).snapshot().lastFailure().message())
                .contains("Driver server process died prematurely, exit value: 3");
        for (int i = 0; i < 3; i++) {
            ranOn.add(oneProtectedTest(run, MAX_SESSIONS + i));
        }
        assertThat(ranOn).doesNotContain(broken.uri());
        assertThat(testCircuit.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(testCircuit.snapshot().totalFailures()).as("failures on the test's own circuit").isZero();
        assertThat(testCircuit.snapshot().totalSuccesses()).isEqualTo(ranOn.size());
        for (LocalGrid.Node healthy : grid.nodes().subList(0, 2)) {
            assertThat(circuitOf(healthy).state()).isEqualTo(CircuitState.CLOSED);
        }

        grid.repairNode(broken);
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < MAX_SESSIONS && circuitOf(broken).state() != CircuitState.CLOSED; i++) {
            oneTest(); // the Grid's round robin reaches the repaired node: its session is the probe
        }
        assertThat(circuitOf(broken).state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuitOf(broken).snapshot().totalSuccesses()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void withAFileStore_aNodeOpenedInOneJvm_isAvoidedByTheOther(@TempDir Path storeDir) throws Exception {
        LocalGrid.Node broken = grid.nodes().get(2);
        CircuitBreakerRegistry first = storeRegistry(storeDir);
        CircuitBreakerRegistry second = storeRegistry(storeDir);
        try {
            grid.breakNode(broken);
            registry = CircuitBreakerRegistry.replaceGlobal(first);
            for (int i = 0; i < MAX_SESSIONS && !isOpen(broken); i++) {
                oneTest(); // a failed start on the broken node is asked again
            }
            assertThat(circuitOf(broken).state()).isEqualTo(CircuitState.OPEN);
            registry.close();
            registry = null;

            grid.repairNode(broken); // the node works again, but its circuit stays open until its probe is due
            registry = CircuitBreakerRegistry.replaceGlobal(second);
            await().atMost(Duration.ofMinutes(1)).until(() -> new NodeCircuits(second, "browser")
                    .of(broken.uri()).state() == CircuitState.OPEN);
            List<URI> ranOn = new ArrayList<>();
            for (int i = 0; i < MAX_SESSIONS && circuitOf(broken).snapshot().totalRejected() == 0; i++) {
                ranOn.add(oneTest()); // the Grid routes to the repaired node now and then: sent elsewhere
            }
            assertThat(ranOn).isNotEmpty().doesNotContain(broken.uri());
            assertThat(circuitOf(broken).snapshot().totalRejected())
                    .as("sessions the second JVM sent away from the node the first one opened").isPositive();
            assertThat(circuitOf(broken).snapshot().totalSuccesses()).isZero();
        } finally {
            first.closeStore();
            second.closeStore();
        }
    }

    /** A registry of its own on the file store in {@code dir}: another JVM, as far as node circuits go. */
    private CircuitBreakerRegistry storeRegistry(Path dir) {
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().clock(clock)
                .store(new FileCircuitStore(dir.resolve("scope"), Duration.ofSeconds(2)), Duration.ofSeconds(10))
                .build();
        r.circuit("browser", CircuitBreakerConfig.custom().failureThreshold(2).halfOpenAfter(Duration.ofSeconds(30))
                .clock(clock).build());
        return r;
    }

    @Test
    @Order(4)
    void everyNodeBroken_theTestIsSkippedWithTheListOfNodesAndTheirStates() throws Exception {
        CircuitBreaker testCircuit = nodeCircuitsOpenAfter(1);
        for (LocalGrid.Node n : grid.nodes()) {
            grid.breakNode(n);
        }
        Admission admission = TestRun.start().admit(new TestIdentity("test", "GridSuite", "checkout",
                "GridSuite.checkout"), Protection.by(CircuitDefinition.builder("browser", "this test").build()));
        assertThat(admission.isGranted()).isTrue();

        CircuitOpenException refused = null;
        try (BrowserSession s = BrowserSession.start(settings())) {
            throw new AssertionError("a session started on a Grid of broken nodes: " + s.gridNode());
        } catch (GridNodesOpenException e) {
            refused = e;
        }
        String reason = admission.skipInside(refused);

        assertThat(reason).startsWith("every node of the Selenium Grid at " + grid.address());
        for (LocalGrid.Node n : grid.nodes()) {
            assertThat(reason).contains("circuit '" + n.circuitName() + "' is OPEN");
            assertThat(circuitOf(n).snapshot().totalFailures()).isEqualTo(1);
        }
        assertThat(testCircuit.snapshot().totalFailures()).as("the test's own circuit counts nothing").isZero();
    }

    @Test
    @Order(5)
    void nodeKilledMidSuite_itsLostSessionCountsOnItsCircuit_andTheSuiteGoesOnOnTheOthers() throws Exception {
        nodeCircuitsOpenAfter(2);
        LocalGrid.Node killed;
        try (BrowserSession s = BrowserSession.start(settings())) {
            s.driver().get(pageUrl);
            killed = grid.node(s.gridNode().orElseThrow());
            grid.kill(killed);
            assertThatThrownBy(() -> s.driver().get(pageUrl)).isInstanceOf(WebDriverException.class);
        }
        assertThat(circuitOf(killed).snapshot().totalFailures()).isEqualTo(1);

        for (int i = 0; i < 4; i++) {
            assertThat(oneTest()).isNotEqualTo(killed.uri());
        }
    }

    private static boolean isOpen(LocalGrid.Node node) {
        return CircuitBreakerRegistry.global().find(node.circuitName())
                .map(c -> c.state() == CircuitState.OPEN).orElse(false);
    }
}
