package dev.tripswitch;

import dev.tripswitch.browser.AnnotatedInjections;
import dev.tripswitch.browser.AppliedInjections;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.InjectBrowserFailure;
import dev.tripswitch.browser.InjectBrowserFailures;
import dev.tripswitch.browser.InjectionReports;
import dev.tripswitch.browser.InjectionResult;
import dev.tripswitch.internal.Json;
import dev.tripswitch.internal.OptionalDependencies;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The failure-injection step of a test, the same for every framework: right before the body, the test's
 * {@link InjectBrowserFailure}s are applied to its browser following its circuit (a granted admission's circuit;
 * none when the test is unguarded), each result is told to the reporting listeners, and an injection that
 * recorded a failure on the circuit marks the admission, so that the test's own failure from that fault does
 * not count a second time.
 *
 * <p>Selenium is needed only when the test has such an annotation; it is checked here, with a message that says
 * what to add.
 */
public final class InjectionStep {

    private InjectionStep() {
    }

    /** True when {@code testMethod} or {@code testClass} carries {@link InjectBrowserFailure} (needs no Selenium). */
    public static boolean wanted(Method testMethod, Class<?> testClass) {
        return testMethod.isAnnotationPresent(InjectBrowserFailure.class)
                || testMethod.isAnnotationPresent(InjectBrowserFailures.class)
                || testClass.isAnnotationPresent(InjectBrowserFailure.class)
                || testClass.isAnnotationPresent(InjectBrowserFailures.class);
    }

    /**
     * Applies the test's injections, if it has any, to the browser {@code browser} gives (asked only then).
     * Close the result after the test to undo what is still in place.
     *
     * @return what was applied, or {@code null} when the test has no {@link InjectBrowserFailure}
     * @throws IllegalStateException when the test has one but Selenium is not on the class path
     */
    public static AppliedInjections inject(Admission admission, Method testMethod, Class<?> testClass,
                                           Supplier<BrowserSession> browser) {
        if (!wanted(testMethod, testClass)) {
            return null;
        }
        if (!OptionalDependencies.seleniumPresent()) {
            throw new IllegalStateException("@InjectBrowserFailure on " + testClass.getName() + "#"
                    + testMethod.getName() + " needs Selenium (org.seleniumhq.selenium:selenium-java) on the test"
                    + " class path");
        }
        return WithSelenium.apply(admission, testMethod, testClass, browser);
    }

    /**
     * One test's browser, for the framework adapters: started on first use with the settings of the
     * {@code tripswitch.browser*} system properties, given the test's injections by {@link #inject}, and closed after
     * the test — the failures still in place undone, then the browser quit. Needs Selenium.
     */
    public static final class TestBrowser implements AutoCloseable {
        private BrowserSession session;
        private final List<AppliedInjections> injections = new ArrayList<>();

        /** The test's session, started now if it has none yet. */
        public synchronized BrowserSession session() {
            if (session == null) {
                session = BrowserSession.start(BrowserSettings.fromSystemProperties());
            }
            return session;
        }

        /** {@link InjectionStep#inject} on this browser; the results (empty when none) are kept for undoing. */
        public List<InjectionResult> inject(Admission admission, Method testMethod, Class<?> testClass) {
            AppliedInjections applied = InjectionStep.inject(admission, testMethod, testClass, this::session);
            if (applied == null) {
                return List.of();
            }
            synchronized (this) {
                injections.add(applied);
            }
            return applied.results();
        }

        /** True once closed, or when its browser was quit some other way. */
        public synchronized boolean isClosed() {
            return session != null && session.isClosed();
        }

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

    /** Loaded only once Selenium is known to be present. */
    private static final class WithSelenium {
        static AppliedInjections apply(Admission admission, Method testMethod, Class<?> testClass,
                                       Supplier<BrowserSession> browser) {
            CircuitBreaker circuit = admission.isGranted() ? admission.circuit() : null;
            AppliedInjections applied = AnnotatedInjections.apply(testMethod, testClass, browser.get(), circuit);
            for (InjectionResult r : applied.results()) {
                if (r.recordedOnCircuit()) {
                    admission.injectedFaultCounted();
                }
                admission.run().note(admission, InjectionReports.title(r), InjectionReports.asIntended(r),
                        Json.write(InjectionReports.toMap(r)));
            }
            return applied;
        }
    }
}
