package dev.tripswitch.junit;

import com.sun.net.httpserver.HttpServer;
import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.DependencyServers;
import dev.tripswitch.dependency.ProtectedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dependency circuit checks its own dependency ({@code tripswitch.dependencies=auto}, the connect check on by
 * default): tests without an annotation call a loopback shop through {@link ProtectedHttpClient}; the shop stops
 * after the first test and comes back, on the same port, near the end. With the check no probe is sent to fail while
 * the shop is down, however far the clock moves past {@code halfOpenAfter}; with {@code tripswitch.dependencies.check
 * =off} (a JUnit configuration parameter) each probe that falls due fails.
 */
class DependencyHealthCheckScenariosTest extends Fixtures {

    static final HttpClient HTTP = ProtectedHttpClient.wrap(HttpClient.newHttpClient());
    static Shop shop;

    private CircuitBreakerRegistry.GlobalOverride withProperties;

    @BeforeEach
    void shopAndDependencyCircuits() {
        // dependency circuits take their settings from properties, as the JVM's own registry does
        registry = CircuitBreakerRegistry.builder().clock(clock).withSystemSources().build();
        withProperties = CircuitBreakerRegistry.replaceGlobal(registry);
        shop = new Shop();
        System.setProperty("tripswitch.dependencies", "auto");
        setting("failureThreshold", "3");
        setting("halfOpenAfter", "2s");
        setting("healthCheckInterval", "1s");
    }

    @AfterEach
    void clear() {
        System.clearProperty("tripswitch.dependencies");
        for (String s : List.of("failureThreshold", "halfOpenAfter", "healthCheckInterval")) {
            System.clearProperty(key(s));
        }
        shop.close();
        withProperties.close();
    }

    private static String key(String setting) {
        return "tripswitch.circuit.dep:" + shop.dependency() + "." + setting;
    }

    private static void setting(String setting, String value) {
        System.setProperty(key(setting), value);
    }

    private static List<String> transitions(CircuitSnapshot s) {
        return s.transitions().stream().map(t -> t.from() + "->" + t.to()).toList();
    }

    @Test
    void theShopGoesDown_withTheConnectCheck_noProbeFailsWhileItIsDown_andTheFirstTestAfterItsReturnClosesIt() {
        EngineExecutionResults results = run(ShopGoesDownAndComesBack.class);

        results.testEvents().assertStatistics(s -> s.started(9).succeeded(4).failed(3).aborted(2));
        CircuitBreaker c = circuit("dep:" + shop.dependency());
        CircuitSnapshot s = c.snapshot();
        assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(s.totalFailures()).isEqualTo(3);
        assertThat(transitions(s)).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(s.transitions().get(1).reason()).isEqualTo("health check TCP connect to " + shop.dependency()
                + " reported the dependency healthy");
        assertThat(results.testEvents().aborted().stream().map(e -> e.getPayload(
                        org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow().getMessage()).toList()).hasSize(2).allSatisfy(m -> assertThat(m)
                .startsWith("circuit 'dep:" + shop.dependency() + "' is OPEN")
                .contains("next probe as soon as the health check answers healthy")
                .contains("not healthy: java.net.ConnectException: connect to " + shop.dependency() + " refused"));
    }

    @Test
    void theSameRun_withTheCheckSwitchedOff_failsAProbeEachTimeOneFallsDueWhileTheShopIsDown() {
        EngineExecutionResults results = run(Map.of("tripswitch.dependencies.check", "off"),
                ShopGoesDownAndComesBack.class);

        results.testEvents().assertStatistics(s -> s.started(9).succeeded(4).failed(5).aborted(0));
        CircuitSnapshot s = circuit("dep:" + shop.dependency()).snapshot();
        assertThat(s.healthCheck()).isNull();
        assertThat(s.totalFailures()).isEqualTo(5);
        assertThat(transitions(s)).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN",
                "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class ShopGoesDownAndComesBack {
        @Test void a1_shopUp() throws Exception { assertThat(get().statusCode()).isEqualTo(200); }
        @Test void b0_shopGoesDown() { shop.stop(); }
        @Test void b1() throws Exception { get(); }
        @Test void b2() throws Exception { get(); }
        @Test void b3() throws Exception { get(); }
        @Test void c1_fiveSecondsLater() throws Exception { clock.advance(Duration.ofSeconds(5)); get(); }
        @Test void c2_fiveSecondsLater() throws Exception { clock.advance(Duration.ofSeconds(5)); get(); }
        @Test void d0_shopIsBack() { shop.start(); }
        @Test void d1_tenSecondsLater() throws Exception {
            clock.advance(Duration.ofSeconds(10));
            assertThat(get().statusCode()).isEqualTo(200);
        }

        private static java.net.http.HttpResponse<String> get() throws Exception {
            return DependencyServers.get(HTTP, shop.url());
        }
    }

    /** A loopback HTTP shop on a free port that stops and starts again on the same port. */
    static final class Shop implements AutoCloseable {
        private final int port;
        private HttpServer server;

        Shop() {
            server = listen(0);
            port = server.getAddress().getPort();
        }

        private static HttpServer listen(int port) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
                s.createContext("/", ex -> {
                    byte[] body = "<html><head><title>Shop</title></head></html>".getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                    ex.close();
                });
                s.start();
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String dependency() {
            return "127.0.0.1:" + port;
        }

        String url() {
            return "http://" + dependency() + "/";
        }

        void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        void start() {
            server = listen(port);
        }

        @Override
        public void close() {
            stop();
        }
    }
}
