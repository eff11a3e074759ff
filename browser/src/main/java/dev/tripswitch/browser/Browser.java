package dev.tripswitch.browser;

import java.util.Locale;

/** The browsers a {@link BrowserSession} can drive. */
public enum Browser {
    /** Google Chrome or Chromium, driven by ChromeDriver. */
    CHROME("chrome"),
    /** Mozilla Firefox, driven by geckodriver. */
    FIREFOX("firefox"),
    /** Microsoft Edge, driven by msedgedriver. */
    EDGE("edge");

    private final String displayName;

    Browser(String displayName) {
        this.displayName = displayName;
    }

    /** The lower-case name used in messages, system properties and annotation attributes. */
    public String displayName() {
        return displayName;
    }

    /** True for the browsers built on Chromium (DevTools-based failure injection works on these). */
    public boolean isChromium() {
        return this == CHROME || this == EDGE;
    }

    /**
     * The browser with the given name, case-insensitive: {@code chrome}, {@code chromium},
     * {@code google-chrome}; {@code firefox}, {@code ff}; {@code edge}, {@code msedge}, {@code microsoftedge}.
     *
     * @throws IllegalArgumentException for any other name, listing the accepted ones
     */
    public static Browser fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "chrome":
            case "chromium":
            case "google-chrome":
                return CHROME;
            case "firefox":
            case "ff":
                return FIREFOX;
            case "edge":
            case "msedge":
            case "microsoftedge":
                return EDGE;
            default:
                throw new IllegalArgumentException("browser must be one of chrome (or chromium), firefox, edge,"
                        + " but was " + (name == null ? "null" : "'" + name + "'"));
        }
    }
}
