package dev.tripswitch;

import dev.tripswitch.internal.FrameworkCode;
import dev.tripswitch.internal.UnwovenProtection;

import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * What the test framework integrations on the class path ({@link dev.tripswitch.spi.TestMethods}) run themselves,
 * for code that must leave tests to them, and the end-of-run warning about {@code @CircuitProtected} methods outside
 * tests that nothing protects.
 */
public final class TestFrameworks {

    private TestFrameworks() {
    }

    /** Whether an integration runs {@code method} itself (a test, a set-up or tear-down method). */
    public static boolean isTestOrLifecycleMethod(Method method) {
        return FrameworkCode.isTestOrLifecycleMethod(method);
    }

    /** Whether {@code type} is, or belongs to, a test class of an integration. */
    public static boolean isTestClass(Class<?> type) {
        return FrameworkCode.isTestClass(type);
    }

    /**
     * Prints, once per JVM and only when there is something to say, the {@code @CircuitProtected} methods outside
     * tests (in the class-path directories of the context class loader) that nothing intercepts
     * ({@link dev.tripswitch.spi.CallInterception}), so that no user believes them protected. The framework
     * integrations call it at the end of a run.
     */
    public static void warnAboutUnprotectedCodeOnce(PrintStream out) {
        UnwovenProtection.reportOnce(out);
    }
}
