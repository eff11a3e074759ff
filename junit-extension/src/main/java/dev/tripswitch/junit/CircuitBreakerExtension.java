package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitProtected;
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
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Puts JUnit Jupiter tests annotated with {@link CircuitProtected} under their circuit breaker (others are left
 * alone); what a protected test then does is documented on {@link CircuitProtected} and in the module's README.
 * Register it with {@code @ExtendWith(CircuitBreakerExtension.class)} on a test class (or an annotation of your
 * own), or for every test by auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true}; the jar
 * lists it in {@code META-INF/services}); protected tests that ran without it get a warning.
 *
 * <p>Contract: the circuit is asked as an {@link ExecutionCondition}, before any {@code @BeforeEach} method and
 * other extensions' before-each callbacks; every decision (counting, the summary, what reporting integrations
 * hear) is core's {@link dev.tripswitch.TestRun}. Thread-safe under parallel execution (state in stores under
 * {@link #NAMESPACE}; circuits are JVM-wide, shared with TestNG). Needs JUnit Jupiter 5.8 or later.
 */
public final class CircuitBreakerExtension implements ExecutionCondition, BeforeEachCallback, TestWatcher,
        InvocationInterceptor, LifecycleMethodExecutionExceptionHandler, ParameterResolver, TestExecutionExceptionHandler {

    /* JUnit callback                                  -> protocol call (core's TestRun / Admission)
     * evaluateExecutionCondition / beforeEach         -> admit (or refuse along a refused class set-up) / its error
     * interceptTestMethod / TestTemplateMethod        -> beforeBody (other modules' steps), then the body
     * body, parameter, @BeforeEach, @AfterEach throw  -> Admission.skipInside (a circuit refusal met inside)
     * testSuccessful / Failed / Aborted / Disabled    -> passed / failed / aborted / released
     * closing the parent's store                      -> close (release a permit whose outcome never came)
     * interceptBeforeAllMethod / interceptDynamicTest -> admitClassSetUp / admit; outcome around the invocation
     */

    static final Namespace NAMESPACE = Namespace.create(CircuitBreakerExtension.class);

    /** Created by JUnit (through {@code @ExtendWith} or auto-detection); it holds no state of its own. */
    public CircuitBreakerExtension() {
    }

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
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runBody(invocation, context);
    }

    /** Other modules' before-body steps (such as {@code @InjectBrowserFailure}) run right before the body. */
    private static void runBody(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        ScopeOfTest.beforeBody(context);
        invocation.proceed();
    }

    @Override // the body, a before-body step or a parameter (a browser on a Grid whose nodes are all open) threw
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw PermissionGate.asReported(context, thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw PermissionGate.asReported(context, thrown);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw PermissionGate.asReported(context, thrown);
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

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        ClassSetUpGate.beforeAll(invocation, context);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        ClassSetUpGate.unlessRefused(invocation, context);
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

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return CircuitParameters.resolve(parameterContext, extensionContext);
    }
}
