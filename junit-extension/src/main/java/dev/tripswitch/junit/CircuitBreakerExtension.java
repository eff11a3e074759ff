package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.InjectionStep;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Puts JUnit Jupiter tests annotated with {@link CircuitProtected} under their circuit breaker; tests without it
 * are left alone. What a protected test then does — skipped with the circuit's reason while it refuses, what
 * counts, class-level set-up, dynamic tests, parameters and browsers, the end-of-run summary — is documented on
 * {@link CircuitProtected} and in this module's README.
 *
 * <p>Register it with {@code @ExtendWith(CircuitBreakerExtension.class)} on a test class (or on an annotation
 * of your own), or for every test by extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}; this jar lists the extension in
 * {@code META-INF/services}). If the jar is on the test class path but the extension is not active, the
 * launcher prints a warning naming each protected class.
 *
 * <p>Contract: the circuit is asked as an {@link ExecutionCondition}, so before any {@code @BeforeEach} method
 * and other extensions' before-each callbacks. Every decision (counting, the summary, what reporting
 * integrations hear) is core's {@link dev.tripswitch.TestRun}; this class maps JUnit's callbacks onto it.
 * Thread-safe under parallel execution: each test's admission waits in its parent's
 * {@link ExtensionContext.Store} under {@link #NAMESPACE}, the run in the root store; the circuits are JVM-wide
 * (shared with TestNG). Needs JUnit Jupiter 5.8 or later (checked with 5.14 and 6.1).
 */
public final class CircuitBreakerExtension implements ExecutionCondition, BeforeEachCallback, TestWatcher,
        InvocationInterceptor, LifecycleMethodExecutionExceptionHandler, ParameterResolver {

    /*
     * JUnit callback                              -> protocol call (core's TestRun / Admission)
     * evaluateExecutionCondition                  -> admit (or refuse along with a refused class set-up)
     * beforeEach                                  -> fail with the configuration error of a misconfigured test
     * interceptTestMethod / TestTemplateMethod    -> InjectionStep.inject, then the body
     * body, @BeforeEach, @AfterEach throw         -> Admission.skipInside (a circuit refusal met inside)
     * testSuccessful / Failed / Aborted / Disabled-> passed / failed / aborted / released
     * closing the parent's store                  -> close (release a permit whose outcome never came)
     * interceptBeforeAllMethod                    -> admitClassSetUp; its outcome around the invocation
     * interceptDynamicTest                        -> admit; its outcome around the invocation
     */

    static final Namespace NAMESPACE = Namespace.create(CircuitBreakerExtension.class);

    /** Created by JUnit (through {@code @ExtendWith} or auto-detection); it holds no state of its own. */
    public CircuitBreakerExtension() {
    }

    /** Asks the test's circuit for permission: disabled (reported as skipped) with the circuit's reason when refused. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return PermissionGate.evaluate(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        PermissionGate.failIfMisconfigured(context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        runBody(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        runBody(invocation, context);
    }

    /** {@code @InjectBrowserFailure}s are applied to the test's browser right before the body. */
    private static void runBody(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        try {
            if (InjectionStep.wanted(context.getRequiredTestMethod(), context.getRequiredTestClass())) {
                TestBrowser.inject(context, PermissionGate.admissionOrUnguarded(context));
            }
            invocation.proceed();
        } catch (Throwable thrown) {
            throw PermissionGate.asReported(context, thrown);
        }
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw PermissionGate.asReported(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw PermissionGate.asReported(context, throwable);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        PermissionGate.take(context).ifPresent(Admission::passed);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        PermissionGate.take(context).ifPresent(a -> a.failed(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        PermissionGate.take(context).ifPresent(Admission::aborted);
    }

    /** Disabled after permission was granted (by a condition evaluated after this one): give it back. */
    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        PermissionGate.take(context).ifPresent(Admission::released);
    }

    /** Each {@code @BeforeAll} of a class protected at class level is admitted like a test; refused, skipped. */
    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext context) throws Throwable {
        ClassSetUpGate.beforeAll(invocation, context);
    }

    /** The {@code @AfterAll} methods of a class whose set-up was refused do not run either. */
    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation,
                                        ReflectiveInvocationContext<Method> invocationContext,
                                        ExtensionContext context) throws Throwable {
        ClassSetUpGate.afterAll(invocation, context);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext context) throws Throwable {
        DynamicTests.intercept(invocation, context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return CircuitParameters.supports(parameterContext, extensionContext);
    }

    /** The test's circuit or its snapshot now, or the test's browser ({@link CircuitParameters}). */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return CircuitParameters.resolve(parameterContext, extensionContext);
    }
}
