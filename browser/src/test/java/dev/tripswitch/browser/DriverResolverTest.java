package dev.tripswitch.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Driver resolution, each test with a resolver of its own: a temporary WebDriverManager cache (never the user's
 * {@code ~/.cache}) and, where a browser must be missing, a search path and settings that cannot hold it, so
 * that the outcome is the same whatever this machine has installed.
 */
class DriverResolverTest {

    private static final String NO_EDGE = "browser edge is not available on this machine: no Microsoft Edge binary found";

    @TempDir
    Path temp;

    /** Looks on the real PATH (Chromium and ChromeDriver are prerequisites of the browser tests). */
    private DriverResolver onThisMachine(Path cache) {
        return new DriverResolver(cache, null, System::getProperty, null);
    }

    /** Looks only in {@code dirs}, reads only {@code settings}, downloads only from a port nobody listens on. */
    private DriverResolver lookingOnlyIn(List<Path> dirs, Map<String, String> settings) throws IOException {
        return new DriverResolver(temp.resolve("cache"), dirs, settings::get, closedPort());
    }

    private static URL closedPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return new URL("http://127.0.0.1:" + port + "/");
    }

    private Path emptyDir() throws IOException {
        return Files.createDirectories(temp.resolve("empty"));
    }

    @Test
    void localChromedriver_isLinkedIntoATemporaryCache_andResolvedOfflineFromIt() {
        Path cache = temp.resolve("wdm-cache");
        DriverResolver resolver = onThisMachine(cache);

        ResolvedDriver first = resolver.resolveAgain(Browser.CHROME);
        ResolvedDriver second = resolver.resolveAgain(Browser.CHROME);

        System.out.println("chrome resolution: first " + first.resolvedIn().toMillis() + " ms, second "
                + second.resolvedIn().toMillis() + " ms; " + first.source());
        assertThat(Files.isExecutable(first.driverPath())).isTrue();
        assertThat(first.driverVersion()).matches("\\d+(\\.\\d+)+");
        assertThat(first.source()).contains("resolved offline by WebDriverManager from its cache " + cache);
        assertThat(first.driverPath().startsWith(cache)).as(first.driverPath() + " in the temporary cache").isTrue();
        assertThat(cache.resolve("chromedriver")).isDirectory();
        assertThat(second.driverPath()).isEqualTo(first.driverPath());
        assertThat(second.source()).isEqualTo(first.source());
        assertThat(resolver.resolveOnce(Browser.CHROME)).isSameAs(second);
    }

    @Test
    void noFirefoxAnywhere_isReportedAsNotAvailable() throws Exception {
        DriverResolver resolver = lookingOnlyIn(List.of(emptyDir()), Map.of());
        assertThatThrownBy(() -> resolver.resolveAgain(Browser.FIREFOX))
                .isInstanceOf(BrowserNotAvailableException.class)
                .hasMessage("browser firefox is not available on this machine: no Firefox binary found (looked for"
                        + " firefox, firefox-esr on the PATH and for system property"
                        + " tripswitch.browser.firefox.binary)")
                .satisfies(e -> assertThat(((BrowserNotAvailableException) e).browser()).isEqualTo(Browser.FIREFOX));
    }

    @Test
    void firefoxBinaryPresentButNoGeckodriver_saysTheDriverIsMissing() throws Exception {
        Path bin = emptyDir();
        Path firefox = Files.writeString(bin.resolve("firefox"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(firefox, PosixFilePermissions.fromString("rwxr-xr-x"));
        DriverResolver resolver = lookingOnlyIn(List.of(bin), Map.of());
        assertThatThrownBy(() -> resolver.resolveAgain(Browser.FIREFOX))
                .isInstanceOf(BrowserNotAvailableException.class)
                .hasMessageStartingWith("browser firefox is not available on this machine: no geckodriver found"
                        + " (looked on the PATH, in system properties tripswitch.browser.firefox.driver and"
                        + " webdriver.gecko.driver) and WebDriverManager could not download one: ");
    }

    @Test
    void explicitBinaryThatIsNotThere_isNotAvailable_evenWhenTheBrowserIsInstalled() throws Exception {
        DriverResolver resolver = new DriverResolver(temp.resolve("cache"), null,
                Map.of("tripswitch.browser.edge.binary", temp.resolve("no-such-msedge").toString())::get, closedPort());
        assertThatThrownBy(() -> resolver.resolveAgain(Browser.EDGE))
                .isInstanceOf(BrowserNotAvailableException.class)
                .hasMessageStartingWith(NO_EDGE);
    }

    @Test
    void edgeSession_whenEdgeCannotBeFound_failsToStartWithTheReason() {
        // an explicit binary that does not exist: the same answer on a machine that has Edge
        String property = "tripswitch.browser.edge.binary";
        System.setProperty(property, temp.resolve("no-such-msedge").toString());
        try {
            assertThatThrownBy(() -> BrowserSession.start("edge"))
                    .isInstanceOf(BrowserNotAvailableException.class)
                    .hasMessageStartingWith(NO_EDGE);
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void unknownBrowserName_isRefusedWithTheAcceptedNames() {
        assertThatThrownBy(() -> Browser.fromName("netscape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("browser must be one of chrome (or chromium), firefox, edge, but was 'netscape'");
        assertThat(Browser.fromName("Chromium")).isEqualTo(Browser.CHROME);
    }
}
