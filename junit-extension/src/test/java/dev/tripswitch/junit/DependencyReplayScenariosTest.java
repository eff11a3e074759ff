package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FakeShop;
import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependency circuits ({@code tripswitch.dependencies=auto}) under the {@code tripswitch} engine: a test without an
 * annotation that a dependency's open circuit refuses at a call is deferred (the circuit's {@code whenOpen}, REPLAY
 * by default) and run again once that circuit lets tests through, with one result per test — as a test refused by
 * its own circuit is. The dependency is a call through {@link DependencyCalls} that throws what a refused
 * connection throws while the scenario says the shop is down; the clock is the scenario's.
 */
class DependencyReplayScenariosTest extends Fixtures {

    static final Dependency SHOP = new Dependency("shop.test:8080");
    static final String CIRCUIT = "dep:shop.test:8080";
    static final AtomicBoolean shopUp = new AtomicBoolean();
    static final AtomicInteger calls = new AtomicInteger();

    private final ExecutorService engine = Executors.newSingleThreadExecutor();
    private CircuitBreakerRegistry.GlobalOverride withProperties;

    @BeforeEach
    void shopDown() {
        // dependency circuits take their settings from properties, as the JVM's own registry does
        registry = CircuitBreakerRegistry.builder().clock(clock).withSystemSources().build();
        withProperties = CircuitBreakerRegistry.replaceGlobal(registry);
        System.setProperty("tripswitch.dependencies", "auto");
        System.setProperty("tripswitch.circuit." + CIRCUIT + ".failureThreshold", "1");
        System.setProperty("tripswitch.circuit." + CIRCUIT + ".halfOpenAfter", "10s");
        shopUp.set(false);
        calls.set(0);
    }

    @AfterEach
    void clear() {
        engine.shutdownNow();
        System.clearProperty("tripswitch.dependencies");
        System.clearProperty("tripswitch.circuit." + CIRCUIT + ".failureThreshold");
        System.clearProperty("tripswitch.circuit." + CIRCUIT + ".halfOpenAfter");
        System.clearProperty("tripswitch.circuit." + CIRCUIT + ".whenOpen");
        withProperties.close();
    }

    @Test
    void refusedAtTheirCall_testsAreDeferred_thenReplayedOnceTheDependencyIsBack_oneResultEach() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of(), Shopping.class);
        awaitReplayWaiting();
        assertThat(calls).as("only the first test reached the shop; the others were refused at their call")
                .hasValue(1);
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        EngineExecutionResults results = running.get(FakeShop.CEILING.toSeconds(), TimeUnit.SECONDS);
        results.testEvents().assertStatistics(s -> s.started(3).failed(1).succeeded(2).skipped(0).aborted(0));
        ReplayScenariosTest.assertOneResultPerTest(results, 3);
        assertThat(circuit(CIRCUIT).state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit(CIRCUIT).snapshot().totalFailures()).as("the one real failure, nothing for the deferrals")
                .isEqualTo(1);
        assertThat(calls).hasValue(3);
        assertThat(results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow()
                        .getKeyValuePairs().get("tripswitch.replayed")))
                .as("each replayed test notes its deferral").hasSize(2).allSatisfy(note -> assertThat(note)
                        .isEqualTo("Deferred at " + START + " by circuit '" + CIRCUIT + "' (OPEN), run again once it"
                                + " let tests through"));
    }

    @Test
    void dependencyNeverReturns_deferredTestsEndSkippedWithTheDeferralReason() throws Exception {
        Future<EngineExecutionResults> running = inBackground(Map.of("tripswitch.replay.budget", "5s"),
                Shopping.class);
        awaitReplayWaiting();
        clock.advance(Duration.ofSeconds(5));

        EngineExecutionResults results = running.get(FakeShop.CEILING.toSeconds(), TimeUnit.SECONDS);
        // refused inside their bodies, they had started: JUnit ends them aborted with the reason
        results.testEvents().assertStatistics(s -> s.started(3).failed(1).aborted(2).skipped(0));
        ReplayScenariosTest.assertOneResultPerTest(results, 3);
        assertThat(abortReasons(results)).hasSize(2).allSatisfy(r -> assertThat(r)
                .startsWith("deferred at " + START + " by circuit '" + CIRCUIT + "' and not run again: the run"
                        + " waited 5s at its end")
                .contains("circuit '" + CIRCUIT + "' is OPEN"));
    }

    @Test
    void whenOpenSkip_byName_refusedTestsAreSkippedAtTheirCall_notDeferred() {
        System.setProperty("tripswitch.circuit." + CIRCUIT + ".whenOpen", "SKIP");
        EngineExecutionResults results = ReplayScenariosTest.replaying(Map.of(), Shopping.class);

        results.testEvents().assertStatistics(s -> s.started(3).failed(1).aborted(2));
        assertThat(abortReasons(results)).hasSize(2).allSatisfy(r -> assertThat(r)
                .startsWith("circuit '" + CIRCUIT + "' is OPEN since " + START));
        assertThat(calls).hasValue(1);
    }

    @Test
    void anOrderedClass_isNotReplayedOneTestAtATime_itsRefusedTestsAreSkippedSayingWhy() {
        EngineExecutionResults results = ReplayScenariosTest.replaying(Map.of(), OrderedShopping.class);

        results.testEvents().assertStatistics(s -> s.started(3).failed(1).aborted(2));
        assertThat(abortReasons(results)).hasSize(2).allSatisfy(r -> assertThat(r)
                .startsWith("circuit '" + CIRCUIT + "' is OPEN since " + START)
                .endsWith("; not deferred: its class orders its tests (@TestMethodOrder)"));
    }

    // ------------------------------------------------------------------ helpers

    private Future<EngineExecutionResults> inBackground(Map<String, String> configuration, Class<?>... fixtures) {
        return engine.submit(() -> ReplayScenariosTest.replaying(configuration, fixtures));
    }

    private static void awaitReplayWaiting() {
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the run waits for the circuit of its deferred tests");
    }

    private static List<String> abortReasons(EngineExecutionResults results) {
        return results.testEvents().aborted().stream().map(e -> e.getPayload(TestExecutionResult.class)
                .orElseThrow().getThrowable().map(Throwable::getMessage).orElse("")).toList();
    }

    /** A call to the shop: what a refused connection throws while it is down. */
    static void callShop() throws Exception {
        DependencyCalls.call(SHOP, () -> {
            calls.incrementAndGet();
            if (!shopUp.get()) {
                throw new ConnectException("Connection refused");
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ fixtures

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class Shopping {
        @Test void t1_home() throws Exception { callShop(); }
        @Test void t2_cart() throws Exception { callShop(); }
        @Test void t3_pay() throws Exception { callShop(); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class OrderedShopping {
        @Test void t1_home() throws Exception { callShop(); }
        @Test void t2_cart() throws Exception { callShop(); }
        @Test void t3_pay() throws Exception { callShop(); }
    }
}
