package dev.tripswitch.browser;

import io.github.bonigarcia.wdm.WebDriverManager;

import java.util.List;

/** What differs between the browsers when looking for their binary and their driver. */
enum DriverKind {
    CHROME("Chrome/Chromium", List.of("google-chrome", "google-chrome-stable", "chromium", "chromium-browser"),
            "chromedriver", "webdriver.chrome.driver"),
    FIREFOX("Firefox", List.of("firefox", "firefox-esr"), "geckodriver", "webdriver.gecko.driver"),
    EDGE("Microsoft Edge", List.of("microsoft-edge", "microsoft-edge-stable", "msedge"), "msedgedriver",
            "webdriver.edge.driver");

    final String productName;
    final List<String> binaryNames;
    final String driverName;
    final String seleniumProperty;

    DriverKind(String productName, List<String> binaryNames, String driverName, String seleniumProperty) {
        this.productName = productName;
        this.binaryNames = binaryNames;
        this.driverName = driverName;
        this.seleniumProperty = seleniumProperty;
    }

    static DriverKind of(Browser browser) {
        switch (browser) {
            case FIREFOX:
                return FIREFOX;
            case EDGE:
                return EDGE;
            default:
                return CHROME;
        }
    }

    /** A new WebDriverManager for this driver; only called when WebDriverManager is on the class path. */
    WebDriverManager manager() {
        switch (this) {
            case FIREFOX:
                return WebDriverManager.firefoxdriver();
            case EDGE:
                return WebDriverManager.edgedriver();
            default:
                return WebDriverManager.chromedriver();
        }
    }
}
