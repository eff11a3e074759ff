package dev.tripswitch.spi;

import java.lang.reflect.Method;

/**
 * A test framework integration tells core which methods its framework runs itself — tests and their set-up and
 * tear-down — so that core names no framework. Code that protects calls (the AspectJ aspect) leaves those methods
 * to the integration, and the end-of-run check for unprotected code leaves test classes out. Found with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/dev.tripswitch.spi.TestMethods}; the JUnit 5 and
 * TestNG integrations provide one each.
 *
 * <p>Contract: called on any thread, at a woven method's first call and at the end of a run; answers are not
 * cached by the caller, so they must be cheap and thread-safe. An exception is logged and taken as "no".
 */
public interface TestMethods {

    /** Whether the framework runs {@code method} itself: a test, or a set-up or tear-down method. */
    boolean isTestOrLifecycleMethod(Method method);

    /**
     * Whether {@code type} is a test class of the framework, or belongs to one (nested in it, a superclass that
     * declares tests).
     */
    boolean isTestClass(Class<?> type);
}
