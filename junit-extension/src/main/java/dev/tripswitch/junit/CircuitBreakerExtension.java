package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.internal.CallCountedFailures;
import dev.tripswitch.internal.OptionalDependencies;
import dev.tripswitch.internal.RunLedger;
import dev.tripswitch.internal.Switches;
import dev.tripswitch.internal.RunLedger.Outcome;
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
import org.opentest4j.TestAbortedException;

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
 * <p>Thread-safe: works under Jupiter's parallel execution. State lives in the {@link ExtensionContext.Store}
 * under {@link #NAMESPACE}: each test's permit in its parent's store until the test's outcome is known, the
 * run's ledger in the root store; the circuits themselves are JVM-wide (shared with TestNG) in
 * {@code CircuitBreakerRegistry.global()}.
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

    static final Namespace NAMESPACE = Namespace.create(CircuitBreakerExtension.class);

    private static final ConditionEvaluationResult NOT_PROTECTED =
            ConditionEvaluationResult.enabled("not under @CircuitProtected");
    private static final ConditionEvaluationResult SWITCHED_OFF =
            ConditionEvaluationResult.enabled("Tripswitch is switched off (tripswitch.enabled=false)");

    /** Created by JUnit (through {@code @ExtendWith} or auto-detection); it holds no state of its own. */
    public CircuitBreakerExtension() {
    }

    // ------------------------------------------------------------------ before a test

    /**
     * Asks the test's circuit for permission: disabled (reported as skipped) with the circuit's description
     * when refused. Class contexts and test template containers are always enabled (their tests are asked one
     * by one); a {@code @TestFactory} is asked and, if admitted, gives its permit back at once.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<TestProtection.Kind> kind = TestProtection.kindOf(context);
        if (kind.isEmpty() || kind.get() == TestProtection.Kind.TEMPLATE
                || kind.get() == TestProtection.Kind.DYNAMIC_TEST) {
            return NOT_PROTECTED;
        }
        CircuitBreaker circuit;
        try {
            Optional<CircuitDefinition> definition = TestProtection.definitionFor(context);
            if (definition.isEmpty()) {
                return NOT_PROTECTED;
            }
            HandledTests.handled(context.getUniqueId());
            if (!Switches.enabled()) {
                return SWITCHED_OFF;
            }
            circuit = TestProtection.circuitFor(definition.get());
        } catch (CircuitConfigurationException e) {
            HandledTests.handled(context.getUniqueId());
            // reported by beforeEach as the test's own failure rather than as a failed condition
            store(context).put(configErrorKey(context), e);
            return ConditionEvaluationResult.enabled("circuit configuration error: " + e.getMessage());
        }
        RunLedger ledger = RunSummary.ledgerOf(context);
        ledger.use(circuit);
        Optional<String> classRefusal = ClassSetUpGate.refusalFor(context);
        if (classRefusal.isPresent()) {
            ledger.record(circuit, Outcome.SKIPPED_BY_CIRCUIT);
            TestEvents.refused(context, circuit.snapshot(), classRefusal.get());
            return ConditionEvaluationResult.disabled(classRefusal.get());
        }
        CircuitPermit permit;
        try {
            permit = circuit.acquirePermission();
        } catch (CircuitOpenException refused) {
            ledger.record(circuit, Outcome.SKIPPED_BY_CIRCUIT);
            TestEvents.refused(context, refused.snapshot(), refused.getMessage());
            return ConditionEvaluationResult.disabled(refused.getMessage());
        }
        if (kind.get() == TestProtection.Kind.FACTORY) {
            permit.release(); // the dynamic tests ask for their own permits
            return ConditionEvaluationResult.enabled("circuit '" + circuit.name() + "' admits the test factory");
        }
        permitStore(context).put(permitKey(context),
                new HeldPermit(circuit, permit, ledger, TestEvents.identity(context)));
        TestEvents.admitted(context, circuit.snapshot(), permit.isProbe());
        return ConditionEvaluationResult.enabled("circuit '" + circuit.name() + "' granted permission ("
                + (permit.isProbe() ? "probe" : permit.grantedIn().toString()) + ")");
    }

    /** Fails the test with the configuration error found while asking permission, before its set-up runs. */
    @Override
    public void beforeEach(ExtensionContext context) {
        CircuitConfigurationException error =
                store(context).remove(configErrorKey(context), CircuitConfigurationException.class);
        if (error != null) {
            throw error;
        }
    }

    // ------------------------------------------------------------------ after a test

    @Override
    public void testSuccessful(ExtensionContext context) {
        heldPermit(context).ifPresent(HeldPermit::passed);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        heldPermit(context).ifPresent(p -> p.failed(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        heldPermit(context).ifPresent(HeldPermit::aborted);
    }

    /** Disabled after permission was granted (by a condition evaluated after this one): give it back. */
    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        heldPermit(context).ifPresent(HeldPermit::close);
    }

    // ------------------------------------------------------------------ class set-up

    /** Asks the class's circuit once before the first {@code @BeforeAll} method; skips it when refused. */
    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext context) throws Throwable {
        Optional<CircuitBreaker> classCircuit = classCircuitOrNone(context);
        if (classCircuit.isPresent()) {
            CircuitBreaker circuit = classCircuit.get();
            RunSummary.ledgerOf(context).use(circuit);
            if (!ClassSetUpGate.admits(context, circuit)) {
                invocation.skip();
                return;
            }
        }
        invocation.proceed();
    }

    /** The {@code @AfterAll} methods of a class whose set-up was refused do not run either. */
    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation,
                                        ReflectiveInvocationContext<Method> invocationContext,
                                        ExtensionContext context) throws Throwable {
        if (ClassSetUpGate.refused(context)) {
            invocation.skip();
            return;
        }
        invocation.proceed();
    }

    /** A failing {@code @BeforeAll} method of a protected class records one failure; the error is rethrown. */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        Optional<CircuitBreaker> classCircuit = classCircuitOrNone(context);
        if (classCircuit.isPresent() && !CallCountedFailures.countedByACall(throwable)) { // counts once
            CircuitBreaker circuit = classCircuit.get();
            boolean counts = circuit.config().counts(throwable);
            circuit.recordFailure(throwable);
            RunSummary.ledgerOf(context).record(circuit, counts ? Outcome.FAILED_COUNTED : Outcome.FAILED_NOT_COUNTED);
        }
        throw throwable;
    }

    // ------------------------------------------------------------------ failure injection

    /** Applies the test's {@code @InjectBrowserFailure}s to its browser right before the body. */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        injectAnnotatedFailures(context);
        invocation.proceed();
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        injectAnnotatedFailures(context);
        invocation.proceed();
    }

    private static void injectAnnotatedFailures(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        if (!method.isAnnotationPresent(dev.tripswitch.browser.InjectBrowserFailure.class)
                && !method.isAnnotationPresent(dev.tripswitch.browser.InjectBrowserFailures.class)
                && !testClass.isAnnotationPresent(dev.tripswitch.browser.InjectBrowserFailure.class)
                && !testClass.isAnnotationPresent(dev.tripswitch.browser.InjectBrowserFailures.class)) {
            return;
        }
        if (!OptionalDependencies.seleniumPresent()) {
            throw new IllegalStateException("@InjectBrowserFailure on " + testClass.getName() + "#" + method.getName()
                    + " needs Selenium (org.seleniumhq.selenium:selenium-java) on the test class path");
        }
        CircuitBreaker circuit = null;
        if (Switches.enabled()) {
            Optional<CircuitDefinition> definition = TestProtection.definitionFor(context);
            if (definition.isPresent()) {
                circuit = TestProtection.circuitFor(definition.get());
            }
        }
        TestBrowser.inject(context, method, testClass, circuit);
    }

    // ------------------------------------------------------------------ dynamic tests

    /**
     * Each dynamic test of a protected {@code @TestFactory} asks for its own permit; a refused one is aborted
     * with the circuit's description, the outcome of an admitted one is recorded like a test's.
     */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext context) throws Throwable {
        Optional<CircuitDefinition> definition = TestProtection.definitionFor(context);
        if (definition.isEmpty()) {
            invocation.proceed();
            return;
        }
        HandledTests.handled(context.getUniqueId());
        if (!Switches.enabled()) {
            invocation.proceed();
            return;
        }
        CircuitBreaker circuit = TestProtection.circuitFor(definition.get());
        RunLedger ledger = RunSummary.ledgerOf(context);
        ledger.use(circuit);
        CircuitPermit permit;
        try {
            permit = circuit.acquirePermission();
        } catch (CircuitOpenException refused) {
            ledger.record(circuit, Outcome.SKIPPED_BY_CIRCUIT);
            TestEvents.refused(context, refused.snapshot(), refused.getMessage());
            invocation.skip();
            throw new TestAbortedException(refused.getMessage());
        }
        HeldPermit held = new HeldPermit(circuit, permit, ledger, TestEvents.identity(context));
        TestEvents.admitted(context, circuit.snapshot(), permit.isProbe());
        try {
            invocation.proceed();
        } catch (TestAbortedException aborted) {
            held.aborted();
            throw aborted;
        } catch (Throwable failure) {
            held.failed(failure);
            throw failure;
        }
        held.passed();
    }

    // ------------------------------------------------------------------ parameters

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == CircuitBreaker.class || type == CircuitSnapshot.class
                || (TestBrowser.supports(type) && extensionContext.getTestMethod().isPresent());
    }

    /**
     * The test's circuit, or its snapshot now (a test without {@code @CircuitProtected} is refused clearly); or
     * the test's {@code BrowserSession} / {@code WebDriver}: one browser per test, started on first use with the
     * settings of the {@code tripswitch.browser*} system properties, quit after the test.
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (TestBrowser.supports(parameterContext.getParameter().getType())) {
            return TestBrowser.resolve(parameterContext, extensionContext);
        }
        Optional<CircuitDefinition> definition;
        try {
            definition = TestProtection.definitionFor(extensionContext);
        } catch (CircuitConfigurationException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        if (definition.isEmpty()) {
            throw new ParameterResolutionException("Tripswitch: cannot resolve parameter ["
                    + parameterContext.getParameter() + "] in " + parameterContext.getDeclaringExecutable()
                    + ": only tests under @CircuitProtected get a "
                    + parameterContext.getParameter().getType().getSimpleName()
                    + "; annotate the test method or its class with @CircuitProtected(\"<circuit name>\")");
        }
        CircuitBreaker circuit = TestProtection.circuitFor(definition.get());
        return parameterContext.getParameter().getType() == CircuitSnapshot.class ? circuit.snapshot() : circuit;
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<CircuitBreaker> classCircuitOrNone(ExtensionContext context) {
        try {
            if (!Switches.enabled()) {
                return Optional.empty();
            }
            return TestProtection.classDefinitionFor(context).map(TestProtection::circuitFor);
        } catch (CircuitConfigurationException e) {
            return Optional.empty(); // reported on every test of the class instead
        }
    }

    private static Optional<HeldPermit> heldPermit(ExtensionContext context) {
        return Optional.ofNullable(permitStore(context).remove(permitKey(context), HeldPermit.class));
    }

    /**
     * Where a test's permit waits for its outcome: the store of the test's parent (its class, or its template),
     * because JUnit closes the test's own store before it calls the test watchers. Should a watcher never be
     * called, closing the parent's store releases the permit.
     */
    private static ExtensionContext.Store permitStore(ExtensionContext testContext) {
        return store(testContext.getParent().orElse(testContext));
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    // keys carry the unique id so that a lookup never finds an ancestor's entry through the store hierarchy
    private static String permitKey(ExtensionContext context) {
        return "permit:" + context.getUniqueId();
    }

    private static String configErrorKey(ExtensionContext context) {
        return "configuration-error:" + context.getUniqueId();
    }
}
