package dev.tripswitch.testng;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.Protection;
import dev.tripswitch.TestFrameworks;
import dev.tripswitch.TestRun;
import dev.tripswitch.Tripswitch;
import dev.tripswitch.spi.TestScope;
import org.testng.IAlterSuiteListener;
import org.testng.IConfigurationListener;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestContext;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.xml.XmlSuite;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Runs TestNG tests marked {@link dev.tripswitch.CircuitProtected @CircuitProtected} under their circuit
 * breaker, shared JVM-wide with every other protected test, JUnit 5 ones included. What a protected test then
 * does (skipped with the circuit's reason while it refuses, what counts, {@code @BeforeClass}, left-out
 * configuration methods, the suite's summary, browsers) is documented on {@link dev.tripswitch.CircuitProtected}
 * and in this module's README.
 *
 * <p>Registration: none needed. TestNG loads this listener through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.testng.ITestNGListener}). Naming it as well in {@code @Listeners} or
 * {@code testng.xml} is harmless: all instances share one state and every test invocation is counted once.
 *
 * <p>Contract: each protected invocation asks its circuit before its first {@code @BeforeMethod} (or before the
 * test when it has none); refused, it is reported SKIP with a {@link org.testng.SkipException} carrying the
 * reason. Every decision (counting, the summary, what reporting integrations hear) is core's
 * {@link dev.tripswitch.TestRun}. A dry run ({@code testng.mode.dryrun=true}) touches no circuit. With the browser
 * module ({@code tripswitch-browser}), the running test's browser is {@code dev.tripswitch.browser.TestBrowser.current()}.
 *
 * <p>Replay ({@code whenOpen = REPLAY}): before a suite starts, each of its {@code <test>}s that holds protected
 * classes gets replay copies appended ({@code tripswitch.replay.rounds}, default 3, then one for the tests never run
 * again). A refused invocation is deferred: reported SKIP and marked retried, as TestNG reports its own retries, with
 * the methods that depend on it; once the suite's own {@code <test>}s are done, each copy waits (within
 * {@code tripswitch.replay.budget}) for the circuits of the deferred tests, then runs exactly the invocations they
 * let through, with their class set up again. What is never let through is reported skipped, with the final
 * reason, in the last copy. See the module's README for what reports show and the limits.
 *
 * <p>The callbacks work on state shared by every instance in the JVM (TestNG may make
 * several: service loader, {@code @Listeners}, {@code testng.xml}), so that each decision is made once per test
 * invocation; the decisions themselves are core's {@link TestRun}.
 *
 * <p>Basic approach: a protected invocation is a {@link ProtectedAttempt}, admitted at its first set-up method (or
 * at the test) and linked to it on its thread. A refused or misconfigured test's set-up and tear-down are left out
 * ({@link LeftOutConfigurations}); the test is marked SKIP with a {@link CircuitRefusedSkip} before its body. What
 * other modules keep for a test (its browser) is in a {@link TestScope} bound to the test's thread from its first
 * {@code @BeforeMethod} to its outcome. Class-level set-up: {@link ClassSetUps}. Replay ({@code whenOpen = REPLAY}):
 * a deferred test is marked SKIP and retried; the suite's replay copies ({@link ReplayTests}) run the rounds of its
 * {@link SuiteReplay}. A dry run ({@code testng.mode.dryrun=true}, the JUnit Platform's TestNG engine discovering
 * tests) runs nothing, so every event is ignored and no replay is planned.
 */
public class CircuitBreakerListener implements IAlterSuiteListener, ISuiteListener, IConfigurationListener,
        IInvokedMethodListener, ITestListener {

    /*
     * TestNG callback                          -> what happens (decisions are core's: TestRun / Admission / Replay)
     * alter (suites, before they start)        -> ReplayTests: the replay copies of the <test>s
     * onStart (suite)                          -> the suite's run: TestRun.startReplaying (SuiteReplay)
     * onStart (<test>)                         -> a replay copy: Replay.nextRound (or abandonDeferred), its interceptor
     * beforeConfiguration (in a replay copy)   -> leave out what is not to run there (SuiteReplay)
     * beforeConfiguration (@BeforeMethod)      -> admit the invocation (once), or leave the method out
     * beforeConfiguration (@BeforeClass)       -> admitClassSetUp, or leave it (and @AfterClass) out
     * onConfigurationSuccess/Failure/Skip      -> the set-up's outcome: passed / failed / aborted
     * beforeInvocation (@Before/AfterMethod)  -> the test's scope is bound to the thread
     * beforeInvocation (test)                  -> admit if not yet; refused: SKIP; deferred: SKIP + retried;
     *                                             then TestRun.beforeBody
     * afterInvocation (test)                   -> Admission.skipInside (a circuit refusal met inside: SKIP);
     *                                             skipped by TestNG for a deferred upstream: TestRun.deferAlong
     * onTestSuccess / Failure / Skipped        -> passed / failed / aborted (refused: nothing more); scope closed
     * onFinish (<test>)                        -> later replay rounds may start
     * onFinish (suite)                         -> the summary; scopes still open are closed
     */

    static final String ATTEMPT = "tripswitch.attempt"; // result attribute: the invocation's ProtectedAttempt
    static final String SUMMARY = "tripswitch.summary"; // suite attribute: the summary lines printed at its end
    static final String DRY_RUN = "testng.mode.dryrun"; // TestNG's RuntimeBehavior.TESTNG_MODE_DRYRUN
    static final String BEFORE_BODY = "tripswitch.beforeBody"; // result attribute: the before-body steps ran

    private static final ProtectionResolver PROTECTIONS = new ProtectionResolver();
    private static final ConcurrentMap<ISuite, SuiteReplay> RUNS = new ConcurrentHashMap<>(); // one per running suite
    private static final ClassSetUps CLASS_SET_UPS = new ClassSetUps(PROTECTIONS);

    /** The instance TestNG creates; every instance works on the same JVM-wide state. */
    public CircuitBreakerListener() {
    }

    static boolean isDryRun() { // nothing runs in a dry run, so nothing may be admitted or counted
        return Boolean.parseBoolean(System.getProperty(DRY_RUN));
    }

    /** Before any suite starts: the replay copies of their {@code <test>}s; bad replay settings are refused here. */
    @Override
    public void alter(List<XmlSuite> suites) {
        if (!isDryRun()) {
            for (XmlSuite suite : suites) {
                useParametersOf(suite); // its tripswitch.protect decides which <test>s may need replay copies
                ReplayTests.appendTo(suite);
            }
        }
    }

    /** The suite's {@code <parameter>}s are a source of every {@code tripswitch.*} key; then its run starts. */
    @Override
    public void onStart(ISuite suite) {
        useParametersOf(suite.getXmlSuite());
        replayOf(suite);
    }

    private static void useParametersOf(XmlSuite suite) {
        Tripswitch.useFrameworkConfiguration("TestNG suite parameter", suite::getParameter,
                () -> suite.getParameters().keySet());
    }

    @Override
    public void onStart(ITestContext context) {
        if (!isDryRun()) {
            replayOf(context.getSuite()).testStarts(context);
        }
    }

    @Override
    public void onFinish(ITestContext context) {
        Optional.ofNullable(RUNS.get(context.getSuite())).ifPresent(r -> r.testFinished(context));
    }

    /** The suite's summary, once (the listener may be registered more than once); then open scopes are closed. */
    @Override
    public void onFinish(ISuite suite) {
        try {
            List<String> lines = Optional.ofNullable(RUNS.remove(suite)).map(SuiteReplay::end).orElse(List.of());
            if (!lines.isEmpty()) {
                suite.setAttribute(SUMMARY, lines);
                lines.forEach(System.out::println);
            }
            TestFrameworks.warnAboutUnprotectedCodeOnce(System.err); // @CircuitProtected nothing intercepts
        } finally {
            TestScope.closeAllOnThreads();
        }
    }

    @Override
    public void beforeConfiguration(ITestResult config, ITestNGMethod testMethod) {
        if (config.getStatus() == ITestResult.SKIP || isDryRun()) {
            return; // TestNG leaves it out already (an earlier configuration failed), or runs nothing
        }
        ITestNGMethod method = config.getMethod();
        rejectAnnotatedConfiguration(method);
        if (ReplayTests.leaveOutInCopy(config)) {
            return;
        }
        if (testMethod != null && method.isBeforeMethodConfiguration()) {
            Object instance = config.getInstance();
            Method test = javaMethod(testMethod);
            Protection protection = PROTECTIONS.forTest(testClass(testMethod, instance), test);
            if (protection.isPresent() || run(config).watchesDependencies()) {
                int row = Invocations.rowBeforeSetUp(testMethod);
                leaveOutUnlessAdmitted(config, ProtectedAttempt.forSetUp(test, instance,
                        () -> start(protection, testMethod, instance, config.getTestContext(), row)));
            }
        } else if (testMethod != null && method.isAfterMethodConfiguration()) {
            // nothing was set up for a test that never ran
            Optional.ofNullable(ProtectedAttempt.latest(javaMethod(testMethod), config.getInstance()))
                    .ifPresent(attempt -> leaveOutUnlessAdmitted(config, attempt));
        } else if (method.isBeforeClassConfiguration()) {
            CLASS_SET_UPS.beforeSetUp(config, run(config));
        } else if (method.isAfterClassConfiguration()) {
            CLASS_SET_UPS.beforeTearDown(config);
        }
    }

    /**
     * A new invocation at data-provider row {@code row} ({@link Invocations#ALL_ROWS}: not known): refused along
     * with its class, or admitted by its circuit (as a test that cannot be deferred when it cannot be replayed
     * alone).
     */
    private ProtectedAttempt start(Protection protection, ITestNGMethod testMethod, Object instance,
                                   ITestContext context, int row) {
        Admission classRefusal = CLASS_SET_UPS.refusalOf(instance);
        Invocations.Key key = Invocations.keyOf(testMethod, instance, context, row);
        TestRun run = replayOf(context.getSuite()).run();
        String notDeferrable = Invocations.whyNotDeferrable(testMethod, row != Invocations.ALL_ROWS);
        Admission admission = classRefusal != null ? run.refuseAlong(key.identity(), classRefusal)
                : !protection.isPresent() ? run.admitByDependencies(key.identity(), notDeferrable) // what it calls
                : notDeferrable != null ? run.admitNotDeferrable(key.identity(), protection, notDeferrable)
                : run.admit(key.identity(), protection);
        return new ProtectedAttempt(javaMethod(testMethod), instance, key, admission);
    }

    private static void leaveOutUnlessAdmitted(ITestResult config, ProtectedAttempt attempt) {
        Admission admission = attempt.admission();
        switch (admission.verdict()) {
            case MISCONFIGURED -> LeftOutConfigurations.leaveOut(config,
                    "the test's @CircuitProtected is invalid: " + admission.error().getMessage());
            case REFUSED, DEFERRED -> LeftOutConfigurations.leaveOut(config,
                    "the circuit refused the test: " + admission.reason());
            default -> { } // granted or unguarded: it runs
        }
    }

    @Override
    public void onConfigurationSuccess(ITestResult config, ITestNGMethod testMethod) {
        CLASS_SET_UPS.ended(config);
    }

    /** Counts once; TestNG's skip of the test that follows counts nothing. */
    @Override
    public void onConfigurationFailure(ITestResult config, ITestNGMethod testMethod) {
        CLASS_SET_UPS.ended(config);
        settingUp(config, testMethod).ifPresent(a -> a.failed(config.getThrowable()));
    }

    /** The set-up skipped itself: the test will be skipped, nothing to record. */
    @Override
    public void onConfigurationSkip(ITestResult config, ITestNGMethod testMethod) {
        CLASS_SET_UPS.ended(config);
        settingUp(config, testMethod).ifPresent(ProtectedAttempt::aborted);
    }

    private Optional<ProtectedAttempt> settingUp(ITestResult config, ITestNGMethod testMethod) {
        return testMethod == null || !config.getMethod().isBeforeMethodConfiguration() ? Optional.empty()
                : settingUp(testMethod, config.getInstance());
    }

    private Optional<ProtectedAttempt> settingUp(ITestNGMethod testMethod, Object instance) {
        return Optional.ofNullable(ProtectedAttempt.latest(javaMethod(testMethod), instance))
                .filter(attempt -> attempt.phase() == ProtectedAttempt.Phase.SET_UP);
    }

    private void rejectAnnotatedConfiguration(ITestNGMethod method) {
        Method m = javaMethod(method);
        if (m != null && PROTECTIONS.isAnnotated(m)) {
            throw new CircuitConfigurationException("@CircuitProtected on configuration method "
                    + m.getDeclaringClass().getName() + "#" + m.getName() + " has no effect: put it on the test"
                    + " methods or on the test class (their set-up methods are then protected with them)");
        }
    }

    /**
     * Before a per-test set-up or tear-down method: the test's scope is bound to the thread. Right before a test body
     * (its set-up methods have run or been left out): admission, then the before-body steps, whose report entries
     * go into test attributes.
     */
    @Override
    public void beforeInvocation(IInvokedMethod method, ITestResult result) {
        if (isDryRun()) {
            return;
        }
        ITestNGMethod invoked = method.getTestMethod();
        if (method.isTestMethod() || invoked.isBeforeMethodConfiguration() || invoked.isAfterMethodConfiguration()) {
            TestScope.openOnThisThread();
        }
        if (method.isTestMethod()) {
            ProtectedAttempt attempt = beforeTest(result);
            if (attempt != null && attempt.admission().isGranted()) { // a replay, a wait: noted like a rerun
                attempt.admission().notes().forEach(note -> Reporter.log("Tripswitch: " + note, true));
            }
            if (result.getStatus() != ITestResult.SKIP && result.getAttribute(BEFORE_BODY) == null) {
                Method test = javaMethod(result.getMethod());
                Class<?> testClass = testClass(result.getMethod(), result.getInstance());
                TestRun run = run(result);
                if (run.hasBeforeBody(test, testClass)) {
                    result.setAttribute(BEFORE_BODY, true); // not again for another instance of the listener
                    run.beforeBody(admissionOf(result, attempt), test, testClass, TestScope.openOnThisThread())
                            .forEach((key, entries) -> result.setAttribute(key, entries));
                }
            }
        }
    }

    /**
     * The test's attempt if protected: the one its set-up started, or admitted now; refused, marked SKIP; deferred,
     * marked SKIP and retried. In a final replay copy, no attempt: the test is skipped with its final reason.
     */
    private ProtectedAttempt beforeTest(ITestResult result) {
        if (result.getStatus() == ITestResult.SKIP || isDryRun()) {
            return null; // already skipped by TestNG (or by another instance of the listener), or nothing runs
        }
        if (result.getAttribute(ATTEMPT) instanceof ProtectedAttempt attempt) {
            return attempt; // handled by another instance of the listener
        }
        ITestNGMethod testMethod = result.getMethod();
        Object instance = result.getInstance();
        ITestContext context = result.getTestContext();
        if (ReplayTests.isFinalCopy(context)) {
            replayOf(context.getSuite()).reportAbandoned(result);
            return null;
        }
        Method test = javaMethod(testMethod);
        Protection protection = PROTECTIONS.forTest(testClass(testMethod, instance), test);
        if (!protection.isPresent() && !run(result).watchesDependencies()) {
            return null;
        }
        ProtectedAttempt attempt = ProtectedAttempt.forTest(test, instance,
                () -> start(protection, testMethod, instance, context, result.getParameterIndex()));
        result.setAttribute(ATTEMPT, attempt);
        Admission admission = attempt.admission();
        if (admission.verdict() == Admission.Verdict.MISCONFIGURED) {
            throw admission.error(); // TestNG reports the test as failed with this message
        }
        if (admission.isDeferred()) {
            replayOf(context.getSuite()).deferred(result, admission, attempt.key());
        } else if (admission.isRefused()) {
            CircuitRefusedSkip.skip(result, admission.reason());
        }
        return attempt;
    }

    /** The admission of the test in {@code result} for its injection step; an unguarded one if unprotected. */
    private Admission admissionOf(ITestResult result, ProtectedAttempt attempt) {
        return attempt != null ? attempt.admission() : run(result).admit(Invocations.keyOf(result.getMethod(),
                result.getInstance(), result.getTestContext(), result.getParameterIndex()).identity(), Protection.NONE);
    }

    /**
     * After a configuration method: passed if left out. After a test body: a refusal met inside makes it SKIP.
     * After a test TestNG skipped without running it: deferred along when a test it depends on was deferred.
     */
    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result) {
        if (method.isConfigurationMethod()) {
            LeftOutConfigurations.reportAsPassed(result);
        }
        if (method.isTestMethod() && result.getStatus() == ITestResult.SKIP) {
            skippedByTestNG(result);
        }
        if (!method.isTestMethod() || result.getStatus() != ITestResult.FAILURE || result.getThrowable() == null
                || isDryRun()) {
            return;
        }
        ProtectedAttempt attempt = attemptOf(result);
        Admission admission = admissionOf(result, attempt);
        String skip = admission.skipInside(result.getThrowable());
        if (skip != null && attempt != null && admission.isDeferredInside()) { // refused at a call, to be replayed
            replayOf(result.getTestContext().getSuite()).deferred(result, admission, attempt.key());
        } else if (skip != null) {
            CircuitRefusedSkip.skip(result, skip);
        }
    }

    @Override
    public void onTestSuccess(ITestResult result) {
        thenCloseScope(result, r -> Optional.ofNullable(attemptOf(r)).ifPresent(ProtectedAttempt::passed));
    }

    @Override
    public void onTestFailure(ITestResult result) {
        thenCloseScope(result, r -> Optional.ofNullable(attemptOf(r)).ifPresent(a -> a.failed(r.getThrowable())));
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        onTestFailure(result);
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        thenCloseScope(result, this::testSkipped);
    }

    /** The outcome, then the test's scope (its browser, if any) is closed, whatever happened. */
    private static void thenCloseScope(ITestResult result, Consumer<ITestResult> outcome) {
        try {
            outcome.accept(result);
        } finally {
            TestScope.closeOnThisThread();
        }
    }

    /** A test TestNG skipped before this listener saw it (see {@link SuiteReplay#skippedByTestNG}). */
    private static void skippedByTestNG(ITestResult result) {
        if (!isDryRun() && result.getAttribute(ATTEMPT) == null) {
            Optional.ofNullable(RUNS.get(result.getTestContext().getSuite())).ifPresent(r -> r.skippedByTestNG(result));
        }
    }

    private void testSkipped(ITestResult result) {
        skippedByTestNG(result);
        ProtectedAttempt attempt = attemptOf(result);
        if (attempt == null) {
            // Skipped by TestNG before it got to the test: a set-up method failed or skipped itself; aborting is
            // a no-op when its set-up failure was recorded already.
            if (!isDryRun()) {
                settingUp(result.getMethod(), result.getInstance()).ifPresent(ProtectedAttempt::aborted);
            }
        } else if (attempt.admission().isRefused()) {
            attempt.refusalReported();
        } else if (result.wasRetried()) {
            attempt.failed(result.getThrowable()); // a failed attempt that will be retried: one failure
        } else {
            attempt.aborted();
        }
    }

    private static ProtectedAttempt attemptOf(ITestResult result) {
        return result.getAttribute(ATTEMPT) instanceof ProtectedAttempt attempt ? attempt : null;
    }

    private TestRun run(ITestResult result) {
        return replayOf(result.getTestContext().getSuite()).run();
    }

    /** The suite's run, started when it starts (or at its first event, if the listener came in late). */
    private static SuiteReplay replayOf(ISuite suite) {
        return RUNS.computeIfAbsent(suite, s -> SuiteReplay.start(s, isDryRun()));
    }

    private static Method javaMethod(ITestNGMethod method) {
        return method.getConstructorOrMethod().getMethod();
    }

    private static Class<?> testClass(ITestNGMethod method, Object instance) {
        return instance != null ? instance.getClass() : method.getRealClass();
    }
}
