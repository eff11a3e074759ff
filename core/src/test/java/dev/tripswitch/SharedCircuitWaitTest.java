package dev.tripswitch;

import dev.tripswitch.store.FileCircuitStore;
import dev.tripswitch.store.UnsharedCircuits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.tripswitch.CircuitState.CLOSED;
import static dev.tripswitch.CircuitState.HALF_OPEN;
import static dev.tripswitch.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CircuitBreaker#awaitPermission()} and health checks on a circuit shared through the file store: two
 * registries on one directory stand for two JVMs (each with its own store instance, watcher and upkeep thread;
 * they share only the files). Time is one {@link MutableClock}, which the file store times its transitions by.
 */
class SharedCircuitWaitTest {

    private static final Duration HALF_OPEN_AFTER = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.start();
    private final List<CircuitBreakerRegistry> registries = new ArrayList<>();

    @BeforeEach
    void setUp() {
        UnsharedCircuits.clear();
        HealthCheckTest.SwitchableHealth.resetAll();
    }

    @AfterEach
    void closeStores() {
        registries.forEach(CircuitBreakerRegistry::closeStore);
        UnsharedCircuits.clear();
    }

    private CircuitBreakerConfig.Builder settings() {
        return CircuitBreakerConfig.custom().clock(clock).failureThreshold(1).halfOpenAfter(HALF_OPEN_AFTER)
                .recoveryTimeout(Duration.ofSeconds(40)).whenOpen(WhenOpen.WAIT);
    }

    private CircuitBreaker inAnotherJvm(String name, CircuitBreakerConfig.Builder settings) {
        FileCircuitStore store = new FileCircuitStore(dir.resolve("scope"), Duration.ofSeconds(2));
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).store(store, LEASE).build();
        registries.add(registry);
        return registry.circuit(name, settings.build());
    }

    /** Opens the circuit through {@code opener} and waits until {@code other} has seen it from the store. */
    private static void open(CircuitBreaker opener, CircuitBreaker other) {
        opener.recordFailure(new IOException("shop down"));
        assertThat(opener.state()).isEqualTo(OPEN);
        WaitingCallers.awaitUntil(() -> other.snapshot().state() == OPEN, other + " sees the opening");
    }

    private static WaitOutcome firstOf(WaitingCallers a, WaitingCallers b) {
        WaitOutcome[] found = new WaitOutcome[1];
        WaitingCallers.awaitUntil(() -> (found[0] = a.poll()) != null || (found[0] = b.poll()) != null,
                "a caller in either JVM came back");
        return found[0];
    }

    @Test
    void openedInOneJvm_oneWaiterOfEitherJvmIsTheProbeWhenDue_andWhenItPassesTheOthersRunInBoth() throws Exception {
        CircuitBreaker a = inAnotherJvm("shop", settings());
        CircuitBreaker b = inAnotherJvm("shop", settings());
        open(a, b);
        try (WaitingCallers inA = new WaitingCallers(a).start(1); WaitingCallers inB = new WaitingCallers(b).start(2)) {
            clock.advance(Duration.ofSeconds(4));
            assertThat(a.waitingCallers() + b.waitingCallers()).isEqualTo(3);
            clock.advance(Duration.ofSeconds(6));

            WaitOutcome probe = firstOf(inA, inB);
            assertThat(probe.granted()).isTrue();
            assertThat(probe.permit().isProbe()).isTrue();
            assertThat(probe.waited()).isEqualTo(HALF_OPEN_AFTER);
            assertThat(b.snapshot().state()).isEqualTo(HALF_OPEN);
            assertThat(a.waitingCallers() + b.waitingCallers()).as("the others wait for the probe's outcome")
                    .isEqualTo(2);
            probe.permit().onSuccess();

            WaitingCallers.awaitUntil(() -> a.waitingCallers() + b.waitingCallers() == 0, "every caller admitted");
            List<WaitOutcome> others = new ArrayList<>();
            for (WaitOutcome o = inA.poll(); o != null; o = inA.poll()) {
                others.add(o);
            }
            for (WaitOutcome o = inB.poll(); o != null; o = inB.poll()) {
                others.add(o);
            }
            assertThat(others).hasSize(2).allSatisfy(o -> {
                assertThat(o.granted()).isTrue();
                assertThat(o.permit().grantedIn()).isEqualTo(CLOSED);
                o.permit().onSuccess();
            });
            inA.joinAll();
            inB.joinAll();
        }
        assertThat(a.snapshot().state()).isEqualTo(CLOSED);
        CircuitSnapshot s = b.snapshot();
        assertThat(s.state()).isEqualTo(CLOSED);
        assertThat(s.totalRejected()).as("a waiting caller's looks are not refusals").isZero();
        assertThat(s.totalSuccesses()).isEqualTo(3);
        assertThat(s.transitions()).extracting(CircuitSnapshot.Transition::to).containsExactly(OPEN, HALF_OPEN, CLOSED);
        assertThat(a.waitTotals().waited() + b.waitTotals().waited()).isEqualTo(3);
    }

    @Test
    void probeFailsInOneJvm_theWaiterInTheOtherWaitsAgain_andIsTheNextProbe() throws Exception {
        CircuitBreaker a = inAnotherJvm("db", settings().maxWait(Duration.ofMinutes(1)));
        CircuitBreaker b = inAnotherJvm("db", settings().maxWait(Duration.ofMinutes(1)));
        open(a, b);
        clock.advance(HALF_OPEN_AFTER);
        CircuitPermit firstProbe = b.tryAcquirePermission();
        assertThat(firstProbe.isProbe()).isTrue();
        WaitingCallers.awaitUntil(() -> a.snapshot().state() == HALF_OPEN, "a sees the half-open circuit");
        try (WaitingCallers inA = new WaitingCallers(a).start(1)) {
            firstProbe.onFailure(new IOException("still down")); // reopens for 20 s, in b
            WaitingCallers.awaitUntil(() -> a.snapshot().state() == OPEN, "a sees the reopening");
            clock.advance(Duration.ofSeconds(19));
            assertThat(a.waitingCallers()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            WaitOutcome second = inA.next();
            assertThat(second.permit().isProbe()).isTrue();
            assertThat(second.waited()).isEqualTo(Duration.ofSeconds(20));
            second.permit().onSuccess();
            inA.joinAll();
        }
        assertThat(b.snapshot().state()).isEqualTo(CLOSED);
        assertThat(b.snapshot().transitions()).extracting(CircuitSnapshot.Transition::reason).containsExactly(
                "1 consecutive failure, last: java.io.IOException: shop down", "wait of PT10S elapsed",
                "probe failed: java.io.IOException: still down; next wait PT20S", "wait of PT20S elapsed",
                "1 successful probe");
    }

    @Test
    void budgetSpent_refusedWithTheWaitingReason_andTheBudgetIsKeptPerJvm() throws Exception {
        CircuitBreakerConfig.Builder settings = settings().halfOpenAfter(Duration.ofSeconds(30))
                .maxWait(Duration.ofSeconds(5));
        CircuitBreaker a = inAnotherJvm("grid", settings);
        CircuitBreaker b = inAnotherJvm("grid", settings);
        open(a, b);
        try (WaitingCallers inB = new WaitingCallers(b).start(2)) {
            clock.advance(Duration.ofSeconds(5));
            for (int i = 0; i < 2; i++) {
                WaitOutcome refused = inB.next();
                assertThat(refused.granted()).isFalse();
                assertThat(refused.waited()).isEqualTo(Duration.ofSeconds(5));
                assertThat(refused.reason()).startsWith("waited 5s for circuit 'grid' (open since " + MutableClock.START
                        + ") and gave up: its waiting budget (maxWait 5s per opening, shared by every waiting test)"
                        + " is spent; circuit 'grid' is OPEN");
            }
            inB.joinAll();
        }
        WaitOutcome late = b.awaitPermission();
        assertThat(late.granted()).isFalse();
        assertThat(late.waited()).isZero();
        assertThat(late.reason()).startsWith("did not wait for circuit 'grid' (open since " + MutableClock.START
                + "): its waiting budget (maxWait 5s per opening, shared by every waiting test) is spent");

        try (WaitingCallers inA = new WaitingCallers(a).start(1)) { // a's budget of this opening is its own
            clock.advance(Duration.ofSeconds(4));
            assertThat(a.waitingCallers()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(inA.next().granted()).isFalse();
            inA.joinAll();
        }
        a.snapshot(); // sends a's pending totals
        assertThat(b.snapshot().totalRejected()).as("each refusal counted once, in the store").isEqualTo(4);
        assertThat(b.waitTotals()).isEqualTo(new WaitTotals(Duration.ofSeconds(5), 2, 3, 0));
    }

    @Test
    void healthyInOneJvm_turnsTheSharedCircuitHalfOpenEarly_andItsWaiterIsTheProbe() throws Exception {
        CircuitBreakerConfig.Builder settings = settings().halfOpenAfter(Duration.ofHours(1))
                .recoveryTimeout(Duration.ofHours(2)).maxWait(Duration.ofMinutes(10))
                .healthCheck(HealthCheckTest.SwitchableHealth.class).healthCheckInterval(Duration.ofSeconds(1));
        CircuitBreaker a = inAnotherJvm("api", settings);
        CircuitBreaker b = inAnotherJvm("api", settings);
        open(a, b);
        try (WaitingCallers inB = new WaitingCallers(b).start(2)) {
            clock.advance(Duration.ofSeconds(1));
            WaitingCallers.awaitUntil(() -> String.valueOf(b.snapshot().healthCheck()).contains("not healthy"),
                    "the check asked once, and answered");
            assertThat(HealthCheckTest.SwitchableHealth.asked.get()).isEqualTo(1);
            assertThat(b.waitingCallers()).as("not healthy: they go on waiting").isEqualTo(2);

            HealthCheckTest.SwitchableHealth.healthy.set(true);
            clock.advance(Duration.ofSeconds(1));
            WaitOutcome probe = inB.next();
            assertThat(probe.permit().isProbe()).isTrue();
            assertThat(probe.waited()).isEqualTo(Duration.ofSeconds(2));
            assertThat(HealthCheckTest.SwitchableHealth.asked.get()).as("once per interval in b").isEqualTo(2);
            WaitingCallers.awaitUntil(() -> a.snapshot().state() == HALF_OPEN, "a sees the half-open circuit");
            assertThat(a.tryAcquirePermission()).as("the one probe slot is b's").isNull();
            probe.permit().onSuccess();
            WaitOutcome other = inB.next();
            assertThat(other.permit().grantedIn()).isEqualTo(CLOSED);
            other.permit().onSuccess();
            inB.joinAll();
        }
        assertThat(a.snapshot().transitions()).extracting(CircuitSnapshot.Transition::reason).containsExactly(
                "1 consecutive failure, last: java.io.IOException: shop down",
                "health check " + HealthCheckTest.SwitchableHealth.class.getName() + " reported the dependency healthy",
                "1 successful probe");
        assertThat(b.snapshot().healthCheck()).startsWith("health check " + HealthCheckTest.SwitchableHealth.class.getName()
                + ": healthy (asked at ");
    }

    @Test
    void aHealthCheckThatSaysDown_keepsTheSharedCircuitOpenPastHalfOpenAfter_untilRecoveryTimeoutOfTheOpening()
            throws Exception {
        CircuitBreakerConfig.Builder settings = settings().maxWait(Duration.ofMinutes(10))
                .healthCheck(HealthCheckTest.SwitchableHealth.class).healthCheckInterval(Duration.ofSeconds(1));
        CircuitBreaker a = inAnotherJvm("cart", settings);
        CircuitBreaker b = inAnotherJvm("cart", settings);
        open(a, b);
        assertThat(b.snapshot().nextProbeAt()).isEqualTo(MutableClock.START.plusSeconds(40));
        try (WaitingCallers inB = new WaitingCallers(b).start(1)) {
            clock.advance(HALF_OPEN_AFTER);
            String askedNow = "not healthy: it answered false (asked at " + clock.instant() + ")";
            WaitingCallers.awaitUntil(() -> String.valueOf(b.snapshot().healthCheck()).endsWith(askedNow),
                    "the check asked after halfOpenAfter");
            assertThat(b.snapshot().state()).as("the check decides, not halfOpenAfter").isEqualTo(OPEN);
            assertThat(a.tryAcquirePermission()).isNull();
            assertThat(b.waitingCallers()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(30)); // recoveryTimeout (40 s) after the opening
            WaitOutcome probe = inB.next();
            assertThat(probe.permit().isProbe()).isTrue();
            probe.permit().onFailure(new IOException("still down"));
            inB.joinAll();
        }
        assertThat(a.snapshot().transitions()).extracting(CircuitSnapshot.Transition::reason).containsExactly(
                "1 consecutive failure, last: java.io.IOException: shop down",
                "health check " + HealthCheckTest.SwitchableHealth.class.getName()
                        + " did not answer healthy within recoveryTimeout 40s of the opening",
                "probe failed: java.io.IOException: still down; next wait PT20S");
    }

    @Test
    void healthCheckOnASharedSkipCircuit_askedOncePerIntervalPerJvm_byWhoeverAsks_andTheAskerIsTheProbe() {
        CircuitBreakerConfig.Builder settings = settings().halfOpenAfter(Duration.ofHours(1))
                .recoveryTimeout(Duration.ofHours(2)).whenOpen(WhenOpen.SKIP)
                .healthCheck(HealthCheckTest.SwitchableHealth.class).healthCheckInterval(Duration.ofSeconds(1));
        CircuitBreaker a = inAnotherJvm("search", settings);
        CircuitBreaker b = inAnotherJvm("search", settings);
        open(a, b);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThat(a.tryAcquirePermission()).isNull();
            assertThat(b.tryAcquirePermission()).isNull();
        }
        assertThat(HealthCheckTest.SwitchableHealth.asked.get()).as("once in each JVM in this interval").isEqualTo(2);

        HealthCheckTest.SwitchableHealth.healthy.set(true);
        clock.advance(Duration.ofSeconds(1));
        CircuitPermit probe = a.tryAcquirePermission();
        assertThat(probe).isNotNull();
        assertThat(probe.isProbe()).isTrue();
        assertThat(b.tryAcquirePermission()).as("b's check says healthy too, but the slot is taken").isNull();
        probe.onSuccess();
        WaitingCallers.awaitUntil(() -> b.snapshot().state() == CLOSED, "b sees the circuit closed");
        assertThat(b.snapshot().timesOpened()).isEqualTo(1);
    }

    @Test
    void theStoreFailsWhileACallerWaits_theCallerIsWokenAndGoesOnWithTheInMemoryCircuit() throws Exception {
        CircuitBreaker a = inAnotherJvm("fragile", settings().halfOpenAfter(Duration.ofHours(1))
                .recoveryTimeout(Duration.ofHours(1)).maxWait(Duration.ofHours(1)));
        a.recordFailure(new IOException("shop down"));
        try (WaitingCallers inA = new WaitingCallers(a).start(1)) {
            Path scope = dir.resolve("scope");
            try (var files = java.nio.file.Files.list(scope)) {
                for (Path p : files.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
            java.nio.file.Files.delete(scope);
            java.nio.file.Files.writeString(scope, "not a directory"); // the upkeep thread's next read fails

            WaitOutcome o = inA.next();
            assertThat(o.granted()).as("the in-memory circuit of this JVM is CLOSED").isTrue();
            assertThat(o.permit().grantedIn()).isEqualTo(CLOSED);
            o.permit().onSuccess();
            inA.joinAll();
        }
        assertThat(UnsharedCircuits.find("fragile")).isNotNull();
    }
}
