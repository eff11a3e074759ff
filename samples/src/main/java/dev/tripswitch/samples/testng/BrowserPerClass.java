package dev.tripswitch.samples.testng;

import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * One browser for all tests of a class: started before the first test, quit after the last one, also when
 * tests fail ({@code alwaysRun}).
 */
abstract class BrowserPerClass {

    private BrowserSession browser;

    @BeforeClass(alwaysRun = true)
    public void startBrowser() {
        browser = BrowserSession.start(BrowserSettings.fromSystemProperties());
    }

    @AfterClass(alwaysRun = true)
    public void quitBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    protected WebDriver driver() {
        return browser.driver();
    }
}
