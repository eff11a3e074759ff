package dev.tripswitch.internal;

import dev.tripswitch.spi.CallInterception;
import dev.tripswitch.spi.TestMethods;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Predicate;

/**
 * Asks the plug-ins that know the code around protected calls: the test framework integrations ({@link TestMethods})
 * and the modules that intercept annotated methods ({@link CallInterception}), loaded once per JVM with
 * {@link java.util.ServiceLoader}. A plug-in that throws is logged, and its answer taken as "no".
 */
public final class FrameworkCode {

    private static final System.Logger LOG = System.getLogger(FrameworkCode.class.getName());
    private static volatile List<TestMethods> testMethods;
    private static volatile List<CallInterception> interceptions;

    private FrameworkCode() {
    }

    public static boolean isTestOrLifecycleMethod(Method method) {
        return any(testMethods(), m -> m.isTestOrLifecycleMethod(method));
    }

    public static boolean isTestClass(Class<?> type) {
        return any(testMethods(), m -> m.isTestClass(type));
    }

    public static boolean isIntercepted(Class<?> type) {
        return any(interceptions(), i -> i.intercepts(type));
    }

    /** How an intercepted class is, as the plug-ins say ("woven by AspectJ"); "intercepted" when there is none. */
    public static String interceptedAs() {
        StringBuilder out = new StringBuilder();
        for (CallInterception i : interceptions()) {
            try {
                out.append(out.length() == 0 ? "" : " or ").append(i.interceptedAs());
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: " + i.getClass().getName() + " threw; ignored", e);
            }
        }
        return out.length() > 0 ? out.toString() : "intercepted";
    }

    /** How to have classes intercepted, as the plug-ins say; a pointer to the documentation when there is none. */
    public static String howToIntercept() {
        StringBuilder out = new StringBuilder();
        for (CallInterception i : interceptions()) {
            try {
                out.append(out.length() == 0 ? "" : " ").append(i.howToIntercept());
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: " + i.getClass().getName() + " threw; ignored", e);
            }
        }
        return out.length() > 0 ? out.toString() : "No module that intercepts annotated methods is on the class path;"
                + " see \"Protecting page objects and API clients\" in Tripswitch's documentation.";
    }

    private static <T> boolean any(List<T> plugins, Predicate<T> says) {
        for (T p : plugins) {
            try {
                if (says.test(p)) {
                    return true;
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: " + p.getClass().getName() + " threw; ignored", e);
            }
        }
        return false;
    }

    private static List<TestMethods> testMethods() {
        List<TestMethods> t = testMethods;
        if (t == null) {
            t = Services.load(TestMethods.class, Services.contextLoader(FrameworkCode.class), "test methods");
            testMethods = t;
        }
        return t;
    }

    private static List<CallInterception> interceptions() {
        List<CallInterception> i = interceptions;
        if (i == null) {
            i = Services.load(CallInterception.class, Services.contextLoader(FrameworkCode.class), "call interception");
            interceptions = i;
        }
        return i;
    }
}
