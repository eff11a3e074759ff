package dev.tripswitch.browser;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The injector follows its circuit: what is refused, what is recorded, what failureStats() says. */
class CircuitAdaptationTest extends OneBrowserPerClass {

    private final MutableClock clock = new MutableClock();
    private CircuitBreaker circuit;
    private BrowserFailureInjector injector;

    @BeforeEach
    void freshCircuitAndPage() {
        circuit = CircuitBreaker.of("browser-" + System.nanoTime(), CircuitBreakerConfig.custom()
                .failureThreshold(3).halfOpenAfter(Duration.ofSeconds(30)).recoveryTimeout(Duration.ofSeconds(60))
                .clock(clock).build());
        injector = new BrowserFailureInjector(session, circuit, InjectorSettings.defaults().untilRestored());
        session.driver().get(pages.url("/"));
    }

    @AfterEach
    void restore() {
        assertThat(injector.restore()).isEmpty();
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            circuit.recordFailure(new RuntimeException("browser down"));
        }
        assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
    }

    private void halfOpen() {
        open();
        clock.advance(Duration.ofSeconds(31));
        assertThat(circuit.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void openCircuit_refusesEveryInjectionWithTheReason_andLeavesTheBrowserAlone() {
        open();
        WebDriver driver = session.driver();
        String handle = driver.getWindowHandle();
        for (FailureIntensity intensity : FailureIntensity.values()) {
            InjectionResult r = injector.injectFailure(FailureType.CRASH, intensity);
            assertThat(r.refused()).isTrue();
            assertThat(r.injected()).isFalse();
            assertThat(r.refusalReason()).startsWith("circuit '" + circuit.name() + "' is OPEN, so no failure is injected: ")
                    .contains("next probe at");
        }
        InjectionResult random = injector.injectRandomFailure();
        assertThat(random.refused()).isTrue();
        assertThat(driver.getWindowHandle()).isEqualTo(handle);
        assertThat(driver.getTitle()).isEqualTo("home");
        assertThat(circuit.snapshot().totalFailures()).isEqualTo(3);
    }

    @Test
    void halfOpenCircuit_refusesSevere_allowsModerate_andRandomNeverPicksSevere() {
        halfOpen();
        InjectionResult severe = injector.injectFailure(FailureType.API_ERROR, FailureIntensity.SEVERE);
        assertThat(severe.refused()).isTrue();
        assertThat(severe.refusalReason()).contains("HALF_OPEN").contains("severe ones are refused");

        InjectionResult moderate = injector.injectFailure(FailureType.API_ERROR, FailureIntensity.MODERATE);
        assertThat(moderate.refused()).isFalse();
        assertThat(moderate.verified()).as(moderate.describe()).isTrue();
        assertThat(moderate.recordedOnCircuit()).isFalse();
        assertThat(circuit.state()).isEqualTo(CircuitState.HALF_OPEN);
        injector.restore();

        EnumSet<FailureType> onlyApi = EnumSet.complementOf(EnumSet.of(FailureType.API_ERROR));
        for (int i = 0; i < 8; i++) {
            InjectionResult r = injector.injectRandomFailure(onlyApi, false);
            assertThat(r.type()).isEqualTo(FailureType.API_ERROR);
            assertThat(r.intensity()).isNotEqualTo(FailureIntensity.SEVERE);
            assertThat(r.refused()).isFalse();
            injector.restore();
        }
        assertThat(circuit.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void randomInjection_honoursExcludedTypesAndExcludeSevere() {
        EnumSet<FailureType> onlyApi = EnumSet.complementOf(EnumSet.of(FailureType.API_ERROR));
        for (int i = 0; i < 6; i++) {
            InjectionResult r = injector.injectRandomFailure(onlyApi, true);
            assertThat(r.type()).isEqualTo(FailureType.API_ERROR);
            assertThat(r.intensity()).isNotEqualTo(FailureIntensity.SEVERE);
            assertThat(r.verified()).as(r.describe()).isTrue();
            injector.restore();
        }
        assertThatThrownBy(() -> injector.injectRandomFailure(EnumSet.allOf(FailureType.class), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("injectRandomFailure: every failure type is excluded");
    }

    @Test
    void networkFailureOnAPageThatIsNotHttp_isAppliedButReportedAsNotVerified() {
        session.driver().get("about:blank");
        InjectionResult r = injector.injectFailure(FailureType.API_ERROR, FailureIntensity.MODERATE);
        assertThat(r.injected()).isTrue();
        assertThat(r.verified()).isFalse();
        assertThat(r.observation()).isEqualTo("the current page is not http(s), so no request could be observed");
    }

    @Test
    void severeCrash_recordsExactlyOneFailure() {
        InjectionResult r = injector.injectFailure(FailureType.CRASH, FailureIntensity.SEVERE);
        assertThat(r.verified()).as(r.describe()).isTrue();
        assertThat(r.recordedOnCircuit()).isTrue();
        assertThat(circuit.snapshot().failureCount()).isEqualTo(1);
        assertThat(circuit.snapshot().totalFailures()).isEqualTo(1);
        assertThat(circuit.snapshot().lastFailure().type()).isEqualTo(InjectedFailureException.class.getName());
        injector.restore(); // restarts the crashed browser
        assertThat(circuit.snapshot().totalFailures()).isEqualTo(1);
        assertThat(session.healthy()).isTrue();
    }

    @Test
    void mildAndModerate_recordOnlyWhenConfigured_butAnyCrashRecords() {
        injector.injectFailure(FailureType.API_ERROR, FailureIntensity.MODERATE);
        assertThat(circuit.snapshot().totalFailures()).isZero();
        injector.restore();

        InjectionResult crash = injector.injectFailure(FailureType.CRASH, FailureIntensity.MILD);
        assertThat(crash.recordedOnCircuit()).isTrue();
        assertThat(circuit.snapshot().totalFailures()).isEqualTo(1);

        BrowserFailureInjector recording = new BrowserFailureInjector(session, circuit,
                InjectorSettings.defaults().untilRestored().withRecordMildAndModerate(true));
        InjectionResult mild = recording.injectFailure(FailureType.API_ERROR, FailureIntensity.MILD);
        assertThat(mild.recordedOnCircuit()).isTrue();
        assertThat(circuit.snapshot().totalFailures()).isEqualTo(2);
        assertThat(recording.restore()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void failureStats_countPerTypeAndIntensity_withTheCircuitSection() {
        injector.injectFailure(FailureType.API_ERROR, FailureIntensity.MILD);
        injector.restore();
        injector.injectFailure(FailureType.API_ERROR, FailureIntensity.MODERATE);
        injector.restore();
        open();
        injector.injectFailure(FailureType.API_ERROR, FailureIntensity.MODERATE);

        FailureStats stats = injector.failureStats();
        assertThat(stats.total()).isEqualTo(new FailureStats.Counts(3, 2, 1));
        assertThat(stats.byType().get(FailureType.API_ERROR).successRate()).isEqualTo(2.0 / 3);
        assertThat(stats.byType().get(FailureType.CRASH)).isEqualTo(new FailureStats.Counts(0, 0, 0));
        assertThat(stats.byIntensity().get(FailureIntensity.MODERATE)).isEqualTo(new FailureStats.Counts(2, 1, 1));

        Map<String, Object> map = stats.toMap();
        Map<String, Object> cb = (Map<String, Object>) map.get("circuit_breaker");
        assertThat(cb).containsEntry("state", "OPEN").containsEntry("failure_count", 3)
                .containsEntry("threshold", 3).containsEntry("threshold_percent", 100.0)
                .containsEntry("recovery_timeout", 60.0).containsEntry("half_open_after", 30.0);
        assertThat((Map<String, Object>) ((Map<String, Object>) map.get("by_type")).get("API_ERROR"))
                .containsEntry("attempts", 3L).containsEntry("successes", 2L);
    }

    @Test
    void mildFailure_undoesItselfAfterItsDuration() {
        BrowserFailureInjector timed = new BrowserFailureInjector(session, null,
                InjectorSettings.defaults().withMildLasts(Duration.ofMillis(1500)));
        InjectionResult r = timed.injectFailure(FailureType.CONNECTION_FAILURE, FailureIntensity.MILD);
        assertThat(r.verified()).as(r.describe()).isTrue();
        assertThat(r.lasts()).isEqualTo(Duration.ofMillis(1500));
        // the page sees the emulated network in navigator.connection (rounded by the browser): no clock needed
        List<?> slow = connection();
        assertThat(((Number) slow.get(0)).intValue()).as("round-trip time while slow " + slow)
                .isGreaterThan(ConnectionFailureMechanism.MILD_LATENCY_MS / 2);

        BrowserTestSupport.awaitUntil("the mild failure undone by its timer", Duration.ofSeconds(60),
                () -> timed.activeFailures().isEmpty());
        assertThat(connection()).as("the emulated network is gone").isNotEqualTo(slow);
        assertThat(timed.restore()).as("nothing left for restore() to undo").isEmpty();
        session.driver().get(pages.url("/other"));
        assertThat(session.driver().getTitle()).isEqualTo("other");
    }

    /** What the page knows of its network: round-trip time, downlink and effective type. */
    private List<?> connection() {
        return (List<?>) ((JavascriptExecutor) session.driver()).executeScript("const c = navigator.connection;"
                + " return [c.rtt, c.downlink, c.effectiveType];");
    }
}
