package dev.tripswitch.bench.grid;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import dev.tripswitch.browser.grid.GridSession;
import dev.tripswitch.browser.grid.GridSessions;
import dev.tripswitch.browser.grid.GridSettings;
import dev.tripswitch.browser.grid.NodeCircuits;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.http.ClientConfig;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The Grid scenario's suite: {@code tests} browser tests run one after another, each a new session on the Grid
 * that loads a page and checks its title, then quits. How a session is asked and what protects the test depends
 * on the {@link GridArm}; every session is quit whatever happens.
 */
final class GridSuite {

    /** The consecutive failures that open a circuit in the protected arms (the suite's and each node's). */
    static final int FAILURE_THRESHOLD = 3;
    /** Long enough that no circuit probes during one arm: what is measured is the suite while the node is broken. */
    static final Duration HALF_OPEN_AFTER = Duration.ofMinutes(30);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    /** What one arm measured. */
    record Result(GridArm arm, int round, String description, int tests, int passed, int failed, int skipped,
                  long wallMillis, TreeMap<String, Integer> passedPerNode, List<String> circuits, String firstFailure,
                  String firstSkipReason) {
    }

    private GridSuite() {
    }

    /** Runs {@code arm}'s suite; {@code round} (from 1; 0 for an arm run once) only labels the result. */
    static Result run(GridArm arm, int round, URI grid, String pageUrl, int tests) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().build();
        try (CircuitBreakerRegistry.GlobalOverride ignored = CircuitBreakerRegistry.replaceGlobal(registry)) {
            TestRun run = TestRun.start();
            CircuitDefinition circuit = switch (arm) {
                case ONE_CIRCUIT -> CircuitDefinition.builder("suite", "grid benchmark")
                        .failureThreshold(FAILURE_THRESHOLD).halfOpenAfter(HALF_OPEN_AFTER)
                        .recoveryTimeout(HALF_OPEN_AFTER).build();
                case CIRCUIT_PER_NODE, CIRCUIT_PER_NODE_TWO_HEALTHY -> CircuitDefinition
                        .builder("browser", "grid benchmark")
                        .failureThreshold(FAILURE_THRESHOLD).halfOpenAfter(HALF_OPEN_AFTER)
                        .recoveryTimeout(HALF_OPEN_AFTER).build();
                default -> null;
            };
            GridSessions sessions = arm.nodeCircuits()
                    ? new GridSessions(GridSettings.of(grid.toString()), registry) : null;
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            String firstFailure = null;
            String firstSkip = null;
            TreeMap<String, Integer> perNode = new TreeMap<>();
            long start = System.nanoTime();
            for (int i = 1; i <= tests; i++) {
                Admission a = circuit == null ? null : run.admit(new TestIdentity("grid-" + i, "GridSuite",
                        "test" + i, "GridSuite.test" + i), Protection.by(circuit));
                if (a != null && a.verdict() == Admission.Verdict.MISCONFIGURED) {
                    throw a.error();
                }
                if (a != null && a.verdict() == Admission.Verdict.UNGUARDED) {
                    throw new IllegalStateException("the " + arm + " arm's tests must run under their circuit: "
                            + a.reason());
                }
                if (a != null && !a.isGranted()) {
                    skipped++;
                    firstSkip = firstSkip == null ? a.reason() : firstSkip;
                    continue;
                }
                try {
                    String node = oneTest(sessions, grid, pageUrl);
                    if (a != null) {
                        a.passed();
                    }
                    passed++;
                    perNode.merge(node, 1, Integer::sum);
                } catch (RuntimeException e) {
                    String skip = a == null ? null : a.skipInside(e);
                    if (skip != null) {
                        skipped++;
                        firstSkip = firstSkip == null ? skip : firstSkip;
                        continue;
                    }
                    if (a != null) {
                        a.failed(e);
                    }
                    failed++;
                    firstFailure = firstFailure == null ? firstLine(e) : firstFailure;
                }
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            List<String> lines = new ArrayList<>();
            for (CircuitBreaker c : registry.all()) {
                if (!c.name().startsWith("browser@")) {
                    lines.add(c.name() + ": " + c.snapshot().state() + ", opened " + c.snapshot().timesOpened()
                            + " time(s), " + c.snapshot().totalFailures() + " failure(s), "
                            + c.snapshot().totalRejected() + " refused");
                }
            }
            lines.addAll(NodeCircuits.summaryLines(registry));
            return new Result(arm, round, arm.description, tests, passed, failed, skipped, wall, perNode, lines,
                    firstFailure, firstSkip);
        }
    }

    /** One test: a session, the page, its title, quit. The node it ran on, when known. */
    private static String oneTest(GridSessions sessions, URI grid, String pageUrl) {
        ClientConfig config = ClientConfig.defaultConfig().readTimeout(COMMAND_TIMEOUT);
        if (sessions != null) {
            GridSession s = sessions.open(options(), config);
            try {
                check(s.driver(), pageUrl);
                return s.node().toString();
            } finally {
                s.quit();
            }
        }
        RemoteWebDriver d;
        try {
            d = new RemoteWebDriver(grid.toURL(), options(), config);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Grid address " + grid + ": " + e, e);
        }
        try {
            check(d, pageUrl);
            return "(not asked)";
        } finally {
            d.quit();
        }
    }

    private static void check(WebDriver d, String pageUrl) {
        d.get(pageUrl);
        String title = d.getTitle();
        if (!GridBenchmark.PAGE_TITLE.equals(title)) {
            throw new AssertionError("page title '" + title + "', expected '" + GridBenchmark.PAGE_TITLE + "'");
        }
    }

    private static ChromeOptions options() {
        return new ChromeOptions().addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run");
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
