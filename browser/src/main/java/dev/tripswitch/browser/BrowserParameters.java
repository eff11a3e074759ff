package dev.tripswitch.browser;

import dev.tripswitch.spi.TestParameterSource;
import dev.tripswitch.spi.TestScope;

/**
 * Gives a test its {@link TestBrowser} as a {@link BrowserSession} or {@code WebDriver} parameter (JUnit 5). A
 * {@link TestParameterSource} found by {@link java.util.ServiceLoader}; public only for it.
 */
public final class BrowserParameters implements TestParameterSource {

    // compared by name: asked for every parameter of every test, it must not load Selenium to answer
    private static final String SESSION_TYPE = "dev.tripswitch.browser.BrowserSession";
    private static final String DRIVER_TYPE = "org.openqa.selenium.WebDriver";

    /** Made by {@link java.util.ServiceLoader}. */
    public BrowserParameters() {
    }

    @Override
    public boolean gives(Class<?> type) {
        return type.getName().equals(SESSION_TYPE) || type.getName().equals(DRIVER_TYPE);
    }

    @Override
    public Object parameter(Class<?> type, TestScope scope) {
        BrowserSession session = TestBrowser.of(scope).session();
        return type.getName().equals(SESSION_TYPE) ? session : session.driver();
    }
}
