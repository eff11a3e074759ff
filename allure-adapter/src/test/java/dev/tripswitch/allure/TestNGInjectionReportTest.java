package dev.tripswitch.allure;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.MutableClock;
import dev.tripswitch.TitlePageServer;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;
import dev.tripswitch.browser.InjectBrowserFailure;
import dev.tripswitch.browser.TestBrowser;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.TestNG;
import org.testng.annotations.BeforeMethod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real TestNG run with allure-testng, Tripswitch's TestNG listener and a real headless Chromium: a test with
 * {@code @InjectBrowserFailure} keeps its circuit labels and gets its injection step in the Allure result (the
 * injection is told under the same test identity as the admission), and the test that really fails after the
 * severe crash counts one failure.
 */
class TestNGInjectionReportTest {

    @TempDir
    Path results;
    private AllureLifecycle previousLifecycle;
    private ResultsDirectoryForTests resultsDirectory;
    private CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;
    private static TitlePageServer server;

    @BeforeEach
    void setUp() {
        resultsDirectory = ResultsDirectoryForTests.use(results);
        previousLifecycle = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
        registry = CircuitBreakerRegistry.builder().clock(new MutableClock()).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
        server = TitlePageServer.start("Allure page");
    }

    @AfterEach
    void tearDown() {
        try {
            server.close();
        } finally {
            override.close();
            Allure.setLifecycle(previousLifecycle);
            resultsDirectory.restore();
        }
    }

    @Test
    void injectedCrashInATestNGTest_resultHasTheCircuitLabelsAndTheInjectionStep_andCountsOnce() throws IOException {
        TestNG testng = new TestNG(false);
        testng.setVerbose(0);
        testng.setTestClasses(new Class<?>[] {CrashedCheckout.class});
        testng.run(); // allure-testng and the Tripswitch listener come in through ServiceLoader

        String result = onlyResultFor("crashedBrowserFailsTheTest");
        assertThat(result).contains("\"status\":\"broken\"")
                .contains("\"name\":\"" + Labels.CIRCUIT + "\",\"value\":\"allure-tng\"")
                .contains("\"name\":\"" + Labels.STATE_AT_START + "\",\"value\":\"CLOSED\"")
                .contains("\"name\":\"" + Labels.OUTCOME + "\",\"value\":\"FAILED_COUNTED\"")
                .contains("\"name\":\"Injected CRASH/SEVERE (verified)\"");
        assertThat(registry.find("allure-tng").orElseThrow().snapshot().totalFailures())
                .as("the crash and the test's failure from it are one fault").isEqualTo(1);
    }

    private String onlyResultFor(String method) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                String r = Files.readString(p, StandardCharsets.UTF_8);
                if (r.contains("\"fullName\":\"" + CrashedCheckout.class.getName() + "." + method + "\"")) {
                    found.add(r);
                }
            }
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** A TestNG fixture: not run by Surefire (JUnit Platform provider only). */
    @CircuitProtected(value = "allure-tng", failureThreshold = 3)
    public static class CrashedCheckout {
        @BeforeMethod
        public void openPage() {
            TestBrowser.current().driver().get(server.url());
        }

        @org.testng.annotations.Test
        @InjectBrowserFailure(type = FailureType.CRASH, intensity = FailureIntensity.SEVERE)
        public void crashedBrowserFailsTheTest() {
            TestBrowser.current().driver().getTitle(); // the crashed browser: NoSuchSessionException
        }
    }
}
