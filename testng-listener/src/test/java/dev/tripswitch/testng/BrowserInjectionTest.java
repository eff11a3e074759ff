package dev.tripswitch.testng;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.TitlePageServer;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;
import dev.tripswitch.browser.InjectBrowserFailure;
import dev.tripswitch.browser.InjectionResult;
import dev.tripswitch.browser.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchSessionException;
import org.testng.ITestResult;
import org.testng.annotations.BeforeMethod;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** Real headless Chromium through a real TestNG run: TestBrowser.current() and @InjectBrowserFailure. */
class BrowserInjectionTest {

    private static TitlePageServer server;
    static String pageUrl;
    static final Queue<String> seen = new ConcurrentLinkedQueue<>();
    static final Queue<BrowserSession> sessions = new ConcurrentLinkedQueue<>();

    private MutableClock clock;
    private CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;

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
    void setUp() {
        seen.clear();
        sessions.clear();
        clock = new MutableClock();
        registry = CircuitBreakerRegistry.builder().clock(clock).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
    }

    @AfterEach
    void tearDown() {
        override.close();
    }

    @Test
    void severeCrash_isInjectedBeforeTheBody_countsOnce_andTheBrowserIsQuit() {
        FixtureRun run = FixtureRun.of(CrashFixture.class);
        assertThat(run.outcomes).singleElement().satisfies(o -> assertThat(o.passed()).as(o.toString()).isTrue());
        assertThat(seen).containsExactly("NoSuchSessionException");
        CircuitBreaker circuit = registry.find("tng-crashy").orElseThrow();
        assertThat(circuit.snapshot().totalFailures()).as("a severe crash is one failure").isEqualTo(1);
        assertThat(sessions).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
        assertThat(CrashFixture.results).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(FailureType.CRASH);
            assertThat(r.verified()).isTrue();
            assertThat(r.recordedOnCircuit()).isTrue();
        });
    }

    @Test
    void inHalfOpen_theSevereInjectionIsRefused_andTheProbeRuns() {
        CircuitBreaker c = registry.circuit(CircuitDefinition.builder("tng-crashy", "test").failureThreshold(1).build());
        c.recordFailure(new IOException("grid down"));
        clock.advance(Duration.ofSeconds(30));
        FixtureRun run = FixtureRun.of(CrashFixture.class);
        assertThat(run.outcomes).singleElement().satisfies(o -> assertThat(o.failed()).as(o.toString()).isTrue());
        assertThat(seen).containsExactly("title: Tripswitch page");
        assertThat(CrashFixture.results).singleElement().satisfies(r -> assertThat(r.refusalReason()).contains("HALF_OPEN"));
        assertThat(sessions).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    @Test
    void severeCrashAndTheTestReallyFailsFromIt_countsOneFailure() {
        FixtureRun run = FixtureRun.of(CrashThenFails.class);
        assertThat(run.outcomes).singleElement().satisfies(o -> assertThat(o.failed()).as(o.toString()).isTrue());
        CircuitBreaker circuit = registry.find("tng-crashy-fails").orElseThrow();
        assertThat(circuit.snapshot().totalFailures()).as("one fault, one failure").isEqualTo(1);
        assertThat(circuit.snapshot().failureCount()).isEqualTo(1);
        assertThat(sessions).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    /** A TestNG fixture: the body really fails from the injected crash. */
    @CircuitProtected(value = "tng-crashy-fails", failureThreshold = 3)
    public static class CrashThenFails {
        @org.testng.annotations.Test
        @InjectBrowserFailure(type = FailureType.CRASH, intensity = FailureIntensity.SEVERE)
        public void crashedBrowserFailsTheTest() {
            BrowserSession session = TestBrowser.current();
            sessions.add(session);
            session.driver().getTitle(); // NoSuchSessionException
        }
    }

    /** A TestNG fixture: not run by Surefire (JUnit Platform provider only). */
    @CircuitProtected(value = "tng-crashy", failureThreshold = 1)
    public static class CrashFixture {
        static final Queue<InjectionResult> results = new ConcurrentLinkedQueue<>();

        @BeforeMethod
        public void openPage() {
            results.clear();
            BrowserSession session = TestBrowser.current();
            sessions.add(session);
            session.driver().get(pageUrl);
        }

        @org.testng.annotations.Test
        @InjectBrowserFailure(type = FailureType.CRASH, intensity = FailureIntensity.SEVERE)
        public void browserCrashedBeforeTheBody() {
            ITestResult me = org.testng.Reporter.getCurrentTestResult();
            @SuppressWarnings("unchecked")
            List<InjectionResult> injected = (List<InjectionResult>) me.getAttribute("tripswitch.injection");
            results.addAll(injected);
            try {
                seen.add("title: " + TestBrowser.current().driver().getTitle());
                throw new AssertionError("the browser should have crashed");
            } catch (NoSuchSessionException expected) {
                seen.add("NoSuchSessionException");
            }
        }
    }
}
