package dev.tripswitch.spi;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * Something a module does to a test right before its body (the browser module applies
 * {@code @InjectBrowserFailure} to the test's browser). Found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.tripswitch.spi.BeforeBodyStep}; the framework adapters run the steps through
 * {@link dev.tripswitch.TestRun#beforeBody}.
 *
 * <p>Contract: {@link #beforeBody} is called once per test invocation, on the thread that runs the test, after its
 * per-test set-up methods and right before its body, for a test that may run (its admission is granted or
 * unguarded, never refused or misconfigured) and only if {@link #appliesTo} said so. What it throws fails the test
 * as if the body had thrown it; the protocol then decides what counts. A step that itself records a failure on the
 * test's circuit calls {@link AdmittedTest#injectedFaultCounted()}, so that the test's own failure from that fault
 * does not count a second time; what it did to the test's environment goes to the reporting listeners through
 * {@link AdmittedTest#note}.
 */
public interface BeforeBodyStep {

    /**
     * True when this step has something to do for the test; asked on the test's thread before {@link #beforeBody}.
     * Looks at annotations only: cheap, and must not need an optional library.
     */
    boolean appliesTo(Method testMethod, Class<?> testClass);

    /**
     * Does the step. Things that must live as long as the test go into {@code scope}.
     *
     * @return entries for the framework's own report of the test, by key (JUnit: one report entry per entry, its
     *         {@code toString()}; TestNG: a test attribute holding the list); empty for none
     */
    Map<String, List<?>> beforeBody(AdmittedTest test, Method testMethod, Class<?> testClass, TestScope scope);
}
