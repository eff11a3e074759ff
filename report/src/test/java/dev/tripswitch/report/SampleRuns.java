package dev.tripswitch.report;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.MutableClock;
import dev.tripswitch.Protection;
import dev.tripswitch.Replay;
import dev.tripswitch.TestRun;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.report.history.HistorySettings;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs of a small shop's suites through the real protocol ({@link TestRun}, the global registry on a controllable
 * clock, the history recorder found by {@link java.util.ServiceLoader}), so that the history holds what Tripswitch
 * itself records: two JVM runs per run (a JUnit-like one on circuits {@code shop} and {@code grid}, a TestNG-like one
 * that replays on {@code payments-api}), outages of various kinds from run to run — none, a blip, a long one with a
 * failed probe and health answers — and tests that waited, were deferred and replayed.
 */
final class SampleRuns {

    /** The shop's health as its health check sees it. */
    public static final class ShopHealth implements HealthCheck {
        static final AtomicBoolean HEALTHY = new AtomicBoolean(true);

        @Override
        public boolean isHealthy() {
            return HEALTHY.get();
        }
    }

    /** What one generated run was like. */
    enum Outage { NONE, BLIP, LONG }

    private static final Instant FIRST = Instant.parse("2026-11-20T08:00:00Z");

    private final Random random;
    private MutableClock clock;

    private SampleRuns(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Writes {@code runs} runs into the history at {@code folder}, a day apart, the last one with the long outage,
     * and only the last one's report; returns the summary lines of the last run's two JVM runs.
     */
    static List<String> write(Path folder, int runs, long seed) throws Exception {
        SampleRuns s = new SampleRuns(seed);
        List<String> last = List.of();
        String history = System.getProperty(HistorySettings.HISTORY);
        String report = System.getProperty(HistorySettings.REPORT);
        String runId = System.getProperty("tripswitch.run.id");
        try {
            System.setProperty(HistorySettings.HISTORY, folder.toString());
            for (int i = 0; i < runs; i++) {
                Outage outage = i == runs - 1 ? Outage.LONG : switch (s.random.nextInt(6)) {
                    case 0, 1 -> Outage.BLIP;
                    case 2 -> Outage.LONG;
                    default -> Outage.NONE;
                };
                System.setProperty(HistorySettings.REPORT, Boolean.toString(i == runs - 1));
                last = s.run(String.format("20261120-%02d-sample", i), FIRST.plus(Duration.ofDays(i)), outage);
            }
        } finally {
            restore(HistorySettings.HISTORY, history);
            restore(HistorySettings.REPORT, report);
            restore("tripswitch.run.id", runId);
        }
        return last;
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private List<String> run(String runId, Instant start, Outage outage) throws Exception {
        System.setProperty("tripswitch.run.id", runId);
        clock = new MutableClock(start);
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).build();
        List<String> lines = new ArrayList<>();
        try (CircuitBreakerRegistry.GlobalOverride ignored = CircuitBreakerRegistry.replaceGlobal(registry)) {
            lines.addAll(junitLikeRun(outage));
            clock.advance(Duration.ofSeconds(3));
            lines.addAll(testngLikeRun(runId, outage));
        }
        return lines;
    }

    // ------------------------------------------------------------------ JVM 1: circuits shop and grid

    private List<String> junitLikeRun(Outage outage) throws Exception {
        TestRun run = TestRun.start();
        Protection shop = Protection.by(CircuitDefinition.builder("shop", "@CircuitProtected(\"shop\") on"
                + " com.example.shop.CheckoutTest").failureThreshold(3).halfOpenAfter(Duration.ofSeconds(20))
                .recoveryTimeout(Duration.ofSeconds(60)).healthCheck(ShopHealth.class)
                .healthCheckInterval(Duration.ofSeconds(5))
                .earlyWarning(false) // the story: three failures open the circuit, then the check is asked
                .build());
        Protection grid = Protection.by(CircuitDefinition.builder("grid", "@CircuitProtected(\"grid\") on"
                + " com.example.shop.BrowserSmokeTest").failureThreshold(1).halfOpenAfter(Duration.ofSeconds(8))
                .whenOpen(WhenOpen.WAIT).maxWait(Duration.ofSeconds(30)).build());
        String[] pages = {"home", "search", "item", "cart", "checkout", "orders", "account", "wishlist"};
        int n = 0;
        for (int i = 0; i < 26 + random.nextInt(8); i++) {
            pass(run, test("junit5", "com.example.shop.CheckoutTest", pages[i % pages.length] + "_" + (n++)), shop,
                    600 + random.nextInt(1600));
        }
        if (random.nextInt(3) == 0) {
            fail(run, test("junit5", "com.example.shop.SearchTest", "sortsByPrice"), shop, 900,
                    new AssertionError("expected [3.99, 5.49] but was [5.49, 3.99]"));
        }
        if (outage != Outage.NONE) {
            ShopHealth.HEALTHY.set(false);
            for (int i = 0; i < 3; i++) {
                fail(run, test("junit5", "com.example.shop.CheckoutTest", "pay_" + i), shop, 4000 + random.nextInt(900),
                        i == 1 ? new SocketTimeoutException("Read timed out after 4000 ms: GET http://shop:8080/cart")
                                : new ConnectException("Connection refused: shop:8080"));
            }
            int refused = outage == Outage.LONG ? 30 : 6;
            for (int i = 0; i < refused; i++) {
                Admission a = run.admit(test("junit5", "com.example.shop.OrdersTest", "order_" + i), shop);
                if (a.isGranted()) { // a probe let through
                    finish(a, outage == Outage.LONG ? 3000 : 700, outage == Outage.LONG
                            ? new ConnectException("Connection refused: shop:8080") : null);
                    ShopHealth.HEALTHY.set(outage == Outage.BLIP);
                }
                clock.advance(Duration.ofMillis(outage == Outage.LONG ? 2500 : 2000));
            }
            ShopHealth.HEALTHY.set(true);
            clock.advance(Duration.ofSeconds(6));
        }
        for (int i = 0; i < 14 + random.nextInt(8); i++) {
            pass(run, test("junit5", "com.example.shop.AccountTest", "profile_" + i), shop, 500 + random.nextInt(1500));
        }
        // the grid: a node drops one session; the next test waits for the probe and runs
        pass(run, test("junit5", "com.example.shop.BrowserSmokeTest", "opensHome"), grid, 2200);
        if (outage != Outage.NONE) {
            fail(run, test("junit5", "com.example.shop.BrowserSmokeTest", "opensCart"), grid, 3100,
                    new IOException("Could not start a new session: node 10.0.0.7:5555 is gone"));
            Admission waited = waitFor(run, test("junit5", "com.example.shop.BrowserSmokeTest", "opensOrders"), grid,
                    Duration.ofSeconds(8));
            finish(waited, 1900, null);
        }
        for (int i = 0; i < 6; i++) {
            pass(run, test("junit5", "com.example.shop.BrowserSmokeTest", "page_" + i), grid, 1500 + random.nextInt(900));
        }
        return run.summaryLines();
    }

    // ------------------------------------------------------------------ JVM 2: circuit payments-api, replayed

    private List<String> testngLikeRun(String runId, Outage outage) throws Exception {
        TestRun run = TestRun.startReplaying("testng:" + runId, Replay.DEFAULT_BUDGET);
        try {
            Protection payments = Protection.by(CircuitDefinition.builder("payments-api", "payments-api from"
                    + " tripswitch.properties").failureThreshold(2).halfOpenAfter(Duration.ofSeconds(15))
                    .whenOpen(WhenOpen.REPLAY).build());
            for (int i = 0; i < 18 + random.nextInt(6); i++) {
                pass(run, test("testng", "com.example.payments.RefundTest", "refund_" + i), payments,
                        300 + random.nextInt(900));
            }
            List<TestIdentity> deferred = new ArrayList<>();
            if (outage == Outage.LONG) {
                for (int i = 0; i < 2; i++) {
                    fail(run, test("testng", "com.example.payments.CaptureTest", "capture_" + i), payments, 2500,
                            new ConnectException("Connection refused: payments:9000"));
                }
                for (int i = 0; i < 7; i++) {
                    TestIdentity t = test("testng", "com.example.payments.CaptureTest", "later_" + i);
                    Admission a = run.admit(t, payments);
                    if (a.isDeferred()) {
                        deferred.add(t);
                    }
                    clock.advance(Duration.ofMillis(400));
                }
            }
            for (int i = 0; i < 8; i++) {
                pass(run, test("testng", "com.example.payments.InvoiceTest", "invoice_" + i), null, 400);
            }
            if (!deferred.isEmpty()) {
                clock.advance(Duration.ofSeconds(15));
                List<TestIdentity> round = run.replay().orElseThrow().nextRound();
                for (TestIdentity t : round) {
                    Admission a = run.admit(t, payments);
                    finish(a, 500 + random.nextInt(600), null);
                }
            }
            run.abandonDeferred();
            return run.summaryLines();
        } finally {
            run.end();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static TestIdentity test(String framework, String className, String method) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return new TestIdentity(framework, className, method, simple + "." + method + "()",
                "[engine:" + framework + "]/[class:" + className + "]/[method:" + method + "()]");
    }

    private void pass(TestRun run, TestIdentity test, Protection protection, long millis) {
        if (protection == null) {
            clock.advance(Duration.ofMillis(millis)); // an unprotected test: it takes time, nothing is recorded
            return;
        }
        finish(run.admit(test, protection), millis, null);
    }

    private void fail(TestRun run, TestIdentity test, Protection protection, long millis, Throwable failure) {
        finish(run.admit(test, protection), millis, failure);
    }

    private void finish(Admission a, long millis, Throwable failure) {
        if (!a.isGranted()) {
            clock.advance(Duration.ofMillis(20));
            return;
        }
        clock.advance(Duration.ofMillis(millis));
        if (failure == null) {
            a.passed();
        } else {
            a.failed(failure);
        }
        clock.advance(Duration.ofMillis(40 + random.nextInt(80)));
    }

    /** A test whose circuit makes it wait ({@code whenOpen = WAIT}): admitted on another thread while time moves. */
    private Admission waitFor(TestRun run, TestIdentity test, Protection protection, Duration until) throws Exception {
        CompletableFuture<Admission> admission = CompletableFuture.supplyAsync(() -> run.admit(test, protection));
        var circuit = CircuitBreakerRegistry.global().find("grid").orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (circuit.waitingCallers() == 0 && !admission.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        clock.advance(until);
        return admission.get(20, TimeUnit.SECONDS);
    }
}
