package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.InjectionStep;
import dev.tripswitch.browser.AnnotatedInjections;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.InjectionResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

import java.util.Map;

/**
 * One test's browser (core's {@link InjectionStep.TestBrowser}) in the test's own store (a dynamic test or template
 * invocation is its own test): started on first use by a {@code BrowserSession} / {@code WebDriver} parameter or
 * an {@code @InjectBrowserFailure}, and closed with that store — after the test and its {@code @AfterEach}
 * methods, whether they passed or failed. Only called once Selenium is known to be present.
 */
@SuppressWarnings("deprecation") // CloseableResource: the store hook honoured by every JUnit 5 version
final class TestBrowser implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final String SESSION_TYPE = "dev.tripswitch.browser.BrowserSession";
    private static final String DRIVER_TYPE = "org.openqa.selenium.WebDriver";

    private final InjectionStep.TestBrowser browser = new InjectionStep.TestBrowser();

    /** Whether a parameter is one this class resolves (compared by name: Selenium may be absent). */
    static boolean supports(Class<?> type) {
        return type.getName().equals(SESSION_TYPE) || type.getName().equals(DRIVER_TYPE);
    }

    /** The session (or its driver) for a parameter of the test running in {@code context}. */
    static Object resolve(ParameterContext parameter, ExtensionContext context) {
        BrowserSession s = of(context).session();
        return parameter.getParameter().getType().getName().equals(SESSION_TYPE) ? s : s.driver();
    }

    private static InjectionStep.TestBrowser of(ExtensionContext context) {
        return context.getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(TestBrowser.class, k -> new TestBrowser(), TestBrowser.class).browser;
    }

    /** Core's injection step; each result is also a report entry ({@value AnnotatedInjections#REPORT_KEY}). */
    static void inject(ExtensionContext context, Admission admission) {
        for (InjectionResult r : of(context).inject(admission, context.getRequiredTestMethod(),
                context.getRequiredTestClass())) {
            context.publishReportEntry(Map.of(AnnotatedInjections.REPORT_KEY, r.describe()));
        }
    }

    @Override
    public void close() {
        browser.close();
    }
}
