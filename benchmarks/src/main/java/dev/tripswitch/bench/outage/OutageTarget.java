package dev.tripswitch.bench.outage;

import dev.tripswitch.browser.BrowserSession;

import java.net.URI;

/**
 * What {@link ShopVisitSuite} runs against, set by {@link OutageRunner} before it launches the suite (the suite
 * runs in this JVM through the JUnit Platform launcher).
 */
public final class OutageTarget {

    static volatile URI shop;
    static volatile int tests = 100;
    static volatile BrowserSession session;

    private OutageTarget() {
    }

    static void set(URI shopBase, int testCount) {
        shop = shopBase;
        tests = testCount;
    }

    /** Browsers started by the suite's session so far (0 before it started). */
    static int browserStarts() {
        BrowserSession s = session;
        return s == null ? 0 : s.starts();
    }
}
