package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FakeShop;
import dev.tripswitch.WhenOpen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterTest;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.BeforeTest;
import org.testng.annotations.DataProvider;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code whenOpen = REPLAY} through a real TestNG run: a test refused by an OPEN circuit is deferred — reported
 * SKIP and retried, as TestNG reports its own retries — and run again in a replay copy of its {@code <test>} once
 * the circuit lets tests through, with one final result. TestNG runs on a thread of its own; once the suite's own
 * {@code <test>}s are done it waits for the circuit on the controllable clock, and the scenario moves the clock
 * when it sees that wait.
 */
class ReplayTest extends WithTestRegistry {

    private static final Duration CEILING = FakeShop.CEILING;
    private static final Instant START = dev.tripswitch.MutableClock.START;

    static final AtomicBoolean shopUp = new AtomicBoolean();
    static final Queue<String> ran = new ConcurrentLinkedQueue<>(); // bodies and set-ups, in the order they ran

    private final ExecutorService testng = Executors.newSingleThreadExecutor();

    @BeforeEach
    void shopDown() {
        shopUp.set(false);
        ran.clear();
    }

    @AfterEach
    void stopTestNGThread() {
        testng.shutdownNow();
    }

    @Test
    void refusedTestsAreDeferred_thenReplayedAfterTheProbe_andPassWithOneFinalResultEach() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, Checkout.class, Unprotected.class);
        awaitReplayWaiting();
        assertThat(ran).as("deferred tests did not run; the unprotected ones ran meanwhile")
                .containsExactly("Checkout.setUpClass", "t1_shopDown", "Checkout.tearDownClass", "u1", "u2");
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "u1 SUCCESS", "u2 SUCCESS",
                "t2_cart SUCCESS", "t3_pay SUCCESS");
        assertThat(run.where(FixtureRun.Outcome::retried)).extracting(o -> o.method() + " " + o.test())
                .containsExactly("t2_cart fixture test", "t3_pay fixture test");
        assertThat(run.where(FixtureRun.Outcome::retried)).allSatisfy(o -> assertThat(o.skipped()).isTrue())
                .allSatisfy(o -> assertThat(o.reason()).startsWith("deferred, to run again once the circuit lets"
                        + " tests through: circuit 'replay-shop' is OPEN"));
        assertThat(run.where(o -> o.method().startsWith("t2") && !o.retried()).get(0).test())
                .isEqualTo("fixture test (replay 1)");
        assertThat(ran).as("the class was set up again around its replayed tests").containsSubsequence(
                "Checkout.setUpClass", "t2_cart", "t3_pay", "Checkout.tearDownClass");
        assertThat(ran.stream().filter(r -> r.equals("Checkout.setUpClass"))).hasSize(2);
        assertThat(circuit("replay-shop").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(run.summary).contains("Tripswitch: circuit 'replay-shop' deferred 2 tests; replayed 2 after it"
                + " let tests through (2 passed, 0 failed)");
        assertThat(run.tests).containsExactly("fixture test", "fixture test (replay 1)", "fixture test (replay 2)",
                "fixture test (replay 3)", "fixture test (deferred, not run again)");
    }

    @Test
    void replayedTestFails_itsRealFailureIsItsFinalResult_countedOnce() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, ReplayFails.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "t2_wrongTotal FAILURE",
                "t3_pay SUCCESS");
        assertThat(run.where(o -> o.failed() && o.method().equals("t2_wrongTotal"))).singleElement()
                .extracting(FixtureRun.Outcome::reason).isEqualTo("total was 41");
        assertThat(circuit("replay-shop").snapshot().totalFailures()).as("t1 only: an assertion does not count")
                .isEqualTo(1);
        assertThat(run.summary).contains("Tripswitch: circuit 'replay-shop' deferred 2 tests; replayed 2 after it"
                + " let tests through (1 passed, 1 failed)");
    }

    @Test
    void circuitNeverLetsTestsThrough_deferredTestsEndSkippedWithTheDeferralReason_budgetFromASuiteParameter()
            throws Exception {
        Future<FixtureRun> running = inBackground(
                suite -> suite.setParameters(Map.of("tripswitch.replay.budget", "5s")), Checkout.class);
        awaitReplayWaiting();
        clock.advance(Duration.ofSeconds(5));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "t2_cart SKIP", "t3_pay SKIP");
        assertThat(run.finalOutcomes()).filteredOn(FixtureRun.Outcome::skipped).allSatisfy(o -> {
            assertThat(o.test()).isEqualTo("fixture test (deferred, not run again)");
            assertThat(o.reason()).startsWith("deferred at " + START + " by circuit 'replay-shop' and not run again:"
                    + " the run waited 5s at its end for it to let tests through, and its replay budget"
                    + " (tripswitch.replay.budget = 5s) is spent; circuit 'replay-shop' is OPEN");
        });
        assertThat(ran).as("no round ran: the class was set up once").containsExactly("Checkout.setUpClass",
                "t1_shopDown", "Checkout.tearDownClass");
        assertThat(run.summary).contains("Tripswitch: WARNING: circuit 'replay-shop' deferred 2 tests; replayed 0"
                + " after it let tests through (0 passed, 0 failed); 2 tests skipped: the replay budget (5s) was spent"
                + " before it let them through");
    }

    @Test
    void refusedClassSetUp_itsTestsAreDeferred_andTheClassIsSetUpForTheirReplay() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, OpensTheCircuit.class, Catalog.class);
        awaitReplayWaiting();
        assertThat(ran).containsExactly("t1_shopDown");
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "browse SUCCESS", "search SUCCESS");
        assertThat(ran).containsExactly("t1_shopDown", "Catalog.setUpClass", "browse", "search",
                "Catalog.tearDownClass");
    }

    @Test
    void testLevelSetUp_runsAgainOnlyInTheReplayTestThatHasTestsToRun() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, WithTestSetUp.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "t2_cart SUCCESS");
        assertThat(ran).containsExactly("beforeTest", "t1_shopDown", "afterTest", "beforeTest", "t2_cart",
                "afterTest");
        assertThat(run.configs).filteredOn(c -> c.leftOut() != null).extracting(FixtureRun.Config::method)
                .as("left out in replay 2, replay 3 and the final copy, reported as passed configurations")
                .containsExactly("beforeTest", "afterTest", "beforeTest", "afterTest", "beforeTest", "afterTest");
    }

    @Test
    void dependsOnMethodsChain_theDependentIsDeferredAlong_andTheChainIsReplayedAsAWhole() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, ReplayOrders.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("a_shopDown FAILURE", "b_logIn SUCCESS", "c_order SUCCESS");
        assertThat(run.where(o -> o.method().equals("c_order") && o.retried())).singleElement()
                .extracting(FixtureRun.Outcome::reason).isEqualTo("deferred along with ReplayOrders.b_logIn, which it"
                        + " depends on, to run again once circuit 'replay-shop' lets tests through");
        assertThat(ran).as("the order ran after the log-in, on the same instance").containsExactly("a_shopDown",
                "b_logIn", "c_order (logged in)");
        assertThat(run.summary).contains("Tripswitch: circuit 'replay-shop' deferred 2 tests; replayed 2 after it"
                + " let tests through (2 passed, 0 failed)");
    }

    @Test
    void dependentWhoseChainAlreadyRan_isSkippedForGood_notDeferred() throws Exception {
        FixtureRun run = FixtureRun.replaying(ReplayProfile.class); // nothing deferred: no round waits

        assertThat(run.finalStatuses()).containsExactly("a_home SUCCESS", "b_shopDown FAILURE", "c_details SKIP");
        assertThat(run.where(FixtureRun.Outcome::retried)).isEmpty();
        assertThat(run.where(FixtureRun.Outcome::skipped).get(0).reason()).startsWith("circuit 'replay-shop' is OPEN")
                .endsWith("; not deferred: it depends on other test methods (dependsOnMethods/dependsOnGroups),"
                        + " which ran before it, and its chain cannot be replayed as a whole any more");
    }

    @Test
    void dataProviderRows_onlyTheRefusedRowsAreReplayed_theirSetUpBeforeEach() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, Items.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("item[1] FAILURE", "item[2] SUCCESS", "item[3] SUCCESS");
        assertThat(run.where(FixtureRun.Outcome::retried)).extracting(o -> Arrays.toString(o.parameters()))
                .containsExactly("[2]", "[3]");
        assertThat(ran).as("rows 2 and 3 were set up only for their replay")
                .containsExactly("setUp", "item 1", "setUp", "item 2", "setUp", "item 3");
    }

    @Test
    void parallelMethods_everyTestHasExactlyOneFinalResult_andTheCountsAddUp() throws Exception {
        CircuitBreaker shop = registry.circuit(CircuitDefinition.builder("replay-crowd", "the scenario")
                .failureThreshold(1).halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.REPLAY).build());
        shop.recordFailure(new IOException("shop down"));
        shopUp.set(true);
        Future<FixtureRun> running = inBackground(suite -> {
            suite.setParallel(XmlSuite.ParallelMode.METHODS);
            suite.setThreadCount(4);
            suite.setDataProviderThreadCount(4);
        }, Crowd.class);
        awaitReplayWaiting();
        assertThat(ran).as("every test was deferred before it ran").isEmpty();
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        Map<String, List<FixtureRun.Outcome>> finals = run.finalOutcomes().stream()
                .collect(Collectors.groupingBy(o -> o.method() + Arrays.toString(o.parameters())));
        assertThat(finals).hasSize(Crowd.TESTS);
        assertThat(finals.values()).allSatisfy(results -> assertThat(results).singleElement()
                .satisfies(o -> assertThat(o.passed()).as(o.toString()).isTrue()));
        assertThat(run.where(FixtureRun.Outcome::retried)).allSatisfy(o -> assertThat(o.skipped()).isTrue())
                .hasSizeGreaterThanOrEqualTo(Crowd.TESTS);
        assertThat(ran).hasSize(Crowd.TESTS);
        assertThat(shop.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(run.summary).contains("Tripswitch: circuit 'replay-crowd' deferred " + Crowd.TESTS + " tests;"
                + " replayed " + Crowd.TESTS + " after it let tests through (" + Crowd.TESTS + " passed, 0 failed)");
    }

    @Test
    void dryRun_replaysNothing_andPlansNoReplayTest() {
        System.setProperty(CircuitBreakerListener.DRY_RUN, "true");
        FixtureRun run;
        try {
            run = FixtureRun.replaying(Checkout.class);
        } finally {
            System.clearProperty(CircuitBreakerListener.DRY_RUN);
        }

        assertThat(run.tests).containsExactly("fixture test");
        assertThat(run.outcomes).hasSize(3).noneMatch(FixtureRun.Outcome::retried);
        assertThat(ran).isEmpty();
        assertThat(registry.find("replay-shop")).as("no circuit was asked").isEmpty();
    }

    @Test
    void noRoundsPlanned_replayIsOff_andReplayCircuitsSkipAsSkipDoes() {
        FixtureRun run = FixtureRun.of(suite -> suite.setParameters(Map.of("tripswitch.replay.rounds", "0")),
                Checkout.class);

        assertThat(run.tests).containsExactly("fixture test");
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "t2_cart SKIP", "t3_pay SKIP");
        assertThat(run.where(FixtureRun.Outcome::skipped)).allSatisfy(o ->
                assertThat(o.reason()).startsWith("circuit 'replay-shop' is OPEN"));
    }

    @Test
    void probeFailsInTheFirstRound_theRestIsDeferredAgain_andReplayedInTheNextRound() throws Exception {
        Future<FixtureRun> running = inBackground(suite -> { }, Checkout.class);
        awaitReplayWaiting();
        clock.advance(Duration.ofSeconds(10)); // the probe (t2) still finds the shop down: open again, for 20 s
        FakeShop.awaitUntil(() -> circuit("replay-shop").snapshot().timesOpened() == 2, "the probe failed");
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(20));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_shopDown FAILURE", "t2_cart FAILURE", "t3_pay SUCCESS");
        assertThat(run.where(o -> o.method().equals("t3_pay")))
                .extracting(o -> o.test() + (o.retried() ? " retried" : ""))
                .containsExactly("fixture test retried", "fixture test (replay 1) retried", "fixture test (replay 2)");
        assertThat(run.summary).contains("Tripswitch: circuit 'replay-shop' deferred 2 tests; replayed 2 after it"
                + " let tests through (1 passed, 1 failed)");
    }

    @Test
    void parallelTests_sameClassInTwoTests_eachInvocationIsDeferredAndReplayedOnce() throws Exception {
        openCrowdCircuit();
        Future<FixtureRun> running = inBackground(suite -> {
            XmlTest mobile = new XmlTest(suite);
            mobile.setName("mobile");
            mobile.setXmlClasses(List.of(new XmlClass(Pages.class)));
            suite.setParallel(XmlSuite.ParallelMode.TESTS);
            suite.setThreadCount(2);
        }, Pages.class);
        awaitReplayWaiting();
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalOutcomes()).extracting(o -> ReplayTests.originalName(xmlTestNamed(run, o.test()))
                        + " " + o.method() + " " + FixtureRun.statusName(o.status()))
                .containsExactlyInAnyOrder("fixture test home SUCCESS", "fixture test cart SUCCESS",
                        "mobile home SUCCESS", "mobile cart SUCCESS");
        assertThat(run.where(o -> !o.retried() && !o.test().contains("(replay"))).as("nothing final before the replay")
                .isEmpty();
    }

    @Test
    void twoTestsInOrder_theReplayTestsRunAfterBoth_eachReplaysItsOwnDeferredTests() throws Exception {
        openCrowdCircuit();
        Future<FixtureRun> running = inBackground(suite -> {
            XmlTest mobile = new XmlTest(suite, 1);
            mobile.setName("mobile");
            mobile.setXmlClasses(List.of(new XmlClass(Pages.class)));
            suite.getTests().get(0).setIndex(0);
        }, Pages.class, Unprotected.class);
        awaitReplayWaiting();
        assertThat(ran).as("both <test>s ran before the replay").containsExactly("u1", "u2");
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.tests).containsExactly("fixture test", "mobile", "fixture test (replay 1)",
                "mobile (replay 1)", "fixture test (replay 2)", "mobile (replay 2)", "fixture test (replay 3)",
                "mobile (replay 3)", "fixture test (deferred, not run again)", "mobile (deferred, not run again)");
        assertThat(run.finalOutcomes()).extracting(o -> o.test() + " " + o.method())
                .containsExactly("fixture test u1", "fixture test u2", "fixture test (replay 1) home",
                        "fixture test (replay 1) cart", "mobile (replay 1) home", "mobile (replay 1) cart");
    }

    @Test
    void testsThatCannotBeReplayedAlone_areSkippedForGoodWithWhy() {
        openCrowdCircuit();

        FixtureRun run = FixtureRun.replaying(Polled.class, ParallelRowsWithSetUp.class);

        assertThat(run.where(FixtureRun.Outcome::retried)).isEmpty();
        assertThat(run.finalOutcomes()).hasSize(5).allSatisfy(o -> assertThat(o.skipped()).isTrue());
        assertThat(run.where(o -> o.method().equals("poll"))).allSatisfy(o -> assertThat(o.reason())
                .endsWith("; not deferred: it is one of the 3 invocations of its method (invocationCount), which"
                        + " TestNG cannot run again one by one"));
        assertThat(run.where(o -> o.method().equals("row"))).allSatisfy(o -> assertThat(o.reason())
                .endsWith("; not deferred: its data provider runs rows in parallel, so its row is not known before"
                        + " its @BeforeMethod"));
        assertThat(ran).isEmpty();
    }

    @Test
    void dependsOnGroups_anUnprotectedDependentOfADeferredTestIsDeferredAlong() throws Exception {
        openCrowdCircuit();
        Future<FixtureRun> running = inBackground(suite -> { }, Basket.class, Receipt.class);
        awaitReplayWaiting();
        assertThat(ran).isEmpty();
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("add SUCCESS", "print SUCCESS");
        assertThat(run.where(o -> o.method().equals("print") && o.retried())).singleElement()
                .extracting(FixtureRun.Outcome::reason).asString().startsWith("deferred along with Basket.add");
        assertThat(ran).containsExactly("add", "print");
    }

    @Test
    void suiteWithoutProtectedClasses_getsNoReplayTests() {
        FixtureRun run = FixtureRun.replaying(Unprotected.class);

        assertThat(run.tests).containsExactly("fixture test");
        assertThat(run.finalStatuses()).containsExactly("u1 SUCCESS", "u2 SUCCESS");
    }

    // ------------------------------------------------------------------ helpers

    private Future<FixtureRun> inBackground(Consumer<XmlSuite> customize, Class<?>... fixtures) {
        return testng.submit(() -> FixtureRun.replaying(customize, fixtures));
    }

    /** Circuit 'replay-crowd' (REPLAY), opened before the run, and the shop up: every test is deferred at once. */
    private void openCrowdCircuit() {
        registry.circuit(CircuitDefinition.builder("replay-crowd", "the scenario").failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.REPLAY).build())
                .recordFailure(new IOException("shop down"));
        shopUp.set(true);
    }

    private void awaitReplayWaiting() {
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the suite waits for the circuit of its deferred tests");
    }

    private static XmlTest xmlTestNamed(FixtureRun run, String name) {
        return run.xmlTests.stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private CircuitBreaker circuit(String name) {
        return registry.find(name).orElseThrow(() -> new AssertionError("no circuit '" + name + "' was created"));
    }

    static void callShop(String what) {
        ran.add(what);
        if (!shopUp.get()) {
            throw new IllegalStateException("shop down");
        }
    }

    // ------------------------------------------------------------------ fixtures

    @Retention(RetentionPolicy.RUNTIME)
    @CircuitProtected(value = "replay-shop", failureThreshold = 1, halfOpenAfter = "10s", recoveryTimeout = "40s",
            whenOpen = WhenOpen.REPLAY)
    @interface ReplayShop {
    }

    @ReplayShop
    public static class Checkout {
        @BeforeClass public void setUpClass() { ran.add("Checkout.setUpClass"); }
        @AfterClass public void tearDownClass() { ran.add("Checkout.tearDownClass"); }
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { callShop("t1_shopDown"); }
        @org.testng.annotations.Test(priority = 2) public void t2_cart() { callShop("t2_cart"); }
        @org.testng.annotations.Test(priority = 3) public void t3_pay() { callShop("t3_pay"); }
    }

    @ReplayShop
    public static class WithTestSetUp {
        @BeforeTest public void beforeTest() { ran.add("beforeTest"); }
        @AfterTest public void afterTest() { ran.add("afterTest"); }
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { callShop("t1_shopDown"); }
        @org.testng.annotations.Test(priority = 2) public void t2_cart() { callShop("t2_cart"); }
    }

    public static class Unprotected {
        @org.testng.annotations.Test(priority = 4) public void u1() { ran.add("u1"); }
        @org.testng.annotations.Test(priority = 5) public void u2() { ran.add("u2"); }
    }

    @ReplayShop
    public static class ReplayFails {
        @org.testng.annotations.Test(priority = 1) public void t1_shopDown() { callShop("t1_shopDown"); }
        @org.testng.annotations.Test(priority = 2) public void t2_wrongTotal() {
            callShop("t2_wrongTotal");
            throw new AssertionError("total was 41");
        }
        @org.testng.annotations.Test(priority = 3) public void t3_pay() { callShop("t3_pay"); }
    }

    @ReplayShop
    public static class OpensTheCircuit {
        @org.testng.annotations.Test public void t1_shopDown() { callShop("t1_shopDown"); }
    }

    @ReplayShop
    public static class Catalog {
        @BeforeClass public void setUpClass() { ran.add("Catalog.setUpClass"); }
        @AfterClass public void tearDownClass() { ran.add("Catalog.tearDownClass"); }
        @org.testng.annotations.Test(priority = 1) public void browse() { callShop("browse"); }
        @org.testng.annotations.Test(priority = 2) public void search() { callShop("search"); }
    }

    @ReplayShop
    public static class Items {
        @BeforeMethod public void setUp() { ran.add("setUp"); }

        @DataProvider
        public Object[][] rows() {
            return new Object[][] {{1}, {2}, {3}};
        }

        @org.testng.annotations.Test(dataProvider = "rows") public void item(int n) { callShop("item " + n); }
    }

    @CircuitProtected("replay-crowd")
    public static class Pages {
        @org.testng.annotations.Test(priority = 1) public void home() { callShop("home"); }
        @org.testng.annotations.Test(priority = 2) public void cart() { callShop("cart"); }
    }

    @CircuitProtected("replay-crowd")
    public static class Basket {
        @org.testng.annotations.Test(groups = "basket") public void add() { callShop("add"); }
    }

    public static class Receipt {
        @org.testng.annotations.Test(dependsOnGroups = "basket") public void print() { ran.add("print"); }
    }

    @CircuitProtected("replay-crowd")
    public static class Polled {
        @org.testng.annotations.Test(invocationCount = 3) public void poll() { callShop("poll"); }
    }

    @CircuitProtected("replay-crowd")
    public static class ParallelRowsWithSetUp {
        @BeforeMethod public void setUp() { ran.add("setUp"); }

        @DataProvider(parallel = true)
        public Object[][] rows() {
            return new Object[][] {{1}, {2}};
        }

        @org.testng.annotations.Test(dataProvider = "rows") public void row(int n) { callShop("row " + n); }
    }

    @CircuitProtected("replay-crowd")
    public static class Crowd {
        static final int ROWS = 8;
        static final int TESTS = ROWS + 12;

        @DataProvider(parallel = true)
        public Object[][] rows() {
            return java.util.stream.IntStream.range(0, ROWS).mapToObj(i -> new Object[] {i}).toArray(Object[][]::new);
        }

        @org.testng.annotations.Test(dataProvider = "rows") public void row(int n) { callShop("row " + n); }
        @org.testng.annotations.Test public void p01() { callShop("p01"); }
        @org.testng.annotations.Test public void p02() { callShop("p02"); }
        @org.testng.annotations.Test public void p03() { callShop("p03"); }
        @org.testng.annotations.Test public void p04() { callShop("p04"); }
        @org.testng.annotations.Test public void p05() { callShop("p05"); }
        @org.testng.annotations.Test public void p06() { callShop("p06"); }
        @org.testng.annotations.Test public void p07() { callShop("p07"); }
        @org.testng.annotations.Test public void p08() { callShop("p08"); }
        @org.testng.annotations.Test public void p09() { callShop("p09"); }
        @org.testng.annotations.Test public void p10() { callShop("p10"); }
        @org.testng.annotations.Test public void p11() { callShop("p11"); }
        @org.testng.annotations.Test public void p12() { callShop("p12"); }
    }
}
