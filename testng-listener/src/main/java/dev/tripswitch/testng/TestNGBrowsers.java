package dev.tripswitch.testng;

import dev.tripswitch.Admission;
import dev.tripswitch.InjectionStep;
import dev.tripswitch.browser.AnnotatedInjections;
import dev.tripswitch.browser.AppliedInjections;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.InjectionResult;
import org.testng.ITestResult;

import java.lang.reflect.Method;
import java.util.ArrayList;
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

    private static final ThreadLocal<Held> CURRENT = new ThreadLocal<>();
    private static final Set<Held> OPEN = ConcurrentHashMap.newKeySet();

    private static final class Held {
        final BrowserSession session;
        final List<AppliedInjections> injections = new ArrayList<>();

        Held(BrowserSession session) {
            this.session = session;
        }

        void close() {
            OPEN.remove(this);
            try {
                for (AppliedInjections applied : injections) {
                    applied.close();
                }
            } finally {
                session.close();
            }
        }
    }

    private TestNGBrowsers() {
    }

    /** The browser of the test running on this thread, started now if it has none. */
    public static BrowserSession current() {
        return held().session;
    }

    private static Held held() {
        Held h = CURRENT.get();
        if (h == null || h.session.isClosed()) {
            h = new Held(BrowserSession.start(BrowserSettings.fromSystemProperties()));
            OPEN.add(h);
            CURRENT.set(h);
        }
        return h;
    }

    /** Core's injection step for the test in {@code result}; the results are left in its attribute. */
    static void inject(ITestResult result, Admission admission, Method method, Class<?> testClass) {
        AppliedInjections applied = InjectionStep.inject(admission, method, testClass, () -> held().session);
        if (applied != null) {
            held().injections.add(applied);
            result.setAttribute(AnnotatedInjections.REPORT_KEY, List.copyOf(applied.results()));
        }
    }

    /** The test on this thread is over: undo its injections and quit its browser, if it had one. */
    static void testFinished() {
        Held h = CURRENT.get();
        CURRENT.remove();
        if (h != null) {
            h.close();
        }
    }

    /** Quits every browser still open (end of suite). */
    static void closeAll() {
        for (Held h : List.copyOf(OPEN)) {
            h.close();
        }
    }
}
