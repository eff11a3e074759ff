package dev.tripswitch.browser;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverResolverTest {

    @Test
    void localChromedriver_resolvesOfflineThroughTheWebDriverManagerCacheInUnderOneSecond() {
        ResolvedDriver first = DriverResolver.resolveFresh(Browser.CHROME);
        ResolvedDriver second = DriverResolver.resolveFresh(Browser.CHROME);

        System.out.println("chrome resolution: first " + first.resolvedIn().toMillis() + " ms, second "
                + second.resolvedIn().toMillis() + " ms; " + first.source());
        assertThat(Files.isExecutable(first.driverPath())).isTrue();
        assertThat(first.driverVersion()).matches("\\d+(\\.\\d+)+");
        assertThat(first.source()).contains("resolved offline by WebDriverManager");
        assertThat(first.resolvedIn().toMillis()).isLessThan(1000);
        assertThat(second.resolvedIn().toMillis()).isLessThan(1000);
    }

    @Test
    void firefoxWithoutGeckodriver_isReportedAsNotAvailable() {
        assertThatThrownBy(() -> DriverResolver.resolveFresh(Browser.FIREFOX))
                .isInstanceOf(BrowserNotAvailableException.class)
                .hasMessageStartingWith("browser firefox is not available on this machine: ")
                .satisfies(e -> assertThat(((BrowserNotAvailableException) e).browser()).isEqualTo(Browser.FIREFOX));
    }

    @Test
    void firefoxBinaryPresentButNoGeckodriver_saysTheDriverIsMissing() {
        System.setProperty("tripswitch.browser.firefox.binary", "/bin/true"); // stands in for an installed Firefox
        try {
            assertThatThrownBy(() -> DriverResolver.resolveFresh(Browser.FIREFOX))
                    .isInstanceOf(BrowserNotAvailableException.class)
                    .hasMessageStartingWith("browser firefox is not available on this machine: no geckodriver found"
                            + " (looked on the PATH, in system properties tripswitch.browser.firefox.driver and"
                            + " webdriver.gecko.driver) and WebDriverManager could not download one: ");
        } finally {
            System.clearProperty("tripswitch.browser.firefox.binary");
        }
    }

    @Test
    void edge_isReportedAsNotAvailable() {
        assertThatThrownBy(() -> BrowserSession.start("edge"))
                .isInstanceOf(BrowserNotAvailableException.class)
                .hasMessageStartingWith("browser edge is not available on this machine: no Microsoft Edge binary found");
    }

    @Test
    void unknownBrowserName_isRefusedWithTheAcceptedNames() {
        assertThatThrownBy(() -> Browser.fromName("netscape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("browser must be one of chrome (or chromium), firefox, edge, but was 'netscape'");
        assertThat(Browser.fromName("Chromium")).isEqualTo(Browser.CHROME);
    }
}
