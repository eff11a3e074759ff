package dev.tripswitch.browser;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryStrategyTest extends OneBrowserPerClass {

    private static final String FIREFOX_BINARY = "tripswitch.browser.firefox.binary";
    private static final String EDGE_BINARY = "tripswitch.browser.edge.binary";

    private BrowserFailureInjector injector;
    private final MutableClock clock = new MutableClock();
    private int startsBefore;

    @BeforeEach
    void page() {
        if (!session.healthy()) {
            session.restart();
        }
        BrowserTestSupport.warmUp(session, pages.url("/")); // after a restart the first load is slow
        startsBefore = session.starts();
        injector = new BrowserFailureInjector(session, null, InjectorSettings.defaults().untilRestored());
    }

    @AfterEach
    void restore() {
        injector.restore();
    }

    private RecoveryStrategy.Operation loadHome() {
        return driver -> {
            driver.get(pages.url("/"));
            if (!"home".equals(driver.getTitle())) {
                throw new IllegalStateException("wrong page: " + driver.getTitle());
            }
        };
    }

    private CircuitBreaker circuit() {
        return CircuitBreaker.of("recovery-" + System.nanoTime(), CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(30)).recoveryTimeout(Duration.ofSeconds(60)).clock(clock).build());
    }

    @Test
    void crashedTab_skipsRetries_andRecoversByReload() {
        assertThat(injector.injectFailure(FailureType.CRASH, FailureIntensity.MODERATE).verified()).isTrue();

        RecoveryReport report = RecoveryStrategy.defaults().recover(session, FailureType.CRASH, loadHome());

        System.out.println(report.describe());
        assertThat(report.recovered()).isTrue();
        assertThat(report.succeededAt()).isEqualTo(RecoveryStep.RELOAD);
        assertThat(report.steps()).extracting(RecoveryReport.Attempt::step).containsExactly(RecoveryStep.RELOAD);
        assertThat(session.starts()).as("no restart").isEqualTo(startsBefore);
    }

    @Test
    void offlineBrowser_escalatesThroughRetryAndReload_toRestart_eachStepTimed() {
        assertThat(injector.injectFailure(FailureType.CONNECTION_FAILURE, FailureIntensity.SEVERE).verified()).isTrue();

        RecoveryReport report = RecoveryStrategy.defaults().withRetries(2, Duration.ofMillis(100))
                .recover(session, FailureType.CONNECTION_FAILURE, loadHome());

        System.out.println(report.describe());
        assertThat(report.recovered()).isTrue();
        assertThat(report.succeededAt()).isEqualTo(RecoveryStep.RESTART_SESSION);
        assertThat(report.steps()).extracting(RecoveryReport.Attempt::step).containsExactly(RecoveryStep.RETRY,
                RecoveryStep.RETRY, RecoveryStep.RELOAD, RecoveryStep.RESTART_SESSION);
        assertThat(report.steps().get(0).failure()).contains("ERR_INTERNET_DISCONNECTED");
        assertThat(report.steps()).allSatisfy(a -> assertThat(a.took()).isPositive());
    }

    @Test
    void nothingHelps_everyStepIsTried_andUnavailableBrowsersSayWhy() {
        RecoveryStrategy.Operation broken = driver -> {
            throw new IllegalStateException("the application is down");
        };
        // binaries that cannot exist: the fallbacks are unavailable on every machine, Firefox or Edge installed
        RecoveryReport report;
        System.setProperty(FIREFOX_BINARY, "/nonexistent/tripswitch-test/firefox");
        System.setProperty(EDGE_BINARY, "/nonexistent/tripswitch-test/msedge");
        try {
            report = RecoveryStrategy.defaults().withRetries(1, Duration.ZERO)
                    .withFallbackBrowsers(List.of(Browser.FIREFOX, Browser.EDGE))
                    .recover(session, FailureType.API_ERROR, broken);
        } finally {
            System.clearProperty(FIREFOX_BINARY);
            System.clearProperty(EDGE_BINARY);
        }

        System.out.println(report.describe());
        assertThat(report.recovered()).isFalse();
        assertThat(report.steps()).extracting(RecoveryReport.Attempt::step).containsExactly(RecoveryStep.RETRY,
                RecoveryStep.RELOAD, RecoveryStep.RESTART_SESSION, RecoveryStep.RESTART_WITH_FAILURE_SETTINGS,
                RecoveryStep.FALLBACK_BROWSER, RecoveryStep.FALLBACK_BROWSER);
        assertThat(report.steps().get(4).failure()).startsWith("firefox: BrowserNotAvailableException: browser firefox is not available on this machine");
        assertThat(report.steps().get(5).failure()).startsWith("edge: BrowserNotAvailableException: browser edge is not available on this machine");
        assertThat(session.settings().arguments()).contains("--disk-cache-size=1");
        assertThat(session.browser()).isEqualTo(Browser.CHROME);
        session.restart(BrowserTestSupport.testSettings());
    }

    @Test
    void noRetries_startsApiErrorRecoveryAtReload() {
        RecoveryReport report = RecoveryStrategy.defaults().withRetries(0, Duration.ZERO)
                .recover(session, FailureType.API_ERROR, loadHome());
        assertThat(report.steps()).extracting(RecoveryReport.Attempt::step).containsExactly(RecoveryStep.RELOAD);
        assertThat(report.recovered()).isTrue();
    }

    @Test
    void openCircuit_recoveryDoesNotTouchTheBrowser() {
        CircuitBreaker circuit = circuit();
        circuit.recordFailure(new RuntimeException("down"));
        String handle = session.driver().getWindowHandle();

        RecoveryReport report = RecoveryStrategy.defaults().withCircuit(circuit)
                .recover(session, FailureType.CRASH, loadHome());

        assertThat(report.skippedByCircuit()).isTrue();
        assertThat(report.steps()).isEmpty();
        assertThat(report.circuitNote()).contains("refused recovery").contains("OPEN");
        assertThat(session.driver().getWindowHandle()).isEqualTo(handle);
        assertThat(session.starts()).as("no restart").isEqualTo(startsBefore);
    }

    @Test
    void halfOpenCircuit_recoveryIsTheProbe_successClosesIt() {
        CircuitBreaker circuit = circuit();
        circuit.recordFailure(new RuntimeException("down"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(injector.injectFailure(FailureType.CRASH, FailureIntensity.MODERATE).verified()).isTrue();

        RecoveryReport report = RecoveryStrategy.defaults().withCircuit(circuit)
                .recover(session, FailureType.CRASH, loadHome());

        assertThat(report.recovered()).isTrue();
        assertThat(report.circuitNote()).contains("HALF_OPEN: this recovery is its probe");
        assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void halfOpenCircuit_failedProbe_triesOneStepOnly_andReopens() {
        CircuitBreaker circuit = circuit();
        circuit.recordFailure(new RuntimeException("down"));
        clock.advance(Duration.ofSeconds(31));
        RecoveryStrategy.Operation broken = driver -> {
            throw new IllegalStateException("still down");
        };

        RecoveryReport report = RecoveryStrategy.defaults().withCircuit(circuit)
                .recover(session, FailureType.API_ERROR, broken);

        assertThat(report.recovered()).isFalse();
        assertThat(report.steps()).hasSize(1);
        assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
        assertThat(session.starts()).as("no restart").isEqualTo(startsBefore);
    }
}
