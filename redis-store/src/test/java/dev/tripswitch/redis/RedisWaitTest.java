package dev.tripswitch.redis;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.WaitOutcome;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.store.UnsharedCircuits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiting ({@code whenOpen = WAIT}) and health checks on a circuit shared through a real Redis: registries with
 * their own connections stand for JVMs on different machines. The server's clock times the circuit, so time
 * here is real; every assertion is about outcomes, every wait has a one-minute ceiling.
 */
class RedisWaitTest {

    private static final Duration CEILING = Duration.ofMinutes(1);
    private static RedisServer redis;
    private final List<CircuitBreakerRegistry> registries = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<WaitOutcome> outcomes = new LinkedBlockingQueue<>();
    private String scope;

    /** A dependency the test switches on. */
    public static final class FlagHealth implements HealthCheck {
        static final AtomicBoolean healthy = new AtomicBoolean();
        static final AtomicInteger asked = new AtomicInteger();

        @Override
        public boolean isHealthy() {
            asked.incrementAndGet();
            return healthy.get();
        }
    }

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void scopePerTest(TestInfo info) {
        scope = "wait-" + info.getTestMethod().orElseThrow().getName();
        UnsharedCircuits.clear();
        FlagHealth.healthy.set(false);
        FlagHealth.asked.set(0);
    }

    @AfterEach
    void close() throws InterruptedException {
        threads.forEach(Thread::interrupt); // only matters when a test failed half-way
        for (Thread t : threads) {
            t.join(CEILING.toMillis());
        }
        registries.forEach(CircuitBreakerRegistry::closeStore);
        UnsharedCircuits.clear();
    }

    private CircuitBreaker inAnotherJvm(String name, CircuitBreakerConfig config) {
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder()
                .store(RedisServer.openStore(redis.uri(), scope, "2s"), Duration.ofSeconds(30)).build();
        registries.add(r);
        return r.circuit(name, config);
    }

    private static CircuitBreakerConfig.Builder settings(Duration halfOpenAfter) {
        return CircuitBreakerConfig.custom().failureThreshold(1).halfOpenAfter(halfOpenAfter)
                .recoveryTimeout(halfOpenAfter.multipliedBy(4)).whenOpen(WhenOpen.WAIT).maxWait(CEILING);
    }

    private void waitOn(CircuitBreaker circuit, int callers) {
        for (int i = 0; i < callers; i++) {
            Thread t = new Thread(() -> outcomes.add(circuit.awaitPermission()), "waiter-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private WaitOutcome next() throws InterruptedException {
        WaitOutcome o = outcomes.poll(CEILING.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(o).as("a waiting caller came back within " + CEILING).isNotNull();
        return o;
    }

    private static void openThroughAndSeenBy(CircuitBreaker opener, CircuitBreaker other) {
        opener.recordFailure(new IOException("shop down"));
        await().atMost(CEILING).until(() -> other.snapshot().state() != CircuitState.CLOSED);
    }

    @Test
    void waitersInTwoJvms_oneIsTheProbeWhenDue_andWhenItPassesTheOthersRun() throws Exception {
        CircuitBreaker a = inAnotherJvm("shop", settings(Duration.ofMillis(800)).build());
        CircuitBreaker b = inAnotherJvm("shop", settings(Duration.ofMillis(800)).build());
        openThroughAndSeenBy(a, b);
        waitOn(a, 1);
        waitOn(b, 2);

        WaitOutcome probe = next();
        assertThat(probe.granted()).isTrue();
        assertThat(probe.permit().isProbe()).isTrue();
        await().atMost(CEILING).until(() -> a.waitingCallers() + b.waitingCallers() == 2); // the others wait
        assertThat(outcomes).as("nobody is admitted before the probe's outcome").isEmpty();
        probe.permit().onSuccess();
        for (int i = 0; i < 2; i++) {
            WaitOutcome o = next();
            assertThat(o.granted()).isTrue();
            assertThat(o.permit().grantedIn()).isEqualTo(CircuitState.CLOSED);
            o.permit().onSuccess();
        }
        CircuitSnapshot s = b.snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(s.transitions()).extracting(CircuitSnapshot.Transition::to)
                .containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED);
        assertThat(a.waitingCallers() + b.waitingCallers()).isZero();
    }

    @Test
    void budgetSpent_theWaiterIsRefusedWithTheWaitingReason() throws Exception {
        CircuitBreaker a = inAnotherJvm("grid", settings(Duration.ofHours(1)).maxWait(Duration.ofMillis(300)).build());
        CircuitBreaker b = inAnotherJvm("grid", settings(Duration.ofHours(1)).maxWait(Duration.ofMillis(300)).build());
        openThroughAndSeenBy(a, b);
        waitOn(b, 1);
        WaitOutcome refused = next();
        assertThat(refused.granted()).isFalse();
        assertThat(refused.reason()).startsWith("waited ").contains(" for circuit 'grid' (open since ")
                .contains("and gave up: its waiting budget (maxWait 300ms per opening, shared by every waiting test)"
                        + " is spent; circuit 'grid' is OPEN");
        assertThat(refused.snapshot().state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aHealthCheckThatSaysHealthy_turnsTheSharedCircuitHalfOpenEarly_andTheWaiterIsTheProbe() throws Exception {
        CircuitBreakerConfig config = settings(Duration.ofHours(1)).healthCheck(FlagHealth.class)
                .healthCheckInterval(Duration.ofMillis(50)).build();
        CircuitBreaker a = inAnotherJvm("api", config);
        CircuitBreaker b = inAnotherJvm("api", config);
        openThroughAndSeenBy(a, b);
        waitOn(b, 1);
        await().atMost(CEILING).until(() -> FlagHealth.asked.get() >= 2); // the waiter asks as it waits
        assertThat(outcomes).as("not healthy: it goes on waiting").isEmpty();

        FlagHealth.healthy.set(true);
        WaitOutcome probe = next();
        assertThat(probe.permit().isProbe()).isTrue();
        assertThat(a.snapshot().state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(a.tryAcquirePermission()).as("the one probe slot is b's").isNull();
        probe.permit().onSuccess();
        assertThat(a.snapshot().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(a.snapshot().transitions()).extracting(CircuitSnapshot.Transition::reason).containsExactly(
                "1 consecutive failure, last: java.io.IOException: shop down",
                "health check " + FlagHealth.class.getName() + " reported the dependency healthy",
                "1 successful probe");
    }
}
