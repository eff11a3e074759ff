package dev.tripswitch;

import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyCalls;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.Switches;
import dev.tripswitch.internal.TestPlugins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static dev.tripswitch.CircuitState.CLOSED;
import static dev.tripswitch.CircuitState.HALF_OPEN;
import static dev.tripswitch.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dependency circuit of a {@code host:port} checks its own dependency: a real loopback port that listens, stops and
 * listens again, tests admitted by their dependencies through the protocol ({@link TestRun}), the controllable clock.
 * The circuit's settings are given by name, as a user gives them ({@code tripswitch.circuit.dep:<host:port>.*}).
 */
class DependencyHealthCheckTest {

    private final MutableClock clock = MutableClock.start();
    private final Properties settings = new Properties();
    private CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;
    private TestRun run;
    private Port port;
    private int tests;

    @BeforeEach
    void dependencyCircuitsOn() {
        System.setProperty(Switches.DEPENDENCIES, "auto");
        port = new Port();
        set("failureThreshold", "3");
        set("halfOpenAfter", "2s");
        set("recoveryTimeout", "60s");
        set("healthCheckInterval", "1s");
    }

    @AfterEach
    void off() {
        System.clearProperty(Switches.DEPENDENCIES);
        System.clearProperty(Switches.DEPENDENCIES_CHECK);
        if (override != null) {
            override.close();
        }
        port.close();
    }

    private void set(String setting, String value) {
        settings.setProperty("tripswitch.circuit." + dependency().circuitName() + "." + setting, value);
    }

    private Dependency dependency() {
        return Dependency.hostAndPort("127.0.0.1", port.number);
    }

    /** The JVM's registry with the settings given so far (call before the first test). */
    private void start() {
        registry = CircuitBreakerRegistry.builder().clock(clock).withProperties("system property", settings).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
        run = new TestRun(() -> registry, ProtectedTestEvents.of(), TestPlugins.NONE);
    }

    /** A test without an annotation whose body makes one watched call: a TCP connect to the dependency. */
    private Outcome testThatConnects() {
        Admission a = run.admitByDependencies(new TestIdentity("test", "Shop", "t" + ++tests, "Shop.t" + tests));
        try {
            DependencyCalls.call(dependency(), () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.number), 1000);
                }
                return null;
            });
            return a.passed();
        } catch (Exception e) {
            return a.failed(e);
        }
    }

    private CircuitBreaker circuit() {
        return registry.find(dependency().circuitName()).orElseThrow();
    }

    private String refused() {
        return "connect to 127.0.0.1:" + port.number + " refused";
    }

    private List<String> reasons() {
        return circuit().snapshot().transitions().stream().map(t -> t.from() + "->" + t.to() + ": " + t.reason())
                .toList();
    }

    @Test
    void aListeningDependency_getsTheConnectCheck_whileDownNoProbeGoesByTime_andOnceItListensAgainTheProbeGoes() {
        start();
        assertThat(testThatConnects()).isEqualTo(Outcome.PASSED);
        assertThat(circuit().snapshot().healthCheck())
                .startsWith("health check TCP connect to 127.0.0.1:" + port.number + ": healthy");

        port.stop();
        assertThat(List.of(testThatConnects(), testThatConnects(), testThatConnects()))
                .containsOnly(Outcome.FAILED_COUNTED);
        assertThat(circuit().state()).isEqualTo(OPEN);

        clock.advance(Duration.ofSeconds(5)); // past halfOpenAfter (2s): without the check the probe would go now
        assertThat(testThatConnects()).isEqualTo(Outcome.SKIPPED_BY_CIRCUIT);
        assertThat(circuit().snapshot().healthCheck()).contains("not healthy: java.net.ConnectException: "
                + refused());
        clock.advance(Duration.ofSeconds(50)); // 55s after the opening, still before recoveryTimeout (60s)
        assertThat(testThatConnects()).isEqualTo(Outcome.SKIPPED_BY_CIRCUIT);
        assertThat(circuit().state()).isEqualTo(OPEN);

        port.listen();
        clock.advance(Duration.ofSeconds(1));
        assertThat(testThatConnects()).as("the probe").isEqualTo(Outcome.PASSED);
        assertThat(circuit().state()).isEqualTo(CLOSED);
        assertThat(circuit().snapshot().totalFailures()).as("no failed probe").isEqualTo(3);
        assertThat(reasons()).containsExactly(
                "CLOSED->OPEN: 3 consecutive failures, last: java.net.ConnectException: Connection refused",
                "OPEN->HALF_OPEN: health check TCP connect to 127.0.0.1:" + port.number
                        + " reported the dependency healthy",
                "HALF_OPEN->CLOSED: 1 successful probe");
    }

    @Test
    void aDependencyThisJvmCannotReachAtFirst_getsNoCheck_andHalfOpensByTime_asWithoutOne() {
        port.stop();
        start();
        assertThat(List.of(testThatConnects(), testThatConnects(), testThatConnects()))
                .containsOnly(Outcome.FAILED_COUNTED);
        assertThat(circuit().snapshot().healthCheck()).isNull();
        assertThat(circuit().state()).isEqualTo(OPEN);

        clock.advance(Duration.ofSeconds(2));
        assertThat(circuit().state()).isEqualTo(HALF_OPEN);
        assertThat(testThatConnects()).as("a failed probe").isEqualTo(Outcome.FAILED_COUNTED);
        assertThat(circuit().snapshot().totalFailures()).isEqualTo(4);

        port.listen(); // the decision was made when the circuit met the dependency
        assertThat(circuit().snapshot().healthCheck()).isNull();
    }

    @Test
    void earlyWarning_aPortClosedMidRun_opensTheCircuitAfterUnhealthyThresholdAnswers_beforeFailureThreshold() {
        start();
        assertThat(testThatConnects()).isEqualTo(Outcome.PASSED); // and the check's preflight answered healthy

        port.stop();
        clock.advance(Duration.ofSeconds(1)); // the check is due again while CLOSED
        assertThat(testThatConnects()).as("first unhealthy answer, not yet confirmed").isEqualTo(Outcome.FAILED_COUNTED);
        assertThat(testThatConnects()).as("the second answer opens the circuit").isEqualTo(Outcome.SKIPPED_BY_CIRCUIT);

        CircuitSnapshot s = circuit().snapshot();
        assertThat(s.state()).isEqualTo(OPEN);
        assertThat(s.totalFailures()).isEqualTo(1);
        assertThat(reasons()).containsExactly("CLOSED->OPEN: health check TCP connect to 127.0.0.1:" + port.number
                + " answered not healthy 2 times in a row while CLOSED (unhealthyThreshold 2), last:"
                + " java.net.ConnectException: " + refused() + " (Connection refused)");
    }

    @Test
    void theCircuitsOwnSettings_unhealthyThresholdAndEarlyWarning_apply() {
        set("unhealthyThreshold", "1");
        start();
        testThatConnects();
        port.stop();
        clock.advance(Duration.ofSeconds(1));
        assertThat(testThatConnects()).isEqualTo(Outcome.SKIPPED_BY_CIRCUIT);
        assertThat(circuit().snapshot().totalFailures()).isZero();
    }

    @Test
    void withoutEarlyWarning_theCheckIsAskedOnlyWhileOpen() {
        set("earlyWarning", "false");
        start();
        testThatConnects();
        port.stop();
        clock.advance(Duration.ofSeconds(1));
        assertThat(List.of(testThatConnects(), testThatConnects(), testThatConnects()))
                .containsOnly(Outcome.FAILED_COUNTED);
        clock.advance(Duration.ofSeconds(5));
        assertThat(circuit().state()).as("the check gates the probe still").isEqualTo(OPEN);
        assertThat(circuit().snapshot().healthCheck()).contains("not healthy");
    }

    @Test
    void switchedOff_noCheck_theCircuitWorksByFailuresAndTime() {
        System.setProperty(Switches.DEPENDENCIES_CHECK, "off");
        start();
        assertThat(testThatConnects()).isEqualTo(Outcome.PASSED);
        assertThat(circuit().snapshot().healthCheck()).isNull();
        port.stop();
        testThatConnects();
        testThatConnects();
        testThatConnects();
        clock.advance(Duration.ofSeconds(2));
        assertThat(circuit().state()).isEqualTo(HALF_OPEN);
    }

    @Test
    void aBadValueOfTheSwitch_isRefused_namingTheSettingTheValueWhereAndWhatIsAllowed() {
        System.setProperty(Switches.DEPENDENCIES_CHECK, "ping");
        start();
        assertThatThrownBy(() -> DependencyCalls.before(dependency()))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.dependencies.check=ping (system property): must be connect or off");
        assertThat(registry.find(dependency().circuitName())).isEmpty();
        assertThat(testThatConnects()).as("a misuse of Tripswitch counts nothing").isEqualTo(Outcome.ABORTED);
    }

    @Test
    void aHealthUrlGivenByName_wins() {
        set("healthUrl", "http://127.0.0.1:" + port.number + "/health");
        start();
        assertThat(registry.circuit(dependency().circuitName()).snapshot().healthCheck()) // made as a call makes it
                .isEqualTo("health check GET http://127.0.0.1:" + port.number + "/health (not asked yet)");
    }

    @Test
    void onlyAHostAndPortGetsTheCheck_andAnExplicitConfigurationIsKeptExactly() {
        start();
        assertThat(registry.circuit("dep:127.0.0.1").snapshot().healthCheck()).as("a host alone").isNull();
        assertThat(registry.circuit("dep:driver:chrome").snapshot().healthCheck()).as("a driver").isNull();
        assertThat(registry.circuit("shop").snapshot().healthCheck()).as("no dependency circuit").isNull();
        assertThat(registry.circuit(dependency().circuitName(), CircuitBreakerConfig.custom().clock(clock).build())
                .snapshot().healthCheck()).as("a configuration in code").isNull();
    }

    /** A loopback port that listens, stops and listens again (the same port number). */
    static final class Port implements AutoCloseable {
        final int number;
        private ServerSocket socket;

        Port() {
            socket = bind(0);
            number = socket.getLocalPort();
        }

        void stop() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void listen() {
            socket = bind(number);
        }

        private static ServerSocket bind(int port) {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
