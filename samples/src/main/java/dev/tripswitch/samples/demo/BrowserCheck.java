package dev.tripswitch.samples.demo;

import dev.tripswitch.browser.BrowserNotAvailableException;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.ResolvedDriver;

/**
 * Starts and quits the browser that the {@code tripswitch.browser*} system properties choose, to tell before a
 * long run whether it can be driven here. {@code ./test_circuit_breaker_integration.sh} runs it for a browser
 * asked for by a flag; the demo does the same check itself.
 *
 * <p>Exit status: 0 available, 3 not available on this machine ({@link BrowserNotAvailableException}), 4 found
 * but it would not start (e.g. a window asked for with no display), 2 bad settings.
 */
public final class BrowserCheck {

    static final int NOT_AVAILABLE = 3;
    static final int DID_NOT_START = 4;

    private BrowserCheck() {
    }

    /** Starts and quits one browser; returns a line saying what was started. */
    static String startAndQuit(BrowserSettings settings) {
        try (BrowserSession session = BrowserSession.start(settings)) {
            String browser = settings.browser().displayName()
                    + (settings.headless() ? " (headless)" : " (with a window)");
            ResolvedDriver d = session.resolvedDriver();
            if (d == null) { // a session on a Selenium Grid: the node has the browser and the driver
                return browser + ": a Selenium Grid session" + session.gridNode().map(n -> " on node " + n).orElse("");
            }
            return browser + ": " + d.browserBinary() + ", driver " + d.driverVersion();
        }
    }

    public static void main(String[] args) {
        BrowserSettings settings;
        try {
            settings = BrowserSettings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.out.println("browser available: " + startAndQuit(settings));
            System.exit(0);
        } catch (BrowserNotAvailableException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.exit(NOT_AVAILABLE);
        } catch (RuntimeException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            System.err.println("ERROR: browser " + settings.browser().displayName() + " was found but did not start"
                    + (settings.headless() ? "" : " with a window (is there a display? DISPLAY is '"
                    + System.getenv().getOrDefault("DISPLAY", "") + "')") + ": " + e.getClass().getName()
                    + ": " + first);
            System.exit(DID_NOT_START);
        }
    }
}
