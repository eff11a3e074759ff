package dev.tripswitch.browser;

/**
 * The requested browser cannot be driven on this machine: its binary or its driver is missing and could not
 * be obtained. The message says which browser and what is missing, e.g. "browser firefox is not available on
 * this machine: no geckodriver found (...)".
 */
public class BrowserNotAvailableException extends RuntimeException {

    private final Browser browser;

    public BrowserNotAvailableException(Browser browser, String reason, Throwable cause) {
        super("browser " + browser.displayName() + " is not available on this machine: " + reason, cause);
        this.browser = browser;
    }

    public BrowserNotAvailableException(Browser browser, String reason) {
        this(browser, reason, null);
    }

    /** The browser that is not available. */
    public Browser browser() {
        return browser;
    }
}
