package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.TitlePageServer;
import dev.tripswitch.CircuitState;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;
import dev.tripswitch.browser.InjectBrowserFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real headless Chromium: browser parameters, and {@code @InjectBrowserFailure} following the circuit. */
class BrowserScenariosTest extends Fixtures {

    private static TitlePageServer server;
    static String pageUrl;
    static final List<String> seen = new CopyOnWriteArrayList<>();
    static final List<BrowserSession> sessions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void servePage() {
        server = TitlePageServer.start("Tripswitch page");
        pageUrl = server.url();
    }

    @AfterAll
    static void stopServing() {
        server.close();
    }

    @BeforeEach
    void clear() {
        seen.clear();
        sessions.clear();
    }

    @Test
    void browserParameters_areOneSessionPerTest_quitAfterwards_evenWhenTheTestFails() {
        EngineExecutionResults results = run(TwoBrowserTests.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(seen).containsExactly("Tripswitch page", "same session: true");
        assertThat(sessions).hasSize(2).allSatisfy(s -> assertThat(s.isClosed()).isTrue());
        assertThat(sessions.get(0)).isNotSameAs(sessions.get(1));
    }

    @Test
    void severeCrash_isInjectedBeforeTheBody_recordsOneFailure_andIsPublished() {
        EngineExecutionResults results = run(SevereCrash.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(seen).containsExactly("NoSuchSessionException");
        CircuitBreaker circuit = circuit("crashy");
        assertThat(circuit.snapshot().totalFailures()).as("a severe crash is one failure, not two").isEqualTo(1);
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("tripswitch.injection"))
                .toList();
        assertThat(entries).singleElement().asString().startsWith("CRASH/SEVERE via").contains("verified");
        assertThat(sessions).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    @Test
    void inHalfOpen_aSevereInjectionIsRefused_andTheProbeRunsUnharmed() {
        CircuitBreaker c = registry.circuit(dev.tripswitch.CircuitDefinition.builder("crashy", "test")
                .failureThreshold(1).build());
        c.recordFailure(new IOException("grid down"));
        clock.advance(Duration.ofSeconds(30));
        EngineExecutionResults results = run(SevereCrash.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(seen).containsExactly("title: Tripswitch page");
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("tripswitch.injection"))
                .toList();
        assertThat(entries).singleElement().asString().contains("refused").contains("HALF_OPEN");
    }

    @Test
    void severeCrashAndTheTestReallyFailsFromIt_countsOneFailure() {
        EngineExecutionResults results = run(SevereCrashThenFails.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(seen).containsExactly("crashed before the body");
        CircuitBreaker circuit = circuit("crashy-fails");
        assertThat(circuit.snapshot().totalFailures()).as("one fault, one failure").isEqualTo(1);
        assertThat(circuit.snapshot().failureCount()).isEqualTo(1);
        assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(sessions).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "crashy-fails", failureThreshold = 3)
    static class SevereCrashThenFails {
        @Test
        @InjectBrowserFailure(type = FailureType.CRASH, intensity = FailureIntensity.SEVERE)
        void crashedBrowserFailsTheTest(BrowserSession session) {
            sessions.add(session);
            seen.add("crashed before the body");
            session.driver().getTitle(); // NoSuchSessionException: the test fails from the injected crash
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class TwoBrowserTests {
        @Test
        void a_opensThePage(WebDriver driver, BrowserSession session) {
            sessions.add(session);
            driver.get(pageUrl);
            seen.add(driver.getTitle());
        }

        @Test
        void b_failsAfterUsingTheBrowser(BrowserSession session, WebDriver driver) {
            sessions.add(session);
            seen.add("same session: " + (session.driver() == driver));
            throw new IllegalStateException("the test fails; the browser must still be quit");
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "crashy", failureThreshold = 1)
    static class SevereCrash {
        @BeforeEach
        void openPage(BrowserSession session) {
            sessions.add(session);
            session.driver().get(pageUrl);
        }

        @Test
        @InjectBrowserFailure(type = FailureType.CRASH, intensity = FailureIntensity.SEVERE)
        void browserCrashedBeforeTheBody(WebDriver driver) {
            try {
                seen.add("title: " + driver.getTitle());
                throw new AssertionError("the browser should have crashed"); // an assertion: not counted
            } catch (NoSuchSessionException expected) {
                seen.add("NoSuchSessionException");
            }
        }
    }
}
