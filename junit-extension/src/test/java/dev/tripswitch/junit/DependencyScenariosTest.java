package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.DependencyServers;
import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyFailures;
import dev.tripswitch.dependency.DependencyMapping;
import dev.tripswitch.dependency.ProtectedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependency circuits through the JUnit 5 extension ({@code tripswitch.dependencies=auto}): tests without an
 * annotation count on the {@code host:port} their failure names; a test is refused at its first call to an open
 * dependency; product failures count nothing. Real loopback services, a real JDK HttpClient, real headless Chromium.
 */
class DependencyScenariosTest extends Fixtures {

    static final HttpClient HTTP = ProtectedHttpClient.wrap(HttpClient.newHttpClient());
    static DependencyServers.Service healthy;
    static String deadUrl;
    static String deadDependency;

    private dev.tripswitch.CircuitBreakerRegistry.GlobalOverride withProperties;

    @BeforeEach
    void dependencies() {
        // dependency circuits take their settings from properties, as the JVM's own registry does
        registry = dev.tripswitch.CircuitBreakerRegistry.builder().clock(clock).withSystemSources().build();
        withProperties = dev.tripswitch.CircuitBreakerRegistry.replaceGlobal(registry);
        System.setProperty("tripswitch.dependencies", "auto");
        healthy = DependencyServers.Service.start();
        int port = DependencyServers.deadPort();
        deadUrl = "http://127.0.0.1:" + port + "/cart";
        deadDependency = "127.0.0.1:" + port;
        System.setProperty("tripswitch.circuit.dep:" + deadDependency + ".failureThreshold", "2");
    }

    @AfterEach
    void clearDependencies() {
        System.clearProperty("tripswitch.dependencies");
        System.clearProperty("tripswitch.circuit.dep:" + deadDependency + ".failureThreshold");
        healthy.close();
        withProperties.close();
    }

    private static List<String> reasons(EngineExecutionResults results) {
        return results.testEvents().aborted().stream().map(DependencyScenariosTest::reason).toList();
    }

    private static String reason(Event e) {
        return e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                .map(Throwable::getMessage).orElse("");
    }

    @Test
    void twoDependenciesOneDown_itsTestsFailUpToTheThreshold_thenAreSkippedAtTheirFirstCall_theOthersAllPass() {
        EngineExecutionResults results = run(TwoDependencies.class);

        results.testEvents().assertStatistics(s -> s.started(8).succeeded(4).failed(2).aborted(2));
        CircuitBreaker dead = circuit("dep:" + deadDependency);
        assertThat(dead.state()).isEqualTo(CircuitState.OPEN);
        assertThat(dead.snapshot().totalFailures()).isEqualTo(2);
        assertThat(dead.snapshot().lastFailure().type()).isEqualTo(ConnectException.class.getName());
        assertThat(reasons(results)).hasSize(2).allSatisfy(r -> assertThat(r)
                .startsWith("circuit 'dep:" + deadDependency + "' is OPEN since").contains("2 consecutive failures"));
        CircuitBreaker up = circuit("dep:" + healthy.dependency());
        assertThat(up.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(up.snapshot().totalSuccesses()).isEqualTo(4);
        assertThat(up.snapshot().totalFailures()).isZero();
        assertThat(healthy.requests).hasValue(4);
    }

    @Test
    void productFailures_assertionsAnd4xxAnswers_stayFailures_andTripNothing() {
        EngineExecutionResults results = run(ProductFailures.class);

        results.testEvents().assertStatistics(s -> s.started(3).failed(3));
        CircuitBreaker up = circuit("dep:" + healthy.dependency());
        assertThat(up.snapshot().totalFailures()).isZero();
        assertThat(up.snapshot().totalSuccesses()).isZero();
        assertThat(up.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aFlakyCallThatSucceededOnRetry_thenAnAssertion_countsNothing() {
        healthy.close();
        healthy = DependencyServers.Service.droppingFirst(1);
        EngineExecutionResults results = run(FlakyThenAssertion.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(healthy.requests).hasValue(2);
        CircuitBreaker flaky = circuit("dep:" + healthy.dependency());
        assertThat(flaky.snapshot().totalFailures()).isZero();
        assertThat(flaky.snapshot().failureCount()).isZero();
    }

    @Test
    void anOpenDependency_refusesTheFirstCall_beforeAnyRequest_andTestsThatNeverCallItRun() {
        CircuitBreaker shop = registry.circuit(CircuitDefinition.builder("dep:" + healthy.dependency(), "test")
                .failureThreshold(1).build());
        shop.recordFailure(new ConnectException("down"));

        EngineExecutionResults results = run(CallsTheServiceOnce.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).aborted(1));
        assertThat(reasons(results)).singleElement().asString()
                .startsWith("circuit 'dep:" + healthy.dependency() + "' is OPEN");
        assertThat(healthy.requests).hasValue(0);
    }

    @Test
    void aMappingOfTheUsersOwn_namesItsDependency() {
        DependencyMapping database = (failure, target) -> failure instanceof DatabaseDown down
                ? Optional.of(new Dependency(down.address)) : Optional.empty();
        DependencyFailures.register(database);
        try {
            EngineExecutionResults results = run(DatabaseTests.class);
            results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        } finally {
            DependencyFailures.unregister(database);
        }
        assertThat(circuit("dep:db.internal:5432").snapshot().totalFailures()).isEqualTo(2);
    }

    @Test
    void anAnnotationWins_theTestCountsOnItsOwnCircuit_notOnTheDependencys() {
        EngineExecutionResults results = run(AnnotatedCallsTheDeadService.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(circuit("shop").snapshot().totalFailures()).isEqualTo(1);
        assertThat(circuit("dep:" + deadDependency).snapshot().totalFailures()).isZero();
    }

    @Test
    void settingsByDependencyName_areValidatedLikeAnyCircuits() {
        System.setProperty("tripswitch.circuit.dep:" + healthy.dependency() + ".failureThreshold", "0");
        try {
            EngineExecutionResults results = run(CallsTheServiceOnce.class);
            results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
            assertThat(results.testEvents().failed().stream().map(e -> e.getPayload(
                    org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                    .getMessage())).singleElement().asString()
                    .contains("tripswitch.circuit.dep:" + healthy.dependency() + ".failureThreshold=0");
        } finally {
            System.clearProperty("tripswitch.circuit.dep:" + healthy.dependency() + ".failureThreshold");
        }
    }

    @Test
    void aBadValueOfTheSwitch_failsEachTest_namingTheSettingTheValueAndWhatIsAllowed() {
        System.setProperty("tripswitch.dependencies", "sometimes");
        EngineExecutionResults results = run(CallsTheServiceOnce.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        assertThat(results.testEvents().failed().stream().map(e -> e.getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                .getMessage())).allSatisfy(m -> assertThat(m)
                .isEqualTo("tripswitch.dependencies=sometimes (system property): must be auto or off"));
    }

    @Test
    void off_byDefault_nothingIsWatched() {
        System.clearProperty("tripswitch.dependencies");
        EngineExecutionResults results = run(TwoDependencies.class);

        results.testEvents().assertStatistics(s -> s.started(8).succeeded(4).failed(4));
        assertThat(registry.find("dep:" + deadDependency)).isEmpty();
    }

    @Test
    void realChromium_navigationsToADeadShopFailUpToTheThreshold_thenAreRefused_theHealthyPagePasses() {
        EngineExecutionResults results = run(BrowserTests.class);

        results.testEvents().assertStatistics(s -> s.started(4).succeeded(1).failed(2).aborted(1));
        CircuitBreaker dead = circuit("dep:" + deadDependency);
        assertThat(dead.state()).isEqualTo(CircuitState.OPEN);
        assertThat(dead.snapshot().lastFailure().message()).contains("ERR_CONNECTION_REFUSED");
        assertThat(reasons(results)).singleElement().asString().startsWith("circuit 'dep:" + deadDependency + "'");
        assertThat(circuit("dep:" + healthy.dependency()).snapshot().totalSuccesses()).isEqualTo(1);
    }

    static final class DatabaseDown extends RuntimeException {
        final String address;

        DatabaseDown(String address) {
            super("connection pool to " + address + " exhausted");
            this.address = address;
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class TwoDependencies {
        @Test void a1() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @Test void a2() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @Test void a3() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @Test void a4() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @Test void b1() throws Exception { assertThat(DependencyServers.get(HTTP, healthy.url()).statusCode()).isEqualTo(200); }
        @Test void b2() throws Exception { assertThat(DependencyServers.get(HTTP, healthy.url()).statusCode()).isEqualTo(200); }
        @Test void b3() throws Exception { assertThat(DependencyServers.get(HTTP, healthy.url()).statusCode()).isEqualTo(200); }
        @Test void b4() throws Exception { assertThat(DependencyServers.get(HTTP, healthy.url()).statusCode()).isEqualTo(200); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class ProductFailures {
        @Test void a_wrongTitle() throws Exception {
            assertThat(DependencyServers.get(HTTP, healthy.url()).body()).contains("Another title");
        }
        @Test void b_notFound() throws Exception {
            assertThat(DependencyServers.get(HTTP, healthy.url() + "missing").statusCode()).isEqualTo(200);
        }
        @Test void c_bugInTheTest() throws Exception {
            DependencyServers.get(HTTP, healthy.url());
            throw new IllegalStateException("a bug of the test's own");
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class FlakyThenAssertion {
        @Test void retriesOnce() throws Exception {
            String body;
            try {
                body = DependencyServers.get(HTTP, healthy.url()).body();
            } catch (IOException dropped) {
                body = DependencyServers.get(HTTP, healthy.url()).body();
            }
            assertThat(body).contains("Another title");
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class CallsTheServiceOnce {
        @Test void a_callsIt() throws Exception { DependencyServers.get(HTTP, healthy.url()); }
        @Test void b_neverCallsIt() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class DatabaseTests {
        @Test void a() { throw new DatabaseDown("db.internal:5432"); }
        @Test void b() { throw new RuntimeException("query failed", new DatabaseDown("db.internal:5432")); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "shop", failureThreshold = 5)
    static class AnnotatedCallsTheDeadService {
        @Test void callsIt() throws Exception { DependencyServers.get(HTTP, deadUrl); }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class BrowserTests {
        @Test void a1(WebDriver driver) { driver.get(deadUrl); }
        @Test void a2(WebDriver driver) { driver.get(deadUrl); }
        @Test void a3(WebDriver driver) { driver.get(deadUrl); }
        @Test void b1(WebDriver driver) { driver.get(healthy.url()); assertThat(driver.getTitle()).isEqualTo("Service"); }
    }
}
