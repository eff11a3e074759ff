package dev.tripswitch.browser;

import org.openqa.selenium.WebDriverException;

import java.time.Duration;
import java.util.function.BooleanSupplier;

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

    /**
     * A session with the test settings whose first page load (slow on a busy machine: the renderer starts) has
     * been done with a generous timeout, so that the short test timeout only meets real failures.
     */
    static BrowserSession startWarm(String url) {
        return startWarm(testSettings(), url);
    }

    static BrowserSession startWarm(BrowserSettings settings, String url) {
        BrowserSession session = BrowserSession.start(settings);
        try {
            warmUp(session, url);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The first page load of a (re)started browser, with a generous timeout; then the session's own again. */
    static void warmUp(BrowserSession session, String url) {
        session.driver().manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        session.driver().get(url);
        session.driver().manage().timeouts().pageLoadTimeout(session.settings().pageLoadTimeout());
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

    /**
     * Waits until {@code condition} holds, checking every 50 ms, for at most {@code ceiling} (chosen generous:
     * it only bounds how long a broken build hangs, it is not what the test checks).
     *
     * @throws AssertionError naming {@code what} when the ceiling passes first
     */
    static void awaitUntil(String what, Duration ceiling, BooleanSupplier condition) {
        long deadline = System.nanoTime() + ceiling.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": still not so after " + ceiling.toSeconds() + " s");
            }
            PageProbe.pause(50);
        }
    }

    /**
     * Runs {@code action} with the driver's page-load timeout set to {@code timeout} (ChromeDriver also waits
     * that long for the page to answer a script), then sets the session's own again.
     */
    static void withPageLoadTimeout(BrowserSession session, Duration timeout, Runnable action) {
        session.driver().manage().timeouts().pageLoadTimeout(timeout);
        try {
            action.run();
        } finally {
            session.driver().manage().timeouts().pageLoadTimeout(session.settings().pageLoadTimeout());
        }
    }

    /** Milliseconds {@code action} took; only for lower bounds (an injected delay), never for upper ones. */
    static long millisToRun(Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
