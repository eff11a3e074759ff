package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.InjectionStep;
import dev.tripswitch.browser.AnnotatedInjections;
import dev.tripswitch.browser.AppliedInjections;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.InjectionResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.openqa.selenium.WebDriver;

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

    /** The test's browser (a dynamic test or template invocation is its own test), started if it has none yet. */
    private static TestBrowser of(ExtensionContext context) {
        return context.getStore(CircuitBreakerExtension.NAMESPACE).getOrComputeIfAbsent(KEY,
                k -> new TestBrowser(BrowserSession.start(BrowserSettings.fromSystemProperties())), TestBrowser.class);
    }

    /**
     * Core's injection step for the test in {@code context}; each result is also published as a report entry
     * ({@value AnnotatedInjections#REPORT_KEY}).
     */
    static void inject(ExtensionContext context, Admission admission) {
        AppliedInjections applied = InjectionStep.inject(admission, context.getRequiredTestMethod(),
                context.getRequiredTestClass(), () -> of(context).session);
        if (applied == null) {
            return;
        }
        of(context).injections.add(applied);
        for (InjectionResult r : applied.results()) {
            context.publishReportEntry(Map.of(AnnotatedInjections.REPORT_KEY, r.describe()));
        }
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
