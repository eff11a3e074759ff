package dev.tripswitch;

import dev.tripswitch.Admission.Kind;
import dev.tripswitch.Admission.Verdict;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.CircuitOnThread;
import dev.tripswitch.internal.Durations;
import dev.tripswitch.internal.Json;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.RunLedger;
import dev.tripswitch.internal.Switches;
import dev.tripswitch.internal.TestPlugins;
import dev.tripswitch.spi.BeforeBodyStep;
import dev.tripswitch.spi.RunSummaryContributor;
import dev.tripswitch.spi.TestParameterSource;
import dev.tripswitch.spi.TestScope;
import dev.tripswitch.store.UnsharedCircuits;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of tests under circuits — a JUnit launcher run, a TestNG suite — whichever framework runs them. The
 * framework adapters map their callbacks onto it and decide nothing themselves:
 * <ol>
 *   <li>{@link #admit} a test, given its identity (made once per test and carried along) and its
 *       {@link Protection}: {@linkplain Verdict#GRANTED granted}, {@linkplain Verdict#REFUSED refused} (skip it
 *       with the reason), {@linkplain Verdict#MISCONFIGURED misconfigured} (fail it with the error) or
 *       {@linkplain Verdict#UNGUARDED unguarded} (not protected, or switched off with
 *       {@code tripswitch.enabled=false});</li>
 *   <li>run the other modules' {@link #beforeBody before-body steps} right before the body (granted and
 *       unguarded tests; e.g. the browser module's {@code @InjectBrowserFailure});</li>
 *   <li>give the {@link Admission} its one outcome.</li>
 * </ol>
 * Class-level set-up ({@code @BeforeAll}, {@code @BeforeClass}) goes the same way through
 * {@link #admitClassSetUp}: refused, the class's set-up and tear-down do not run and each of its tests is
 * {@linkplain #refuseAlong refused along}; failed, it counts once; passed, its permit is only released.
 *
 * <p>The run's ledger hears the same events as the reporting listeners (class-level set-ups only go to the
 * ledger: they are no test of their own) and gives the end-of-run {@link #summaryLines()}. Other modules plug in
 * through the interfaces of {@code dev.tripswitch.spi}, found with {@link java.util.ServiceLoader} when the run
 * starts.
 *
 * <p>Thread-safe.
 */
public final class TestRun {

    private static final String NOT_PROTECTED = "not under @CircuitProtected";
    private static final String SWITCHED_OFF = "Tripswitch is switched off (" + Switches.ENABLED + "=false)";

    private final Supplier<CircuitBreakerRegistry> registry;
    private final ProtectedTestEvents events;
    private final TestPlugins plugins;
    private final RunLedger ledger = new RunLedger();

    TestRun(Supplier<CircuitBreakerRegistry> registry, ProtectedTestEvents events, TestPlugins plugins) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.events = Objects.requireNonNull(events, "events");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    /**
     * A run whose circuits come from {@link CircuitBreakerRegistry#global()} (asked at each admission, so a
     * replaced global registry is honoured) and whose events go to the listeners {@link java.util.ServiceLoader}
     * finds; with the plug-ins {@link java.util.ServiceLoader} finds now.
     */
    public static TestRun start() {
        return new TestRun(CircuitBreakerRegistry::global, ProtectedTestEvents.global(), TestPlugins.load());
    }

    /**
     * The circuit that admitted the protected test (or class-level set-up) running on this thread, from its
     * admission until its outcome; empty elsewhere. For code a test calls that acts under the test's circuit
     * (the browser module's Grid node circuits take their settings from it).
     */
    public static Optional<CircuitBreaker> currentCircuit() {
        return CircuitOnThread.current();
    }

    /** Admits one test: asks its circuit for permission and tells the listeners what it said. */
    public Admission admit(TestIdentity test, Protection protection) {
        return admit(test, protection, Kind.TEST, null);
    }

    /**
     * Admits a class-level set-up method. Refused, {@link Admission#reason()} ends with
     * "; {@code whatIsLeftOut} was not run" when {@code whatIsLeftOut} is given (e.g. "@BeforeAll of Checkout").
     * Its outcome counts like a test's, but only the ledger hears of it.
     */
    public Admission admitClassSetUp(TestIdentity testClass, Protection protection, String whatIsLeftOut) {
        return admit(testClass, protection, Kind.CLASS_SET_UP, whatIsLeftOut);
    }

    /**
     * A test of a class whose set-up was refused: refused with the class's reason, whatever its circuit says now
     * (the class was never set up), without asking the circuit again.
     */
    public Admission refuseAlong(TestIdentity test, Admission refusedClassSetUp) {
        if (!refusedClassSetUp.isRefused()) {
            throw new IllegalArgumentException("not a refused class set-up: " + refusedClassSetUp);
        }
        return refused(test, Kind.TEST, refusedClassSetUp.circuit(), refusedClassSetUp.refusedAs(),
                refusedClassSetUp.reason());
    }

    private Admission admit(TestIdentity test, Protection protection, Kind kind, String whatIsLeftOut) {
        Objects.requireNonNull(test, "test");
        if (!protection.isPresent()) {
            return unguarded(test, kind, NOT_PROTECTED);
        }
        CircuitBreaker circuit;
        try {
            if (!Switches.enabled()) {
                return unguarded(test, kind, SWITCHED_OFF);
            }
            circuit = protection.circuitFrom(registry.get());
        } catch (CircuitConfigurationException e) {
            return new Admission(this, test, kind, Verdict.MISCONFIGURED, null, null, null, null, e);
        }
        ledger.use(circuit);
        String leftOut = whatIsLeftOut == null ? "" : "; " + whatIsLeftOut + " was not run";
        CircuitPermit permit;
        Duration waited = Duration.ZERO;
        if (circuit.config().whenOpen() == WhenOpen.WAIT) { // waits here, on the test's thread, before its set-up
            WaitOutcome wait = circuit.awaitPermission();
            if (!wait.granted()) {
                return refused(test, kind, circuit, wait.snapshot(), wait.reason() + leftOut);
            }
            permit = wait.permit();
            waited = wait.waited();
        } else {
            try {
                permit = circuit.acquirePermission();
            } catch (CircuitOpenException refusal) { // its snapshot is the circuit as it refused
                return refused(test, kind, circuit, refusal.snapshot(), refusal.getMessage() + leftOut);
            }
        }
        Admission granted = new Admission(this, test, kind, Verdict.GRANTED, circuit, permit, null, null, null);
        CircuitOnThread.enter(circuit); // code the test calls may act under it: currentCircuit()
        if (kind == Kind.TEST && !events.isEmpty()) {
            events.admitted(test, circuit.snapshot(), permit.isProbe());
            if (!waited.isZero()) { // reports show how long the test was held before it could run
                events.note(test, "Waited " + Durations.format(waited) + " for circuit '" + circuit.name() + "'",
                        true, waitedJson(circuit.name(), waited));
            }
        }
        return granted;
    }

    /** Keys in a fixed order ({@code Map.of} iterates in an order that changes from one JVM to the next). */
    private static String waitedJson(String circuit, Duration waited) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("circuit", circuit);
        fields.put("waitedMillis", waited.toMillis());
        return Json.write(fields);
    }

    private Admission unguarded(TestIdentity test, Kind kind, String why) {
        return new Admission(this, test, kind, Verdict.UNGUARDED, null, null, null, why, null);
    }

    private Admission refused(TestIdentity test, Kind kind, CircuitBreaker circuit, CircuitSnapshot refusedAs,
                              String reason) {
        if (kind == Kind.TEST) {
            CircuitOnThread.clear();
            ledger.use(circuit);
            ledger.onTestRefused(test, refusedAs, reason);
            events.refused(test, refusedAs, reason);
        }
        return new Admission(this, test, kind, Verdict.REFUSED, circuit, null, refusedAs, reason, null);
    }

    /** An admission took its outcome (called by {@link Admission} only). */
    void finished(Admission admission, Outcome outcome, Throwable failure) {
        boolean classSetUp = admission.kind() == Kind.CLASS_SET_UP;
        CircuitOnThread.leave(admission.circuit());
        if (classSetUp && outcome != Outcome.FAILED_COUNTED && outcome != Outcome.FAILED_NOT_COUNTED) {
            return; // a class set-up is no test: only its failure goes into the ledger
        }
        ledger.counted(admission.circuit().name(), outcome); // the ledger hears what the listeners hear
        if (!classSetUp && !events.isEmpty()) {
            events.finished(admission.test(), outcome, failure, admission.circuit().snapshot());
        }
    }

    /** Something was done to a test's environment (an injected failure): told to the reporting listeners. */
    void note(Admission admission, String title, boolean ok, String detailsJson) {
        events.note(admission.test(), title, ok, detailsJson);
    }

    // ------------------------------------------------------------------ the other modules' plug-ins

    /** True when a {@link BeforeBodyStep} applies to the test (only then need the adapter call {@link #beforeBody}). */
    public boolean hasBeforeBody(Method testMethod, Class<?> testClass) {
        return plugins.hasBeforeBody(testMethod, testClass);
    }

    /**
     * Runs the {@link BeforeBodyStep}s that apply to the test, right before its body, on its thread; nothing for an
     * admission that is refused or misconfigured. What a step throws comes out here: the test fails with it.
     *
     * @return the steps' entries for the framework's report of the test, by key (see {@link BeforeBodyStep})
     */
    public Map<String, List<?>> beforeBody(Admission admission, Method testMethod, Class<?> testClass,
                                           TestScope scope) {
        if (!admission.isGranted() && admission.verdict() != Verdict.UNGUARDED) {
            return Map.of();
        }
        return plugins.beforeBody(admission, testMethod, testClass, scope);
    }

    /** True when a {@link TestParameterSource} gives test parameters of {@code type}. */
    public boolean givesParameter(Class<?> type) {
        return plugins.givesParameter(type);
    }

    /**
     * The parameter of {@code type} for the test whose scope is {@code scope}, from its {@link TestParameterSource}.
     *
     * @throws IllegalArgumentException when no source gives {@code type}
     */
    public Object parameter(Class<?> type, TestScope scope) {
        return plugins.parameter(type, scope);
    }

    /**
     * The circuit that {@code protection} names, from this run's registry (for code that hands the circuit to a
     * test, such as a parameter resolver).
     *
     * @throws CircuitConfigurationException for a bad annotation, or a definition that conflicts with the one
     *                                       in force
     */
    public CircuitBreaker circuitOf(Protection protection) {
        if (!protection.isPresent()) {
            throw new IllegalArgumentException("not under @CircuitProtected: " + protection);
        }
        return protection.circuitFrom(registry.get());
    }

    /** True when no test of the run used a circuit. */
    public boolean isEmpty() {
        return ledger.isEmpty();
    }

    /**
     * One line per circuit the run used: times opened during the run, tests skipped, tests let through (passed,
     * failed, aborted), final state and last failure; then one line per circuit of the run that was meant to be
     * shared through a store but ran unshared because the store failed (which store, since when, the error); then
     * the lines of the {@link RunSummaryContributor}s (e.g. one per Selenium Grid node circuit).
     */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>(ledger.summaryLines());
        for (UnsharedCircuits.Unshared u : UnsharedCircuits.all()) {
            if (ledger.uses(u.circuit())) {
                lines.add(u.describe());
            }
        }
        if (!ledger.isEmpty()) {
            lines.addAll(plugins.summaryLines(registry.get()));
        }
        return lines;
    }
}
