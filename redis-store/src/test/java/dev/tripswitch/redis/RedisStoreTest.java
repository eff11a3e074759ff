package dev.tripswitch.redis;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitState;
import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.StoreException;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Registries on one real Redis stand for JVMs on different machines (each with its own connections). */
class RedisStoreTest {

    private static RedisServer redis;
    private final List<CircuitBreakerRegistry> registries = new ArrayList<>();
    private String scope;

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
        scope = info.getTestMethod().orElseThrow().getName();
        UnsharedCircuits.clear();
    }

    @AfterEach
    void close() {
        registries.forEach(CircuitBreakerRegistry::closeStore);
        UnsharedCircuits.clear();
    }

    private static CircuitStore open(String uri, String scope, String timeout) {
        return RedisServer.openStore(uri, scope, timeout);
    }

    private CircuitBreaker circuitInAnotherJvm(String name, CircuitBreakerConfig config) {
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().store(open(redis.uri(), scope, "1s"),
                Duration.ofSeconds(2)).build();
        registries.add(r);
        return r.circuit(name, config);
    }

    private static CircuitBreakerConfig config(Duration halfOpenAfter) {
        return CircuitBreakerConfig.custom().failureThreshold(3).halfOpenAfter(halfOpenAfter)
                .recoveryTimeout(halfOpenAfter.multipliedBy(4)).build();
    }

    @Test
    void anOpeningInOneJvm_isHonouredByTheOther_withoutIt_askingTheStore() {
        CircuitBreaker a = circuitInAnotherJvm("api", config(Duration.ofHours(1)));
        CircuitBreaker b = circuitInAnotherJvm("api", config(Duration.ofHours(1)));
        assertThat(b.tryAcquirePermission()).isNotNull();
        for (int i = 0; i < 3; i++) {
            a.recordFailure(new IOException("api down"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquirePermission() == null);
        assertThat(b.snapshot().totalFailures()).isEqualTo(3);
        assertThat(b.snapshot().timesOpened()).isEqualTo(1);
        assertThat(b.snapshot().lastFailure().describe()).isEqualTo("java.io.IOException: api down");
        assertThat(b.snapshot().transitions()).singleElement().satisfies(t ->
                assertThat(t.reason()).isEqualTo("3 consecutive failures, last: java.io.IOException: api down"));
    }

    @Test
    void oneProbeAcrossJvms_thenAFailedProbeDoublesTheWait_onTheServersClock() {
        CircuitBreaker a = circuitInAnotherJvm("grid", config(Duration.ofMillis(300)));
        CircuitBreaker b = circuitInAnotherJvm("grid", config(Duration.ofMillis(300)));
        for (int i = 0; i < 3; i++) {
            a.recordFailure();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.state() == CircuitState.HALF_OPEN);
        assertThat(b.snapshot().state()).isEqualTo(CircuitState.HALF_OPEN); // b reads the store: its view is current
        CircuitPermit probe = a.tryAcquirePermission();
        assertThat(probe).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(b.tryAcquirePermission()).as("the probe slot is taken in the other JVM").isNull();
        probe.onFailure(new IOException("still down"));

        var s = b.snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.OPEN);
        assertThat(s.currentWait()).isEqualTo(Duration.ofMillis(600));
        assertThat(Duration.between(s.openedAt(), s.nextProbeAt())).isEqualTo(Duration.ofMillis(600));
        assertThat(s.transitions()).extracting(t -> t.reason()).containsExactly(
                "3 consecutive failures, last: (recorded without an exception)", "wait of PT0.3S elapsed",
                "probe failed: java.io.IOException: still down; next wait PT0.6S");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            CircuitPermit p = b.tryAcquirePermission();
            if (p != null) {
                p.onSuccess();
            }
            return p != null;
        });
        assertThat(a.snapshot().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aResetInOneJvm_closesTheCircuitForTheOther_promptly() {
        CircuitBreaker a = circuitInAnotherJvm("reset", config(Duration.ofHours(1)));
        CircuitBreaker b = circuitInAnotherJvm("reset", config(Duration.ofHours(1)));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3; i++) {
                a.recordFailure();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquirePermission() == null);
            a.reset();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquirePermission() != null);
        }
        assertThat(b.snapshot().totalFailures()).as("a reset clears the totals").isZero();
        assertThat(b.snapshot().transitions()).extracting(t -> t.reason()).containsExactly("reset");
    }

    @Test
    void totalsAreExact_andTheClosedPathStaysLocal() throws Exception {
        CircuitBreaker a = circuitInAnotherJvm("totals", config(Duration.ofHours(1)));
        CircuitBreaker b = circuitInAnotherJvm("totals", config(Duration.ofHours(1)));
        for (int i = 0; i < 20_000; i++) {
            a.tryAcquirePermission().onSuccess();
            b.tryAcquirePermission().onSuccess();
        }
        a.snapshot();
        assertThat(b.snapshot().totalSuccesses()).isEqualTo(40_000);
    }

    @Test
    void aRedisThatStops_leavesTheCircuitsUnshared_boundedAndSaidOnce_andANewJvmSharesAgainAfterItsRestart()
            throws Exception {
        CircuitBreaker a = circuitInAnotherJvm("outage", config(Duration.ofHours(1)));
        CircuitBreaker second = registries.get(0).circuit("outage-2", config(Duration.ofHours(1)));
        a.recordFailure();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.tripswitch.internal.StoreBinding");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        redis.stop();
        try {
            long started = System.nanoTime();
            a.recordFailure(new IOException("x"));
            a.recordFailure();
            a.recordFailure();
            assertThat(a.state()).as("the in-memory circuit carries on").isEqualTo(CircuitState.OPEN);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the store timeout")
                    .isLessThan(Duration.ofSeconds(30));
            UnsharedCircuits.Unshared entry = UnsharedCircuits.find("outage");
            assertThat(entry).isNotNull();
            assertThat(entry.store()).isEqualTo("redis://127.0.0.1:" + redis.port() + "/0 (scope " + scope + ")");
            second.recordFailure();
            assertThat(UnsharedCircuits.find("outage-2")).as("every circuit of the failed store").isNotNull();
            assertThat(warnings).as("one warning for the store").singleElement().satisfies(w -> assertThat(w)
                    .startsWith("Tripswitch: store redis://127.0.0.1:" + redis.port() + "/0 (scope " + scope
                            + ") failed (circuit 'outage': "));
        } finally {
            log.removeHandler(handler);
            redis.startAgain();
        }
        CircuitBreaker later = circuitInAnotherJvm("outage", config(Duration.ofHours(1)));
        CircuitBreaker other = circuitInAnotherJvm("outage", config(Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            later.recordFailure();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> other.tryAcquirePermission() == null);
    }

    @Test
    void anUnreachableRedis_isAStoreFailure_notAConfigurationError() throws Exception {
        int unused = RedisServer.unusedPort();
        assertThatThrownBy(() -> open("redis://127.0.0.1:" + unused, scope, "500ms"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("store redis://127.0.0.1:" + unused + "/0: cannot reach the server");
    }

    @Test
    void badUris_areRefusedNamingTheSetting() {
        assertThatThrownBy(() -> open("redis://u:pw@127.0.0.1:6379/x", scope, "1s"))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.store=redis://u:****@127.0.0.1:6379/x (system property) is refused: the database"
                        + " must be a number of 0 or more, such as /2; allowed: redis://[user:password@]host[:port][/database]");
    }
}
