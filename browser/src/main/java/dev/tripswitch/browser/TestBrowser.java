package dev.tripswitch.browser;

import dev.tripswitch.spi.TestScope;

import java.util.ArrayList;
import java.util.List;

/**
 * The browser of one test: started on first use with the settings of the {@code tripswitch.browser*} system
 * properties ({@link BrowserSettings#fromSystemProperties()}), given the test's {@link InjectBrowserFailure}s right
 * before its body, and closed with the test — the failures still in place undone, then the browser quit. It lives
 * in the test's {@link TestScope}, which the framework adapters make and close.
 *
 * <ul>
 *   <li>JUnit 5: declare a {@link BrowserSession} or {@code WebDriver} parameter (test method, {@code @BeforeEach},
 *       {@code @AfterEach}); it is quit after the test's {@code @AfterEach} methods.</li>
 *   <li>TestNG: {@code WebDriver driver = TestBrowser.current().driver();} in a test, its {@code @BeforeMethod} or
 *       {@code @AfterMethod}; it is quit when the test's outcome is known, or at the end of the suite.</li>
 * </ul>
 */
public final class TestBrowser implements AutoCloseable {

    private final List<AppliedInjections> injections = new ArrayList<>();
    private BrowserSession session;

    private TestBrowser() {
    }

    /**
     * The browser of the test running on this thread (under the TestNG listener: the test, its
     * {@code @BeforeMethod} and {@code @AfterMethod}), started now if it has none.
     *
     * @throws IllegalStateException when no test runs on this thread under Tripswitch
     */
    public static BrowserSession current() {
        TestScope scope = TestScope.onThisThread().orElseThrow(() -> new IllegalStateException("TestBrowser.current()"
                + " is for a test (or its @BeforeMethod/@AfterMethod) run by TestNG with the Tripswitch listener, on"
                + " the test's thread; no such test runs on thread " + Thread.currentThread().getName() + ". In JUnit 5,"
                + " declare a BrowserSession or WebDriver parameter; elsewhere use BrowserSession.start()"));
        return of(scope).session();
    }

    /** The browser of the test whose scope is {@code scope}, made on first use. */
    static TestBrowser of(TestScope scope) {
        OptionalDependencies.requireSelenium("A test's browser");
        return scope.resource(TestBrowser.class, TestBrowser::new);
    }

    /** The test's session, started now if it has none (or its last one was closed). */
    synchronized BrowserSession session() {
        if (session == null || session.isClosed()) {
            session = BrowserSession.start(BrowserSettings.fromSystemProperties());
        }
        return session;
    }

    /** Injections made on this browser, undone when it closes. */
    synchronized AppliedInjections keep(AppliedInjections applied) {
        injections.add(applied);
        return applied;
    }

    /** Undoes the failures still in place, then quits the browser. */
    @Override
    public synchronized void close() {
        try {
            injections.forEach(AppliedInjections::close);
        } finally {
            injections.clear();
            if (session != null) {
                session.close();
            }
        }
    }
}
