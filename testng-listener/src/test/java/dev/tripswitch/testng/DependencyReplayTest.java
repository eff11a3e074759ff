package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FakeShop;
import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependency circuits ({@code tripswitch.dependencies=auto}) in a replaying TestNG run: a test without an annotation
 * refused at its call to an open dependency is deferred (REPLAY, the circuit's default) — reported SKIP and retried
 * — and run again in a replay copy of its {@code <test>} once that circuit lets tests through. The dependency is a
 * call through {@link DependencyCalls} that throws what a refused connection throws while the shop is down.
 */
class DependencyReplayTest extends WithTestRegistry {

    static final Dependency SHOP = new Dependency("shop.test:8080");
    static final String CIRCUIT = "dep:shop.test:8080";
    private static final Instant START = dev.tripswitch.MutableClock.START;
    static final AtomicBoolean shopUp = new AtomicBoolean();
    static final AtomicInteger calls = new AtomicInteger();

    private final ExecutorService testng = Executors.newSingleThreadExecutor();
    private CircuitBreakerRegistry.GlobalOverride withProperties;

    @BeforeEach
    void shopDown() {
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
        testng.shutdownNow();
        System.clearProperty("tripswitch.dependencies");
        System.clearProperty("tripswitch.circuit." + CIRCUIT + ".failureThreshold");
        System.clearProperty("tripswitch.circuit." + CIRCUIT + ".halfOpenAfter");
        System.clearProperty("tripswitch.circuit." + CIRCUIT + ".whenOpen");
        withProperties.close();
    }

    @Test
    void refusedAtTheirCall_testsAreDeferred_thenReplayed_oneFinalResultEach() throws Exception {
        Future<FixtureRun> running = testng.submit(() -> FixtureRun.replaying(Shopping.class));
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the suite waits for the circuit of its deferred tests");
        assertThat(calls).as("only the first test reached the shop").hasValue(1);
        shopUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        FixtureRun run = running.get(FakeShop.CEILING.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.finalStatuses()).containsExactly("t1_home FAILURE", "t2_cart SUCCESS", "t3_pay SUCCESS");
        assertThat(run.where(FixtureRun.Outcome::retried)).extracting(FixtureRun.Outcome::method)
                .containsExactly("t2_cart", "t3_pay");
        assertThat(run.where(FixtureRun.Outcome::retried)).allSatisfy(o -> assertThat(o.reason())
                .startsWith("deferred, to run again once the circuit lets tests through: circuit '" + CIRCUIT
                        + "' is OPEN since " + START));
        assertThat(circuit().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit().snapshot().totalFailures()).isEqualTo(1);
        assertThat(calls).hasValue(3);
        assertThat(run.summary).anySatisfy(l -> assertThat(l).contains("circuit '" + CIRCUIT + "' deferred 2 tests;"
                + " replayed 2 after it let tests through (2 passed, 0 failed)"));
    }

    @Test
    void whenOpenSkip_byName_refusedTestsAreSkippedAtTheirCall() {
        System.setProperty("tripswitch.circuit." + CIRCUIT + ".whenOpen", "SKIP");
        FixtureRun run = FixtureRun.replaying(Shopping.class);

        assertThat(run.finalStatuses()).containsExactly("t1_home FAILURE", "t2_cart SKIP", "t3_pay SKIP");
        assertThat(run.where(FixtureRun.Outcome::retried)).isEmpty();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTestThatDependsOnOthers_isNotDeferred_itsRefusalSaysWhy() {
        FixtureRun run = FixtureRun.replaying(Chained.class);

        assertThat(run.finalStatuses()).containsExactly("a_home FAILURE", "b_cart SKIP");
        assertThat(run.where(o -> o.method().equals("b_cart"))).singleElement().extracting(FixtureRun.Outcome::reason)
                .asString().startsWith("circuit '" + CIRCUIT + "' is OPEN since").contains("; not deferred: ");
    }

    private dev.tripswitch.CircuitBreaker circuit() {
        return registry.find(CIRCUIT).orElseThrow();
    }

    static void callShop() throws Exception {
        DependencyCalls.call(SHOP, () -> {
            calls.incrementAndGet();
            if (!shopUp.get()) {
                throw new ConnectException("Connection refused");
            }
            return null;
        });
    }

    public static class Shopping {
        @org.testng.annotations.Test public void t1_home() throws Exception { callShop(); }
        @org.testng.annotations.Test public void t2_cart() throws Exception { callShop(); }
        @org.testng.annotations.Test public void t3_pay() throws Exception { callShop(); }
    }

    public static class Chained {
        @org.testng.annotations.Test public void a_home() throws Exception { callShop(); }
        @org.testng.annotations.Test(dependsOnMethods = "a_home", alwaysRun = true)
        public void b_cart() throws Exception { callShop(); }
    }
}
