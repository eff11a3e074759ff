package dev.tripswitch.browser;

import org.openqa.selenium.WebDriverException;

import java.time.Duration;

/** Shared helpers for the real-browser tests. */
final class BrowserTestSupport {

    private BrowserTestSupport() {
    }

    /** Short timeouts so that a hung page shows up as a TimeoutException within seconds. */
    static BrowserSettings testSettings() {
        return BrowserSettings.chrome()
                .withPageLoadTimeout(Duration.ofSeconds(5))
                .withScriptTimeout(Duration.ofSeconds(5))
                .withCommandTimeout(Duration.ofSeconds(30));
    }

    /** What the test saw when running {@code action}: the exception thrown, or null when it worked. */
    static WebDriverException thrownBy(Runnable action) {
        try {
            action.run();
            return null;
        } catch (WebDriverException e) {
            return e;
        }
    }

    static long millisToRun(Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
