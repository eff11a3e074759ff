package dev.tripswitch.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the real-browser test classes that share one warmed-up headless browser and the test pages: both are
 * started before the class's first test and always closed after its last.
 */
abstract class OneBrowserPerClass {

    static TestPages pages;
    static BrowserSession session;

    @BeforeAll
    static void startBrowser() throws Exception {
        pages = new TestPages();
        session = BrowserTestSupport.startWarm(pages.url("/"));
    }

    @AfterAll
    static void stopBrowser() {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            session = null;
            if (pages != null) {
                pages.close();
                pages = null;
            }
        }
    }
}
