package dev.tripswitch.testng;

import dev.tripswitch.Admission;
import dev.tripswitch.InjectionStep;
import dev.tripswitch.browser.AnnotatedInjections;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.InjectionResult;
import org.testng.ITestResult;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser of the TestNG test running on the current thread.
 *
 * <pre>{@code
 * @Test
 * @CircuitProtected("browser")
 * public void checkout() {
 *     WebDriver driver = TestNGBrowsers.current().driver();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #current()} starts a browser on first use in a test (settings from the {@code tripswitch.browser*}
 * system properties, see {@link BrowserSettings#fromSystemProperties()}), hands the same session to the test's
 * {@code @BeforeMethod}, body and {@code @AfterMethod} on that thread, and the listener quits it when the test's
 * outcome is known — whether it passed, failed or was skipped. A browser still open at the end of the suite is
 * quit then. {@code @InjectBrowserFailure} on the test (or its class) is applied to this browser right before the
 * body, following the test's circuit; each result is left in the test attribute {@code tripswitch.injection}
 * (a list of {@link InjectionResult}) and told to the reporting integrations.
 *
 * <p>Needs Selenium on the test class path (it is optional for Tripswitch otherwise).
 */
public final class TestNGBrowsers {

    private static final ThreadLocal<InjectionStep.TestBrowser> CURRENT = new ThreadLocal<>();
    private static final Set<InjectionStep.TestBrowser> OPEN = ConcurrentHashMap.newKeySet();

    private TestNGBrowsers() {
    }

    /** The browser of the test running on this thread, started now if it has none. */
    public static BrowserSession current() {
        return held().session();
    }

    private static InjectionStep.TestBrowser held() {
        InjectionStep.TestBrowser b = CURRENT.get();
        if (b == null || b.isClosed()) {
            b = new InjectionStep.TestBrowser();
            OPEN.add(b);
            CURRENT.set(b);
        }
        return b;
    }

    /** Core's injection step for the test in {@code result}; the results are left in its attribute. */
    static void inject(ITestResult result, Admission admission, Method method, Class<?> testClass) {
        result.setAttribute(AnnotatedInjections.REPORT_KEY, List.copyOf(held().inject(admission, method, testClass)));
    }

    /** The test on this thread is over: undo its injections and quit its browser, if it had one. */
    static void testFinished() {
        InjectionStep.TestBrowser b = CURRENT.get();
        CURRENT.remove();
        if (b != null) {
            OPEN.remove(b);
            b.close();
        }
    }

    /** Quits every browser still open (end of suite). */
    static void closeAll() {
        for (InjectionStep.TestBrowser b : List.copyOf(OPEN)) {
            OPEN.remove(b);
            b.close();
        }
    }
}
