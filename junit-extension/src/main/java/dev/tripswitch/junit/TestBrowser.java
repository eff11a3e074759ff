package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.browser.AnnotatedInjections;
import dev.tripswitch.browser.AppliedInjections;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.InjectionReports;
import dev.tripswitch.browser.InjectionResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.openqa.selenium.WebDriver;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One test's browser: started on first use (a {@link BrowserSession} or {@link WebDriver} parameter, or an
 * {@code @InjectBrowserFailure}), kept in the test's store, and quit when JUnit closes that store — after the
 * test and its {@code @AfterEach} methods, whether they passed or failed. Failures still injected are undone
 * first. Only this class (and whoever calls it after checking that Selenium is present) touches Selenium.
 */
@SuppressWarnings("deprecation") // CloseableResource: the store hook honoured by every JUnit 5 version
final class TestBrowser implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String SESSION_TYPE = "dev.tripswitch.browser.BrowserSession";
    static final String DRIVER_TYPE = "org.openqa.selenium.WebDriver";
    private static final String KEY = "browser";

    private final BrowserSession session;
    private final List<AppliedInjections> injections = new ArrayList<>();

    private TestBrowser(BrowserSession session) {
        this.session = session;
    }

    /** Whether a parameter is one this class resolves (compared by name: Selenium may be absent). */
    static boolean supports(Class<?> type) {
        return type.getName().equals(SESSION_TYPE) || type.getName().equals(DRIVER_TYPE);
    }

    /** The session (or its driver) for a parameter of the test running in {@code context}. */
    static Object resolve(ParameterContext parameter, ExtensionContext context) {
        BrowserSession s = of(context).session;
        return parameter.getParameter().getType().getName().equals(SESSION_TYPE) ? s : s.driver();
    }

    /** The test's browser, started with the settings of the system properties if it has none yet. */
    static TestBrowser of(ExtensionContext context) {
        ExtensionContext.Store store = testContext(context).getStore(CircuitBreakerExtension.NAMESPACE);
        return store.getOrComputeIfAbsent(KEY,
                k -> new TestBrowser(BrowserSession.start(BrowserSettings.fromSystemProperties())), TestBrowser.class);
    }

    static boolean hasInjections(Method method, Class<?> testClass) {
        return AnnotatedInjections.isAnnotated(method, testClass);
    }

    /**
     * Applies the test's {@code @InjectBrowserFailure}s to its browser, following {@code circuitOrNull}, and
     * publishes each result as a report entry ({@value AnnotatedInjections#REPORT_KEY}) and to the reporting
     * integrations.
     */
    static void inject(ExtensionContext context, Method method, Class<?> testClass, CircuitBreaker circuitOrNull) {
        TestBrowser browser = of(context);
        AppliedInjections applied = AnnotatedInjections.apply(method, testClass, browser.session, circuitOrNull);
        browser.injections.add(applied);
        for (InjectionResult r : applied.results()) {
            context.publishReportEntry(Map.of(AnnotatedInjections.REPORT_KEY, r.describe()));
            InjectionReports.publish(TestEvents.identity(context), r);
        }
    }

    /** A test's own context (a dynamic test or template invocation is its own test). */
    private static ExtensionContext testContext(ExtensionContext context) {
        return context;
    }

    @Override
    public void close() {
        try {
            for (AppliedInjections applied : injections) {
                applied.close();
            }
        } finally {
            session.close();
        }
    }
}
