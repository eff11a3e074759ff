package dev.tripswitch.browser;

import dev.tripswitch.CircuitBreaker;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The framework-neutral side of {@link InjectBrowserFailure}: finds the annotations of a test, checks them,
 * applies them to the test's browser session and returns what happened. The JUnit 5 extension and the TestNG
 * listener call {@link #apply} before the test body and {@link AppliedInjections#close()} after it.
 */
public final class AnnotatedInjections {

    /** Key under which frameworks publish each result (report entry, test attribute). */
    public static final String REPORT_KEY = "tripswitch.injection";

    private AnnotatedInjections() {
    }

    /**
     * The {@link InjectBrowserFailure} annotations that apply to {@code testMethod} in {@code testClass}: those
     * of the class (inherited from superclasses) first, then the method's, in declaration order.
     *
     * @throws IllegalArgumentException when an annotation has a bad attribute value
     */
    public static List<InjectBrowserFailure> find(Method testMethod, Class<?> testClass) {
        List<InjectBrowserFailure> found = new ArrayList<>();
        if (testClass != null) {
            found.addAll(List.of(testClass.getAnnotationsByType(InjectBrowserFailure.class)));
        }
        if (testMethod != null) {
            found.addAll(List.of(testMethod.getAnnotationsByType(InjectBrowserFailure.class)));
        }
        for (InjectBrowserFailure a : found) {
            validate(a);
        }
        return found;
    }

    /** True when the test has at least one {@link InjectBrowserFailure}. */
    public static boolean isAnnotated(Method testMethod, Class<?> testClass) {
        return !find(testMethod, testClass).isEmpty();
    }

    /**
     * Applies the test's {@link InjectBrowserFailure} annotations to {@code session}, following
     * {@code circuitOrNull}. Refused and failed injections are in the results; nothing here throws for them.
     * Close the returned object after the test to undo the failures still in place.
     *
     * @throws IllegalArgumentException when an annotation has a bad attribute value (before anything is injected)
     */
    public static AppliedInjections apply(Method testMethod, Class<?> testClass, BrowserSession session,
                                          CircuitBreaker circuitOrNull) {
        Objects.requireNonNull(session, "session");
        List<InjectBrowserFailure> annotations = find(testMethod, testClass);
        BrowserFailureInjector injector = new BrowserFailureInjector(session, circuitOrNull,
                InjectorSettings.defaults().untilRestored());
        List<InjectionResult> results = new ArrayList<>();
        for (InjectBrowserFailure a : annotations) {
            if (a.delayMillis() > 0) {
                PageProbe.pause(a.delayMillis());
            }
            results.add(injector.injectFailure(a.type(), a.intensity(), a.recordOnCircuit()));
        }
        return new AppliedInjections(results, injector);
    }

    private static void validate(InjectBrowserFailure a) {
        if (a.delayMillis() < 0 || a.delayMillis() > InjectBrowserFailure.MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException("@InjectBrowserFailure requires that `delayMillis` be between 0 and "
                    + InjectBrowserFailure.MAX_DELAY_MILLIS + ", but was " + a.delayMillis() + ".");
        }
    }
}
