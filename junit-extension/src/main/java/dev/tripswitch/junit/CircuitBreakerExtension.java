package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.InjectionStep;
import dev.tripswitch.Protection;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Puts JUnit Jupiter tests annotated with {@link CircuitProtected} under their circuit breaker.
 *
 * <p>Register it with {@code @ExtendWith(CircuitBreakerExtension.class)} on a test class (or on an annotation
 * of your own), or for every test by extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}; this jar lists the extension in
 * {@code META-INF/services}). Tests without {@code @CircuitProtected} are left alone. If the jar is on the test
 * class path but the extension is not active, the launcher prints a warning naming each protected class.
 *
 * <p>What it does, per test:
 * <ul>
 *   <li><b>Before the test</b> — as an {@link ExecutionCondition}, so before any {@code @BeforeEach} method and
 *       other extensions' before-each callbacks — the circuit is asked for permission. Refused: the test is
 *       <i>skipped</i> with {@link CircuitSnapshot#describe()} as the reason (circuit, state, since when, last
 *       failure, next probe). In HALF_OPEN only {@code permittedProbes} tests at a time get through.</li>
 *   <li><b>After the test</b>: a pass records a success; a failure (of the test, a {@code @BeforeEach} or
 *       {@code @AfterEach} method) records a failure if the circuit counts it (by default everything but
 *       {@link AssertionError}); an aborted test records nothing. A permit whose outcome never comes (a test
 *       disabled by a later condition) is given back, at the latest when the enclosing class finishes.</li>
 *   <li><b>Inside the test</b>: a {@link dev.tripswitch.CircuitOpenException} (protected code such as a page
 *       object was refused, or any {@code circuit.execute}) aborts the test with that circuit's reason — shown as
 *       skipped — and counts nothing on the test's own circuit.</li>
 *   <li><b>{@code @BeforeAll}</b> of a class protected at class level: each method is admitted like a test.
 *       Refused: the class's {@code @BeforeAll}/{@code @AfterAll} methods do not run and all its tests (nested
 *       ones too) are skipped with the reason. A failing one counts once; one that works only gives its permit
 *       back — as TestNG's {@code @BeforeClass}.</li>
 *   <li><b>Parameterized, repeated and template tests</b>: each invocation is a test. <b>{@code @TestFactory}</b>:
 *       skipped while the circuit refuses; once it runs, each dynamic test asks for its own permit, and one
 *       refused mid-way is <i>aborted</i> (JUnit cannot skip a dynamic test; Surefire and most IDEs show it as
 *       skipped).</li>
 *   <li><b>Parameters</b>: a {@link CircuitBreaker} or {@link CircuitSnapshot} (taken when resolved) of the
 *       test's circuit; a {@code BrowserSession} or {@code WebDriver}: one browser per test, started on first use
 *       with the {@code tripswitch.browser*} system properties and quit after the test, even when it fails.
 *       {@code @InjectBrowserFailure} injects into it right before the body, following the circuit; each result
 *       is a report entry ({@code tripswitch.injection}). Selenium is needed only for these.</li>
 *   <li><b>End of run</b>: one line per circuit the run used — times opened, tests skipped, tests let through,
 *       final state — printed to standard output.</li>
 * </ul>
 *
 * <p>Misuse: a bad attribute value or two conflicting definitions of one circuit fail each affected test with a
 * {@link CircuitConfigurationException} naming the attribute, the value and the place(s); a circuit parameter
 * in a test that is not protected fails with a {@link ParameterResolutionException}. Switched off for a run by
 * {@code tripswitch.enabled=false}: protected tests then run without asking any circuit.
 *
 * <p>Every decision — counting, the summary, what reporting integrations such as the Allure adapter hear — is
 * core's {@link dev.tripswitch.TestRun}; this class maps JUnit's callbacks onto it. Thread-safe under parallel
 * execution: each test's admission waits in its parent's {@link ExtensionContext.Store} under {@link #NAMESPACE},
 * the run in the root store; the circuits are JVM-wide (shared with TestNG). Needs JUnit Jupiter 5.8 or later
 * (checked with 5.14 and 6.1).
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

    /**
     * Asks the test's circuit for permission: disabled (reported as skipped) with the circuit's description when
     * refused. Class contexts and test template containers are always enabled (their tests are asked one by one);
     * a {@code @TestFactory} is asked and, if admitted, gives its permit back at once.
     */
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
                TestBrowser.inject(context, PermissionGate.admission(context).orElseGet(() ->
                        RunSummary.runOf(context).admit(TestProtection.identity(context), Protection.NONE)));
            }
            invocation.proceed();
        } catch (Throwable thrown) {
            throw PermissionGate.asReported(context, thrown);
        }
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw PermissionGate.asReported(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
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

    /**
     * The test's circuit, or its snapshot now (a test without {@code @CircuitProtected} is refused clearly); or
     * the test's {@code BrowserSession} / {@code WebDriver}: one browser per test, started on first use with the
     * settings of the {@code tripswitch.browser*} system properties, quit after the test.
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return CircuitParameters.resolve(parameterContext, extensionContext);
    }
}
