package dev.tripswitch.bench.grid;

import java.util.Locale;

/** What fails at session start on the Grid scenario's broken node ({@code --grid-broken}). */
public enum BrokenPart {
    /** Its chromedriver exits at start. */
    DRIVER,
    /** Its Chromium binary exits at start; its chromedriver is the real one. */
    BROWSER;

    /** The word {@code scripts/grid-demo.sh} and the report use. */
    String scriptName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
