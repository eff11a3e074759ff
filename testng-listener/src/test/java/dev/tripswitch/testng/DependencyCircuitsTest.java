package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitState;
import dev.tripswitch.DependencyServers;
import dev.tripswitch.browser.TestBrowser;
import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyFailures;
import dev.tripswitch.dependency.DependencyMapping;
import dev.tripswitch.dependency.ProtectedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.Assert;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependency circuits through the TestNG listener ({@code tripswitch.dependencies=auto}), with no annotation: real
 * loopback services, a real JDK HttpClient, real headless Chromium.
 */
class DependencyCircuitsTest extends WithTestRegistry {

    static final HttpClient HTTP = ProtectedHttpClient.wrap(HttpClient.newHttpClient());
    static DependencyServers.Service healthy;
    static String deadUrl;
    static String deadDependency;
    private CircuitBreakerRegistry.GlobalOverride withProperties;

    @BeforeEach
    void dependencies() {
        registry = CircuitBreakerRegistry.builder().clock(clock).withSystemSources().build();
        withProperties = CircuitBreakerRegistry.replaceGlobal(registry);
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

    private CircuitBreaker circuit(String name) {
        return registry.find(name).orElseThrow(() -> new AssertionError("no circuit " + name));
    }

    @Test
    void twoDependenciesOneDown_failuresUpToTheThreshold_thenSkipsWithTheReason_theHealthyOnesAllPass() {
        FixtureRun run = FixtureRun.of(TwoDependencies.class);

        assertThat(run.statuses()).containsExactly("a1 FAILURE", "a2 FAILURE", "a3 SKIP", "a4 SKIP",
                "b1 SUCCESS", "b2 SUCCESS", "b3 SUCCESS", "b4 SUCCESS");
        assertThat(run.outcomes).filteredOn(FixtureRun.Outcome::skipped).allSatisfy(o -> assertThat(o.reason())
                .startsWith("circuit 'dep:" + deadDependency + "' is OPEN since"));
        CircuitBreaker dead = circuit("dep:" + deadDependency);
        assertThat(dead.state()).isEqualTo(CircuitState.OPEN);
        assertThat(dead.snapshot().totalFailures()).isEqualTo(2);
        assertThat(circuit("dep:" + healthy.dependency()).snapshot().totalSuccesses()).isEqualTo(4);
        assertThat(healthy.requests).hasValue(4);
        assertThat(run.summary).anySatisfy(l -> assertThat(l).contains("circuit 'dep:" + deadDependency
                + "' opened 1 time, skipped 2 tests"));
    }

    @Test
    void productFailures_andAFlakyCallRetried_countNothing() {
        healthy.close();
        healthy = DependencyServers.Service.droppingFirst(1);
        FixtureRun run = FixtureRun.of(ProductFailures.class);

        assertThat(run.statuses()).containsExactly("a_flakyThenAssertion FAILURE", "b_notFound FAILURE");
        CircuitBreaker c = circuit("dep:" + healthy.dependency());
        assertThat(c.snapshot().totalFailures()).isZero();
        assertThat(c.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void anOpenDependency_refusesTheFirstCall_andATestThatNeverCallsItRuns() {
        CircuitBreaker shop = registry.circuit(CircuitDefinition.builder("dep:" + healthy.dependency(), "test")
                .failureThreshold(1).build());
        shop.recordFailure(new ConnectException("down"));
        FixtureRun run = FixtureRun.of(CallsTheServiceOnce.class);

        assertThat(run.statuses()).containsExactly("a_callsIt SKIP", "b_neverCallsIt SUCCESS");
        assertThat(healthy.requests).hasValue(0);
    }

    @Test
    void aBadValueOfTheSwitch_failsTheTests_namingTheSettingTheValueAndWhatIsAllowed() {
        System.setProperty("tripswitch.dependencies", "sometimes");
        FixtureRun run = FixtureRun.of(CallsTheServiceOnce.class);

        assertThat(run.statuses()).containsExactly("a_callsIt FAILURE", "b_neverCallsIt FAILURE");
        assertThat(run.outcomes).allSatisfy(o -> assertThat(o.reason())
                .isEqualTo("tripswitch.dependencies=sometimes (system property): must be auto or off"));
    }

    @Test
    void realChromium_theBrowserOfTheTestIsDecorated_refusedAtItsFirstNavigationToAnOpenShop() {
        FixtureRun run = FixtureRun.of(BrowserTests.class);

        assertThat(run.statuses()).containsExactly("a1 FAILURE", "a2 FAILURE", "a3 SKIP", "b1 SUCCESS");
        assertThat(circuit("dep:" + deadDependency).snapshot().lastFailure().message())
                .contains("ERR_CONNECTION_REFUSED");
    }

    @Test
    void aMappingOfTheUsersOwn_namesItsDependency_andItsCircuitCountsTheFailures() {
        DependencyMapping database = (failure, target) -> failure instanceof DatabaseDown down
                ? Optional.of(new Dependency(down.address)) : Optional.empty();
        DependencyFailures.register(database);
        try {
            FixtureRun run = FixtureRun.of(DatabaseTests.class);
            assertThat(run.statuses()).containsExactly("a FAILURE", "b FAILURE");
        } finally {
            DependencyFailures.unregister(database);
        }
        assertThat(circuit("dep:db.internal:5432").snapshot().totalFailures()).isEqualTo(2);
    }

    @Test
    void settingsByDependencyName_areValidatedLikeAnyCircuits() {
        String setting = "tripswitch.circuit.dep:" + healthy.dependency() + ".failureThreshold";
        System.setProperty(setting, "0");
        try {
            FixtureRun run = FixtureRun.of(CallsTheServiceOnce.class);
            assertThat(run.statuses()).containsExactly("a_callsIt FAILURE", "b_neverCallsIt SUCCESS");
            assertThat(run.outcomes).filteredOn(o -> o.method().equals("a_callsIt")).singleElement()
                    .extracting(FixtureRun.Outcome::reason).asString().contains(setting + "=0");
        } finally {
            System.clearProperty(setting);
        }
        assertThat(healthy.requests).as("a misconfigured circuit lets no call through").hasValue(0);
    }

    static final class DatabaseDown extends RuntimeException {
        final String address;

        DatabaseDown(String address) {
            super("connection pool to " + address + " exhausted");
            this.address = address;
        }
    }

    /** TestNG fixtures: not run by Surefire (JUnit Platform provider only). */
    public static class TwoDependencies {
        @org.testng.annotations.Test public void a1() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @org.testng.annotations.Test public void a2() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @org.testng.annotations.Test public void a3() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @org.testng.annotations.Test public void a4() throws Exception { DependencyServers.get(HTTP, deadUrl); }
        @org.testng.annotations.Test public void b1() throws Exception { DependencyServers.get(HTTP, healthy.url()); }
        @org.testng.annotations.Test public void b2() throws Exception { DependencyServers.get(HTTP, healthy.url()); }
        @org.testng.annotations.Test public void b3() throws Exception { DependencyServers.get(HTTP, healthy.url()); }
        @org.testng.annotations.Test public void b4() throws Exception { DependencyServers.get(HTTP, healthy.url()); }
    }

    public static class ProductFailures {
        @org.testng.annotations.Test
        public void a_flakyThenAssertion() throws Exception {
            String body;
            try {
                body = DependencyServers.get(HTTP, healthy.url()).body();
            } catch (IOException dropped) {
                body = DependencyServers.get(HTTP, healthy.url()).body();
            }
            Assert.assertTrue(body.contains("Another title"), "the page's title");
        }

        @org.testng.annotations.Test
        public void b_notFound() throws Exception {
            Assert.assertEquals(DependencyServers.get(HTTP, healthy.url() + "missing").statusCode(), 200);
        }
    }

    public static class DatabaseTests {
        @org.testng.annotations.Test public void a() { throw new DatabaseDown("db.internal:5432"); }
        @org.testng.annotations.Test public void b() { throw new DatabaseDown("db.internal:5432"); }
    }

    public static class CallsTheServiceOnce {
        @org.testng.annotations.Test public void a_callsIt() throws Exception { DependencyServers.get(HTTP, healthy.url()); }
        @org.testng.annotations.Test public void b_neverCallsIt() { }
    }

    public static class BrowserTests {
        @org.testng.annotations.Test public void a1() { TestBrowser.current().driver().get(deadUrl); }
        @org.testng.annotations.Test public void a2() { TestBrowser.current().driver().get(deadUrl); }
        @org.testng.annotations.Test public void a3() { TestBrowser.current().driver().get(deadUrl); }
        @org.testng.annotations.Test public void b1() {
            TestBrowser.current().driver().get(healthy.url());
            Assert.assertEquals(TestBrowser.current().driver().getTitle(), "Service");
        }
    }
}
