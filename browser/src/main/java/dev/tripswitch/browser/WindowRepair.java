package dev.tripswitch.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

import java.time.Duration;
import java.util.Map;

/**
 * Gives the driver a working window again after its tab crashed or was closed: a new tab is opened through
 * DevTools (ChromeDriver refuses to open one from a crashed tab), the driver is switched to it, the broken tab
 * is closed and the new tab loads the page the broken one showed.
 */
final class WindowRepair {

    private WindowRepair() {
    }

    /**
     * Replaces the tab {@code brokenTarget} with a new one showing {@code url} (or about:blank); the new tab is
     * the driver's current window afterwards.
     */
    static String replace(BrowserSession session, String brokenTarget, String url) {
        WebDriver driver = session.rawDriver();
        String fresh;
        try (CdpChannel browser = CdpChannel.attachToBrowser(driver)) {
            fresh = (String) browser.callBrowser("Target.createTarget", Map.of("url", "about:blank"),
                    Duration.ofSeconds(10)).get("targetId");
            driver.switchTo().window(fresh);
            if (brokenTarget != null && !brokenTarget.equals(fresh)) {
                try {
                    browser.callBrowser("Target.closeTarget", Map.of("targetId", brokenTarget), Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    // already gone
                }
            }
        }
        if (url != null && !url.isBlank() && !url.startsWith("about:")) {
            try {
                driver.get(url);
            } catch (WebDriverException e) {
                // the page itself may be what is failing; the window is usable either way
            }
        }
        return fresh;
    }
}
