package dev.tripswitch.browser;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.spi.AdmittedTest;
import dev.tripswitch.spi.BeforeBodyStep;
import dev.tripswitch.spi.TestScope;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * The failure-injection step of a test, the same for every framework: right before the body, the test's
 * {@link InjectBrowserFailure}s are applied to its {@link TestBrowser} following its circuit (a granted admission's
 * circuit; none when the test is unguarded), each result is told to the reporting listeners, and an injection that
 * recorded a failure on the circuit marks the test ({@link AdmittedTest#injectedFaultCounted()}), so that the
 * test's own failure from that fault does not count a second time. The results are reported under
 * {@value AnnotatedInjections#REPORT_KEY}; the failures still in place are undone when the test's scope closes.
 *
 * <p>A {@link BeforeBodyStep} found by {@link java.util.ServiceLoader}; the framework adapters run it through core's
 * {@code TestRun.beforeBody}. Public only for the service loader.
 */
public final class InjectionStep implements BeforeBodyStep {

    /** Made by {@link java.util.ServiceLoader}. */
    public InjectionStep() {
    }

    /** True when {@code testMethod} or {@code testClass} carries {@link InjectBrowserFailure}. */
    @Override
    public boolean appliesTo(Method testMethod, Class<?> testClass) {
        return testMethod.isAnnotationPresent(InjectBrowserFailure.class)
                || testMethod.isAnnotationPresent(InjectBrowserFailures.class)
                || testClass.isAnnotationPresent(InjectBrowserFailure.class)
                || testClass.isAnnotationPresent(InjectBrowserFailures.class);
    }

    @Override
    public Map<String, List<?>> beforeBody(AdmittedTest test, Method testMethod, Class<?> testClass,
                                           TestScope scope) {
        OptionalDependencies.requireSelenium("@InjectBrowserFailure on " + testClass.getName() + "#"
                + testMethod.getName());
        TestBrowser browser = TestBrowser.of(scope);
        CircuitBreaker circuit = test.guardingCircuit().orElse(null);
        AppliedInjections applied = browser.keep(
                AnnotatedInjections.apply(testMethod, testClass, browser.session(), circuit));
        for (InjectionResult r : applied.results()) {
            if (r.recordedOnCircuit()) {
                test.injectedFaultCounted();
            }
            test.note(InjectionReports.title(r), InjectionReports.asIntended(r), InjectionReports.json(r));
        }
        return Map.of(AnnotatedInjections.REPORT_KEY, applied.results());
    }
}
