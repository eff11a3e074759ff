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
 *       before other extensions' before-each callbacks — the circuit is asked for permission. Refused: the test
 *       is reported as <i>skipped</i>; the reason is {@link CircuitSnapshot#describe()}: the circuit, its
 *       state, since when, the last failure and when the next probe is due. In HALF_OPEN only
 *       {@code permittedProbes} tests at a time get through.</li>
 *   <li><b>After the test</b> — as a {@link TestWatcher}: a pass records a success; a failure (of the test, a
 *       {@code @BeforeEach} or {@code @AfterEach} method) records a failure if the circuit counts it (by
 *       default everything but {@link AssertionError}); an aborted test records nothing; a test disabled by
 *       a condition evaluated after this one gives its permit back. A permit whose outcome JUnit never reports
 *       is given back when the enclosing class finishes, so no probe slot is lost for good.</li>
 *   <li><b>{@code @BeforeAll}</b> of a class protected at class level: asked once before the first
 *       {@code @BeforeAll} method. Refused: the class's {@code @BeforeAll}/{@code @AfterAll} methods do not
 *       run and all its tests are skipped with the reason. A {@code @BeforeAll} method that fails records one
 *       failure (if it counts).</li>
 *   <li><b>Parameterized, repeated and template tests</b>: each invocation is a test. <b>{@code @TestFactory}</b>:
 *       the factory is skipped while the circuit refuses; once it runs, each dynamic test asks for its own
 *       permit, and one refused mid-way is reported as <i>aborted</i> (JUnit cannot skip a dynamic test),
 *       which Surefire and most IDEs show as skipped.</li>
 *   <li><b>Parameters</b>: a {@link CircuitBreaker} or {@link CircuitSnapshot} parameter of a test, lifecycle
 *       method or constructor of a protected test is resolved with the test's circuit (the snapshot is taken
 *       when the parameter is resolved).</li>
 *   <li><b>End of run</b>: one line per circuit the run used — times opened, tests skipped, tests let
 *       through, final state — printed to standard output when JUnit closes the run.</li>
 * </ul>
 *
 * <p>Misuse: a bad attribute value or two conflicting definitions of one circuit make each affected test fail
 * with a {@link CircuitConfigurationException} naming the attribute, the value and the place(s); a circuit
 * parameter in a test that is not protected fails that test with a {@link ParameterResolutionException}.
 *
 * <p>A circuit refusal met inside a granted test — a {@link dev.tripswitch.CircuitOpenException} thrown by
 * protected code such as a page object, or by any {@code circuit.execute} — aborts the test with that circuit's
 * reason (shown as skipped) and counts nothing on the test's own circuit.
 *
 * <p>Thread-safe: works under Jupiter's parallel execution. State lives in the {@link ExtensionContext.Store}
 * under {@link #NAMESPACE}: each test's admission in its parent's store until the test's outcome is known, the
 * run in the root store; the circuits themselves are JVM-wide (shared with TestNG) in
 * {@code CircuitBreakerRegistry.global()}. What is decided — counting, the run's summary, what reporting
 * integrations hear — is decided by core's {@link dev.tripswitch.TestRun}; this class only maps JUnit's
 * callbacks onto it (see the table in the source).
 *
 * <p>Browsers: a {@code dev.tripswitch.browser.BrowserSession} or {@code org.openqa.selenium.WebDriver}
 * parameter of a test (or of its {@code @BeforeEach}/{@code @AfterEach} methods) is one browser per test, started
 * on first use with the settings of the {@code tripswitch.browser*} system properties and quit after the test,
 * even when it fails. {@code @InjectBrowserFailure} on the test (or its class) injects into that browser right
 * before the body, following the test's circuit; each result is published as a report entry
 * ({@code tripswitch.injection}) and to the reporting integrations. Selenium is needed only for this.
 *
 * <p>Switched off for a whole run by the system property {@code tripswitch.enabled=false}: protected tests
 * then run without asking any circuit (for comparing a suite with and without the circuit breaker).
 *
 * <p>Reporting: what happens to each protected test is also told to core's
 * {@link dev.tripswitch.event.ProtectedTestListener}s (the Allure adapter is one).
 *
 * <p>Needs JUnit Jupiter 5.8 or later (checked with 5.14 and 6.1).
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
