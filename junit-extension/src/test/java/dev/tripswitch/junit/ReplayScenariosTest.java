package dev.tripswitch.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FakeShop;
import dev.tripswitch.WhenOpen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@code whenOpen = REPLAY} through the {@code tripswitch} engine: a test refused by an OPEN circuit is deferred,
 * and run again in the same run once the circuit lets tests through, with one result. The engine runs on a thread
 * of its own; once the run's own tests are done it waits for the circuit on the controllable clock, and the
 * scenario moves the clock when it sees that wait.
 */
class ReplayScenariosTest extends Fixtures {

    private static final Duration CEILING = FakeShop.CEILING;

    static final AtomicBoolean shopUp = new AtomicBoolean();
    static final AtomicInteger beforeAlls = new AtomicInteger();
    static final AtomicInteger afterAlls = new AtomicInteger();
    static final AtomicInteger bodies = new AtomicInteger();

    private final ExecutorService engine = Executors.newSingleThreadExecutor();

    @BeforeEach
    void shopDown() {
        shopUp.set(false);
        beforeAlls.set(0);
        afterAlls.set(0);
        bodies.set(0);
    }

    @AfterEach
    void stopEngineThread() {
        engine.shutdownNow();
    }

    @Test
    void refusedTestsAreDeferred_thenReplayedAfterTheProbe_andPassWithOneResultEach() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), Checkout.class);
        awaitReplayWaiting();
        assertThat(bodies).as("deferred tests did not run yet").hasValue(1);
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(3).failed(1).succeeded(2).skipped(0));
        assertOneResultPerTest(results, 3);
        assertThat(circuit("replay-shop").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(beforeAlls).as("the class was set up again for the replay").hasValue(2);
        assertThat(afterAlls).hasValue(2);
        assertThat(results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow()
                        .getKeyValuePairs().get("tripswitch.replayed")))
                .as("each replayed test notes its deferral").hasSize(2).allSatisfy(note -> assertThat(note)
                        .isEqualTo("Deferred at " + START + " by circuit 'replay-shop' (OPEN), run again once it let"
                                + " tests through"));
    }

    @Test
    void replayedTestFails_itsRealFailureIsItsResult_countedOnce() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), ReplayFails.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(3).failed(2).succeeded(1).skipped(0));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("t2_wrongTotal"), finishedWithFailure(message("total was 41"))));
        assertThat(circuit("replay-shop").snapshot().totalFailures()).as("t1 only: an assertion does not count")
                .isEqualTo(1);
    }

    @Test
    void circuitNeverLetsTestsThrough_deferredTestsEndSkippedWithTheDeferralReason() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of("tripswitch.replay.budget", "5s"),
                Checkout.class);
        awaitReplayWaiting();
        clock.advance(Duration.ofSeconds(5));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).skipped(2));
        assertOneResultPerTest(results, 3);
        assertThat(skipReasons(results)).hasSize(2).allSatisfy(r -> assertThat(r)
                .startsWith("deferred at " + START + " by circuit 'replay-shop' and not run again: the run waited "
                        + "5s at its end for it to let tests through, and its replay budget "
                        + "(tripswitch.replay.budget = 5s) is spent; circuit 'replay-shop' is OPEN"));
        assertThat(beforeAlls).as("no round ran").hasValue(1);
    }

    @Test
    void parameterizedInvocations_onlyTheRefusedOnesAreReplayed() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), Parameterized.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(3).failed(1).succeeded(2).skipped(0));
        assertOneResultPerTest(results, 3);
        assertThat(bodies).as("invocation 1 once, 2 and 3 once each when replayed").hasValue(3);
    }

    @Test
    void dynamicTests_theRefusedOnesAreReplayed() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), Dynamic.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(3).failed(1).succeeded(2).aborted(0).skipped(0));
        assertOneResultPerTest(results, 3);
    }

    @Test
    void unprotectedTestsAndOtherClassesRunWhileTheCircuitIsOpen() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), Checkout.class, Unprotected.class);
        awaitReplayWaiting();
        assertThat(bodies).as("Checkout.t1 and both unprotected tests ran before the replay").hasValue(3);
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(5).failed(1).succeeded(4).skipped(0));
        assertOneResultPerTest(results, 5);
    }

    @Test
    void orderedClass_testsAfterADeferredOneAreDeferredAlong_andReplayedInTheirOrder() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), OrderedFlow.class);
        awaitReplayWaiting();
        assertThat(OrderedFlow.ran).as("the unprotected step after the deferred one waited too")
                .containsExactly("o1_login");
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(4).failed(1).succeeded(3).skipped(0));
        assertThat(OrderedFlow.ran).containsExactly("o1_login", "o2_addToCart", "o3_pay", "o4_receipt");
        assertOneResultPerTest(results, 4);
    }

    @Test
    void classSetUpRefused_itsTestsAreDeferred_andTheClassIsSetUpForTheReplay() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), ReplayFails.class, ClassLevelSetUp.class);
        awaitReplayWaiting();
        assertThat(beforeAlls).as("the refused @BeforeAll did not run").hasValue(0);
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(5).skipped(0));
        assertThat(beforeAlls).hasValue(1);
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("s1_browse"), finishedSuccessfully()))
                .haveExactly(1, event(test("s2_search"), finishedSuccessfully()));
    }

    @Test
    void parallelExecution_everyTestHasExactlyOneResult() throws Exception {
        Map<String, String> parallel = new HashMap<>(ParallelScenariosTest.PARALLEL);
        Future<EngineExecutionResults> running = inBackground(parallel, ParallelA.class, ParallelB.class,
                ParallelC.class, ParallelD.class);
        awaitReplayWaiting();
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        assertOneResultPerTest(results, 20);
        long failed = results.testEvents().failed().count();
        assertThat(failed).as("the tests let through while CLOSED").isBetween(1L, 19L);
        results.testEvents().assertStatistics(s -> s.started(20).skipped(0).succeeded(20 - failed));
        assertThat(circuit("replay-shop").state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void negativeBudget_isRefusedNamingTheSettingTheValueAndWhatIsAllowed() {
        EngineExecutionResults results = replaying(Map.of("tripswitch.replay.budget", "-5s"), Checkout.class);
        results.allEvents().assertThatEvents().haveExactly(1, event(
                org.junit.platform.testkit.engine.EventConditions.engine(),
                finishedWithFailure(message("tripswitch.replay.budget must be a duration from 0 to 24h (500ms,"
                        + " 30s, 2m, 1h or ISO-8601 PT30S), but was '-5s' (JUnit configuration parameter)"))));
        assertThat(bodies).as("nothing ran").hasValue(0);
    }

    @Test
    void unknownWhenOpen_isRefusedNamingTheAllowedValues_replayAmongThem() {
        String key = "tripswitch.circuit.replay-bad.whenOpen";
        java.util.Properties given = new java.util.Properties();
        given.setProperty(key, "REPLAYY");
        registry = dev.tripswitch.CircuitBreakerRegistry.builder().clock(clock)
                .withProperties("system property", given).build();
        try (var ignored = dev.tripswitch.CircuitBreakerRegistry.replaceGlobal(registry)) {
            EngineExecutionResults results = replaying(Map.of(), BadMode.class);
            results.testEvents().assertThatEvents().haveExactly(1, event(test("m1"), finishedWithFailure(message(
                    m -> m.contains(key + "=REPLAYY (system property)") && m.endsWith("must be one of SKIP, WAIT, REPLAY, but was 'REPLAYY'")))));
        }
    }

    // ------------------------------------------------------------------ helpers

    private Future<EngineExecutionResults> inBackground(Map<String, String> configuration, Class<?>... fixtures) {
        return engine.submit(() -> replaying(configuration, fixtures));
    }

    static EngineExecutionResults replaying(Map<String, String> configuration, Class<?>... fixtures) {
        Map<String, String> all = new HashMap<>(configuration);
        all.put(FixtureOnly.ENABLED, "true");
        all.put("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
        all.put("junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$MethodName");
        return EngineTestKit.engine(ReplayingEngine.ID)
                .configurationParameters(all)
                .selectors(Stream.of(fixtures).map(DiscoverySelectors::selectClass)
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    private static void awaitReplayWaiting() {
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the run waits for the circuit of its deferred tests");
    }

    /** Each test has exactly one start-or-skip and, if started, one end; {@code tests} of them. */
    static void assertOneResultPerTest(EngineExecutionResults results, int tests) {
        Map<String, List<EventType>> byTest = results.testEvents().stream()
                .filter(e -> e.getType() != EventType.DYNAMIC_TEST_REGISTERED
                        && e.getType() != EventType.REPORTING_ENTRY_PUBLISHED)
                .collect(Collectors.groupingBy(e -> e.getTestDescriptor().getUniqueId().toString(),
                        Collectors.mapping(Event::getType, Collectors.toList())));
        assertThat(byTest).hasSize(tests);
        assertThat(byTest.values()).allSatisfy(types -> assertThat(types).isIn(
                List.of(EventType.STARTED, EventType.FINISHED), List.of(EventType.SKIPPED)));
    }

    static List<String> skipReasons(EngineExecutionResults results) {
        return results.testEvents().skipped().stream()
                .map(e -> e.getPayload(String.class).orElse("(no reason)")).toList();
    }

    static void callShop() {
        bodies.incrementAndGet();
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

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @ReplayShop
    static class Checkout {
        @BeforeAll static void setUpClass() { beforeAlls.incrementAndGet(); }
        @AfterAll static void tearDownClass() { afterAlls.incrementAndGet(); }
        @Test void t1_shopDown() { callShop(); }
        @Test void t2_cart() { callShop(); }
        @Test void t3_pay() { callShop(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @ReplayShop
    static class ReplayFails {
        @Test void t1_shopDown() { callShop(); }
        @Test void t2_wrongTotal() { callShop(); throw new AssertionError("total was 41"); }
        @Test void t3_pay() { callShop(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @ReplayShop
    @org.junit.jupiter.api.Tag("shop")
    static class Parameterized {
        @ParameterizedTest @ValueSource(ints = {1, 2, 3}) void item(int n) { callShop(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @ReplayShop
    static class Dynamic {
        @TestFactory Stream<DynamicTest> pages() {
            return Stream.of("home", "cart", "pay").map(p -> DynamicTest.dynamicTest(p, ReplayScenariosTest::callShop));
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class OrderedFlow {
        static final List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        @BeforeAll static void clear() { if (!shopUp.get()) { ran.clear(); } }
        @Test @org.junit.jupiter.api.Order(1) @ReplayShop void o1_login() { ran.add("o1_login"); callShop(); }
        @Test @org.junit.jupiter.api.Order(2) @ReplayShop void o2_addToCart() { ran.add("o2_addToCart"); callShop(); }
        @Test @org.junit.jupiter.api.Order(3) void o3_pay() { ran.add("o3_pay"); }
        @Test @org.junit.jupiter.api.Order(4) @ReplayShop void o4_receipt() { ran.add("o4_receipt"); callShop(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @ReplayShop
    static class ClassLevelSetUp {
        @BeforeAll static void setUpClass() { beforeAlls.incrementAndGet(); }
        @Test void s1_browse() { callShop(); }
        @Test void s2_search() { callShop(); }
    }

    @FixtureOnly @ExtendWith(CircuitBreakerExtension.class) @ReplayShop
    static class ParallelA {
        @Test void p1() { callShop(); } @Test void p2() { callShop(); } @Test void p3() { callShop(); }
        @Test void p4() { callShop(); } @Test void p5() { callShop(); }
    }

    @FixtureOnly @ExtendWith(CircuitBreakerExtension.class) @ReplayShop
    static class ParallelB {
        @Test void p1() { callShop(); } @Test void p2() { callShop(); } @Test void p3() { callShop(); }
        @Test void p4() { callShop(); } @Test void p5() { callShop(); }
    }

    @FixtureOnly @ExtendWith(CircuitBreakerExtension.class) @ReplayShop
    static class ParallelC {
        @Test void p1() { callShop(); } @Test void p2() { callShop(); } @Test void p3() { callShop(); }
        @Test void p4() { callShop(); } @Test void p5() { callShop(); }
    }

    @FixtureOnly @ExtendWith(CircuitBreakerExtension.class) @ReplayShop
    static class ParallelD {
        @Test void p1() { callShop(); } @Test void p2() { callShop(); } @Test void p3() { callShop(); }
        @Test void p4() { callShop(); } @Test void p5() { callShop(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected("replay-bad")
    static class BadMode {
        @Test void m1() { }
    }

    @FixtureOnly
    static class Unprotected {
        @Test void u1() { bodies.incrementAndGet(); }
        @Test void u2() { bodies.incrementAndGet(); }
    }
}
