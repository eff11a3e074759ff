package dev.tripswitch;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tripswitch.CircuitState.CLOSED;
import static dev.tripswitch.CircuitState.HALF_OPEN;
import static dev.tripswitch.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Health checks inside the circuit: asked once per interval, by whoever asks the circuit. */
class HealthCheckTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration HALF_OPEN_AFTER = Duration.ofMinutes(1);

    /** A dependency the test switches; counts the questions and notices two at once. */
    public static final class SwitchableHealth implements HealthCheck {
        static final AtomicBoolean healthy = new AtomicBoolean();
        static final AtomicInteger asked = new AtomicInteger();
        static final AtomicInteger askingNow = new AtomicInteger();
        static final AtomicInteger mostAtOnce = new AtomicInteger();
        static final AtomicInteger made = new AtomicInteger();
        static volatile String failWith;

        public SwitchableHealth() {
            made.incrementAndGet();
        }

        @Override
        public boolean isHealthy() {
            asked.incrementAndGet();
            mostAtOnce.accumulateAndGet(askingNow.incrementAndGet(), Math::max);
            try {
                Thread.yield();
                if (failWith != null) {
                    throw new IllegalStateException(failWith);
                }
                return healthy.get();
            } finally {
                askingNow.decrementAndGet();
            }
        }

        static void resetAll() {
            healthy.set(false);
            asked.set(0);
            askingNow.set(0);
            mostAtOnce.set(0);
            made.set(0);
            failWith = null;
        }
    }

    /** A health check that cannot even be made. */
    public static final class BrokenHealth implements HealthCheck {
        public BrokenHealth() {
            throw new IllegalStateException("no shop URL configured");
        }

        @Override
        public boolean isHealthy() {
            return true;
        }
    }

    private final MutableClock clock = MutableClock.start();

    @BeforeEach
    @AfterEach
    void resetHealth() {
        SwitchableHealth.resetAll();
    }

    private CircuitBreaker openCircuit(CircuitBreakerConfig.Builder settings) {
        CircuitBreaker cb = CircuitBreaker.of("shop", settings.clock(clock).failureThreshold(1)
                .halfOpenAfter(HALF_OPEN_AFTER).recoveryTimeout(Duration.ofMinutes(2))
                .healthCheckInterval(INTERVAL).build());
        cb.recordFailure(new IOException("shop down"));
        assertThat(cb.state()).isEqualTo(OPEN);
        return cb;
    }

    private CircuitBreaker openWithSwitchableHealth() {
        return openCircuit(CircuitBreakerConfig.custom().healthCheck(SwitchableHealth.class));
    }

    @Test
    void withoutEarlyWarning_aClosedCircuitNeverMakesOrAsksTheHealthCheck() {
        CircuitBreaker cb = CircuitBreaker.of("shop", CircuitBreakerConfig.custom().clock(clock)
                .healthCheck(SwitchableHealth.class).earlyWarning(false).build());
        for (int i = 0; i < 1_000; i++) {
            cb.tryAcquirePermission().onSuccess();
            clock.advance(INTERVAL);
        }
        assertThat(cb.snapshot().state()).isEqualTo(CLOSED);
        assertThat(SwitchableHealth.made).hasValue(0);
        assertThat(SwitchableHealth.asked).hasValue(0);
    }

    @Test
    void healthyCheck_turnsTheCircuitHalfOpenBeforeHalfOpenAfter_withAReasonNamingTheCheck() {
        CircuitBreaker cb = openWithSwitchableHealth();
        clock.advance(Duration.ofMillis(999));
        assertThat(cb.tryAcquirePermission()).isNull();
        assertThat(SwitchableHealth.asked).as("not before one interval after opening").hasValue(0);

        clock.advance(Duration.ofMillis(1));
        assertThat(cb.tryAcquirePermission()).isNull();
        assertThat(cb.state()).isEqualTo(OPEN);
        assertThat(SwitchableHealth.asked).as("once per interval, whoever asks").hasValue(1);

        SwitchableHealth.healthy.set(true);
        assertThat(cb.state()).isEqualTo(OPEN);
        clock.advance(INTERVAL);
        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).isNotNull();
        assertThat(probe.isProbe()).isTrue();
        assertThat(SwitchableHealth.asked).hasValue(2);
        assertThat(SwitchableHealth.made).as("one instance per circuit").hasValue(1);
        CircuitSnapshot.Transition halfOpen = cb.snapshot().transitions().get(1);
        assertThat(halfOpen.to()).isEqualTo(HALF_OPEN);
        assertThat(halfOpen.at()).isEqualTo(MutableClock.START.plusSeconds(2));
        assertThat(halfOpen.reason()).isEqualTo("health check " + SwitchableHealth.class.getName()
                + " reported the dependency healthy");

        probe.onSuccess(); // a real call confirms
        assertThat(cb.state()).isEqualTo(CLOSED);
        clock.advance(Duration.ofMinutes(5));
        cb.tryAcquirePermission().onSuccess();
        assertThat(SwitchableHealth.asked).as("asked while CLOSED too (early warning): healthy").hasValue(3);
        assertThat(cb.state()).isEqualTo(CLOSED);
    }

    @Test
    void healthyCheck_wakesAWaitingCallerBeforeHalfOpenAfter() throws Exception {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().healthCheck(SwitchableHealth.class)
                .whenOpen(WhenOpen.WAIT));
        try (WaitingCallers callers = new WaitingCallers(cb).start(1)) {
            clock.advance(INTERVAL);
            WaitingCallers.awaitUntil(() -> SwitchableHealth.asked.get() == 1, "the waiting caller asked the check");
            SwitchableHealth.healthy.set(true);
            clock.advance(INTERVAL);
            WaitOutcome outcome = callers.next();
            assertThat(outcome.permit().isProbe()).isTrue();
            assertThat(outcome.waited()).isEqualTo(Duration.ofSeconds(2));
            outcome.permit().onSuccess();
            callers.joinAll();
        }
        assertThat(cb.state()).isEqualTo(CLOSED);
    }

    @Test
    void manyCallersAtOnce_theCheckIsAskedByOneThreadAtATime() throws Exception {
        CircuitBreaker cb = openWithSwitchableHealth();
        Thread[] threads = new Thread[8];
        for (int round = 0; round < 50; round++) {
            clock.advance(INTERVAL);
            for (int i = 0; i < threads.length; i++) {
                threads[i] = new Thread(() -> {
                    for (int k = 0; k < 20; k++) {
                        cb.tryAcquirePermission();
                    }
                });
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join(WaitingCallers.CEILING.toMillis());
            }
        }
        assertThat(SwitchableHealth.mostAtOnce).hasValue(1);
        assertThat(SwitchableHealth.asked).as("at most once per interval").hasValue(50);
        assertThat(cb.state()).isEqualTo(OPEN);
    }

    @Test
    void throwingCheck_isNotHealthy_andItsMessageIsInTheSnapshotAndTheReason() {
        SwitchableHealth.failWith = "shop still answers 503";
        CircuitBreaker cb = openWithSwitchableHealth();
        assertThat(cb.snapshot().healthCheck()).isEqualTo("health check " + SwitchableHealth.class.getName()
                + " (not asked yet)");
        clock.advance(INTERVAL);
        assertThat(cb.state()).isEqualTo(OPEN);
        CircuitSnapshot s = cb.snapshot();
        String verdict = "health check " + SwitchableHealth.class.getName()
                + ": not healthy: java.lang.IllegalStateException: shop still answers 503 (asked at "
                + MutableClock.START.plusSeconds(1) + ")";
        assertThat(s.healthCheck()).isEqualTo(verdict);
        assertThat(s.describe()).endsWith("; " + verdict);
        assertThatRefusalNames(cb, verdict);
    }

    @Test
    void checkThatCannotBeMade_isNotHealthy_andSaysWhy_theProbeGoesAnywayAtRecoveryTimeout() {
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().healthCheck(BrokenHealth.class));
        Instant opened = clock.instant();
        clock.advance(INTERVAL);
        assertThat(cb.state()).isEqualTo(OPEN);
        assertThat(cb.snapshot().healthCheck()).contains("not healthy: the check could not be made: "
                + "java.lang.IllegalStateException: no shop URL configured");
        assertThat(cb.snapshot().nextProbeAt()).isEqualTo(opened.plus(Duration.ofMinutes(2)));
        assertThat(cb.snapshot().describe()).contains("; next probe as soon as the health check answers healthy,"
                + " at the latest at " + opened.plus(Duration.ofMinutes(2)));

        clock.advance(HALF_OPEN_AFTER);
        assertThat(cb.state()).as("halfOpenAfter has passed, but the check has not said healthy").isEqualTo(OPEN);
        assertThat(cb.tryAcquirePermission()).isNull();

        clock.advance(Duration.between(clock.instant(), opened.plus(Duration.ofMinutes(2)))); // recoveryTimeout after opening
        assertThat(cb.state()).as("a broken check delays the probe, it cannot prevent it").isEqualTo(HALF_OPEN);
        assertThat(cb.snapshot().transitions()).last().extracting(CircuitSnapshot.Transition::reason)
                .isEqualTo("health check " + BrokenHealth.class.getName()
                        + " did not answer healthy within recoveryTimeout 2m of the opening");
    }

    @Test
    void aDueProbe_waitsForTheFirstHealthyAnswer_soNoTestFailsAsAProbeWhileTheCheckSaysDown() {
        SwitchableHealth.healthy.set(false);
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().healthCheck(SwitchableHealth.class));
        clock.advance(HALF_OPEN_AFTER.plus(INTERVAL));
        assertThat(cb.tryAcquirePermission()).as("due by time, but the check says down").isNull();

        SwitchableHealth.healthy.set(true);
        clock.advance(INTERVAL);
        CircuitPermit probe = cb.tryAcquirePermission();

        assertThat(probe).isNotNull();
        assertThat(probe.isProbe()).isTrue();
        assertThat(cb.snapshot().transitions()).last().extracting(CircuitSnapshot.Transition::reason)
                .isEqualTo("health check " + SwitchableHealth.class.getName() + " reported the dependency healthy");
    }

    @Test
    void httpCheck_against_aLocalServer_2xxIsHealthy_otherwiseTheStatusIsTheReason() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
            CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().healthUrl(url));
            clock.advance(INTERVAL);
            assertThat(cb.state()).isEqualTo(OPEN);
            assertThat(cb.snapshot().healthCheck()).startsWith("health check GET " + url
                    + ": not healthy: java.io.IOException: GET " + url + " answered HTTP 503 (asked at ");

            status.set(204);
            clock.advance(INTERVAL);
            assertThat(cb.state()).isEqualTo(HALF_OPEN);
            assertThat(cb.snapshot().transitions().get(1).reason())
                    .isEqualTo("health check GET " + url + " reported the dependency healthy");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpCheck_nothingListening_isNotHealthy_withTheConnectionError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/health");
        CircuitBreaker cb = openCircuit(CircuitBreakerConfig.custom().healthUrl(url));
        clock.advance(INTERVAL);
        assertThat(cb.state()).isEqualTo(OPEN);
        assertThat(cb.snapshot().healthCheck()).startsWith("health check GET " + url
                + ": not healthy: java.net.ConnectException");
    }

    private static void assertThatRefusalNames(CircuitBreaker cb, String verdict) {
        try {
            cb.acquirePermission();
            throw new AssertionError("an OPEN circuit granted a permit");
        } catch (CircuitOpenException refused) {
            assertThat(refused.getMessage()).contains(verdict);
        }
    }
}
