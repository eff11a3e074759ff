package dev.tripswitch.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrowserSessionTest {

    private static TestPages pages;

    @BeforeAll
    static void serve() throws Exception {
        pages = new TestPages();
    }

    @AfterAll
    static void stop() {
        pages.close();
    }

    /** Browser and driver processes started by this JVM that are still running. */
    static List<String> browserProcessesOfThisJvm() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().orElse(""))
                .filter(c -> c.contains("chrom"))
                .collect(Collectors.toList());
    }

    /** close() stops them; on a loaded machine the last ones may take a moment to be gone. */
    private static void assertNoBrowserProcessesLeft() {
        BrowserTestSupport.awaitUntil("no browser process of this JVM left: " + browserProcessesOfThisJvm(),
                Duration.ofSeconds(60), () -> browserProcessesOfThisJvm().isEmpty());
    }

    @Test
    void session_startsHeadlessWithItsOwnProfile_restarts_andQuitsEverything() {
        Path profile;
        try (BrowserSession session = BrowserTestSupport.startWarm(pages.url("/"))) {
            assertThat(session.browser()).isEqualTo(Browser.CHROME);
            assertThat(session.chromiumArguments()).contains("--headless=new", "--disable-gpu", "--no-first-run",
                    "--disable-dev-shm-usage");
            String dirArg = session.chromiumArguments().stream().filter(a -> a.startsWith("--user-data-dir="))
                    .findFirst().orElseThrow();
            profile = Path.of(dirArg.substring("--user-data-dir=".length()));
            assertThat(Files.isDirectory(profile)).isTrue();

            WebDriver first = session.driver();
            first.get(pages.url("/"));
            assertThat(first.getTitle()).isEqualTo("home");
            assertThat(session.healthy()).isTrue();

            session.restart();
            assertThat(session.driver()).isNotSameAs(first);
            assertThat(session.starts()).isEqualTo(2);
            assertThat(Files.exists(profile)).as("old profile deleted on restart").isFalse();
            BrowserTestSupport.warmUp(session, pages.url("/other")); // a restarted browser's first load is slow
            assertThat(session.driver().getTitle()).isEqualTo("other");
            assertThat(browserProcessesOfThisJvm()).isNotEmpty();
        }
        assertNoBrowserProcessesLeft();
    }

    @Test
    void closedSession_isUnhealthy_refusesTheDriver_andClosesTwiceQuietly() {
        BrowserSession session = BrowserTestSupport.startWarm(pages.url("/"));
        session.close();
        session.close();
        assertThat(session.healthy()).isFalse();
        assertThatThrownBy(session::driver).isInstanceOf(IllegalStateException.class)
                .hasMessage("this browser session is closed");
        assertNoBrowserProcessesLeft();
    }

    @Test
    void hungBrowser_isStillQuitByClose() {
        BrowserSession session = BrowserTestSupport.startWarm(pages.url("/"));
        try {
            BrowserFailureInjector injector = new BrowserFailureInjector(session);
            assertThat(injector.injectFailure(FailureType.TIMEOUT, FailureIntensity.SEVERE).verified()).isTrue();
            assertThat(session.healthy()).isFalse();
        } finally {
            session.close(); // with the page's main thread still blocked
        }
        assertNoBrowserProcessesLeft();
    }

    @Test
    void workloadHint_addsItsSwitches() {
        try (BrowserSession session = BrowserTestSupport.startWarm(BrowserTestSupport.testSettings()
                .withWorkload(WorkloadHint.VISION), pages.url("/"))) {
            assertThat(session.chromiumArguments()).containsAll(WorkloadHint.VISION.chromiumArguments());
            session.driver().get(pages.url("/webgl"));
            assertThat(((org.openqa.selenium.JavascriptExecutor) session.driver())
                    .executeScript("return window.gl !== null")).isEqualTo(true);
        }
    }
}
