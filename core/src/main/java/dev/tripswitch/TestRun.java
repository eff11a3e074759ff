package dev.tripswitch;

import dev.tripswitch.Admission.Kind;
import dev.tripswitch.Admission.Verdict;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark.Fate;
import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.internal.CircuitOnThread;
import dev.tripswitch.internal.DependencyWatch;
import dev.tripswitch.internal.Durations;
import dev.tripswitch.internal.Json;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.ReplayingRuns;
import dev.tripswitch.internal.RunIdentity;
import dev.tripswitch.internal.RunLedger;
import dev.tripswitch.internal.RunRecorder;
import dev.tripswitch.internal.Switches;
import dev.tripswitch.internal.TestPlugins;
import dev.tripswitch.spi.BeforeBodyStep;
import dev.tripswitch.spi.RunRecordListener;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>A run that {@linkplain #startReplaying replays} defers, instead of refusing, the tests of circuits that say
 * {@link WhenOpen#REPLAY} ({@linkplain Verdict#DEFERRED deferred}); a test that cannot run because one it depends
 * on was deferred is {@linkplain #deferAlong deferred along} with it; a test that cannot be run again on its own is
 * admitted with {@link #admitNotDeferrable} and refused, not deferred.
 *
 * <p>The run's ledger hears the same events as the reporting listeners (class-level set-ups only go to the
 * ledger: they are no test of their own) and gives the end-of-run {@link #summaryLines()}. When a
 * {@link RunRecordListener} wants it, the run also keeps its {@link RunRecord} (each test's fate, each circuit's
 * transitions and health answers) and hands it over at the end, in {@link #summaryLines()}. Other modules plug in
 * through the interfaces of {@code dev.tripswitch.spi}, found with {@link java.util.ServiceLoader} when the run
 * starts.
 *
 * <p>Thread-safe.
 */
public final class TestRun {

    private static final String NOT_PROTECTED = "not under @CircuitProtected";
    private static final String SWITCHED_OFF = "Tripswitch is switched off (" + Switches.ENABLED + "=false)";
    private static final String BY_DEPENDENCIES = "not under @CircuitProtected; under the circuits of the dependencies"
            + " it calls (" + Switches.DEPENDENCIES + "=auto)";
    private static final System.Logger LOG = System.getLogger(TestRun.class.getName());

    /** Runs that replay deferred tests, by id, while they run: how a framework's callbacks find theirs. */
    private static final Map<String, TestRun> REPLAYING = new ConcurrentHashMap<>();

    private final Supplier<CircuitBreakerRegistry> registry;
    private final ProtectedTestEvents events;
    private final TestPlugins plugins;
    private final RunLedger ledger = new RunLedger();
    private final String id;
    /** The tests deferred by circuits that say {@link WhenOpen#REPLAY}; {@code null}: the run cannot replay. */
    private final Replay replay;
    /** Collects the run's record; {@code null} when no {@link RunRecordListener} wants one. */
    private final RunRecorder recorder;
    private List<String> recordLines; // what the record's listeners said, once handed over (guarded by this)

    TestRun(Supplier<CircuitBreakerRegistry> registry, ProtectedTestEvents events, TestPlugins plugins) {
        this(UUID.randomUUID().toString(), registry, events, plugins, null);
    }

    TestRun(String id, Supplier<CircuitBreakerRegistry> registry, ProtectedTestEvents events, TestPlugins plugins,
            Replay replay) {
        this.id = Objects.requireNonNull(id, "id");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.events = Objects.requireNonNull(events, "events");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.replay = replay;
        this.recorder = plugins.wantsRecords() ? new RunRecorder() : null;
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

    /**
     * Whether {@code circuit} admitted the protected test (or class-level set-up) running on this thread: for code the
     * test calls that must not ask the same circuit again (a protected page object of the test's own circuit rides on
     * the test's permit). Costs one read of a counter while no protected test runs anywhere.
     */
    public static boolean isCurrentCircuit(CircuitBreaker circuit) {
        return CircuitOnThread.is(circuit);
    }

    /**
     * A run that can run tests again (a framework integration that replays, such as the JUnit 5 integration's
     * engine): tests refused by circuits that say {@link WhenOpen#REPLAY} are {@linkplain Admission.Verdict#DEFERRED
     * deferred} into its {@link #replay()}, whose waiting is bounded by {@code replayBudget}. Findable by its
     * {@link #id()} until it {@linkplain #end() ends}.
     */
    public static TestRun startReplaying(String id, Duration replayBudget) {
        TestRun run = new TestRun(id, CircuitBreakerRegistry::global, ProtectedTestEvents.global(),
                TestPlugins.load(), new Replay(replayBudget));
        if (REPLAYING.putIfAbsent(id, run) != null) {
            throw new IllegalStateException("a replaying run with id " + id + " is already running");
        }
        ReplayingRuns.started(id);
        return run;
    }

    /** The replaying run with this id, while it has not ended. */
    public static Optional<TestRun> replaying(String id) {
        return Optional.ofNullable(id == null ? null : REPLAYING.get(id));
    }

    /** What tells this run apart from others in the JVM. */
    public String id() {
        return id;
    }

    /** The run's deferred tests, when it {@linkplain #startReplaying replays}. */
    public Optional<Replay> replay() {
        return Optional.ofNullable(replay);
    }

    /** The run is over: it can no longer be found by its id. */
    public void end() {
        if (id != null && REPLAYING.remove(id, this)) {
            ReplayingRuns.ended(id);
        }
    }

    /**
     * Takes the run's deferred tests that were never run again out of its replay and reports each as skipped by
     * its circuit (to the ledger and the listeners), with a reason that says it was deferred and why the run gave
     * up on it. The framework integration reports them skipped with those reasons.
     */
    public List<Replay.Abandoned> abandonDeferred() {
        if (replay == null) {
            return List.of();
        }
        List<Replay.Abandoned> abandoned = replay.abandon();
        for (Replay.Abandoned a : abandoned) {
            use(a.circuit());
            ledger.counted(a.circuit().name(), Outcome.SKIPPED_BY_CIRCUIT);
            if (recorder != null) {
                recorder.mark(a.circuit(), a.test(), Fate.SKIPPED, RunRecorder.now(a.circuit()), 0, 0, false, false,
                        a.reason());
            }
            events.refused(a.test(), a.circuit().snapshot(), a.reason());
        }
        return abandoned;
    }

    /** Admits one test: asks its circuit for permission and tells the listeners what it said. */
    public Admission admit(TestIdentity test, Protection protection) {
        return admit(test, protection, Kind.TEST, null, null);
    }

    /**
     * Whether tests without {@code @CircuitProtected} are to be admitted with {@link #admitByDependencies}:
     * {@code tripswitch.dependencies=auto} (and Tripswitch not switched off), or a value of
     * {@code tripswitch.dependencies} that is wrong (the admission then fails the test with the error).
     */
    public boolean watchesDependencies() {
        try {
            return Switches.dependencies() && Switches.enabled();
        } catch (CircuitConfigurationException e) {
            return true;
        }
    }

    /**
     * Admits a test without {@code @CircuitProtected} under the circuits of the dependencies it calls
     * ({@code tripswitch.dependencies=auto}, see {@link dev.tripswitch.dependency.DependencyCalls}): an
     * {@linkplain Verdict#UNGUARDED unguarded} admission that takes one outcome, from now until that outcome bound to
     * this thread, where the test's watched calls find it. Passed, each dependency the test called records a success;
     * failed with an infrastructure failure, the dependency it names records one failure; failed otherwise, nothing.
     * {@linkplain Verdict#MISCONFIGURED Misconfigured} when {@code tripswitch.dependencies} is wrong; plain unguarded
     * when dependency circuits are off.
     */
    public Admission admitByDependencies(TestIdentity test) {
        Objects.requireNonNull(test, "test");
        try {
            if (!Switches.enabled() || !Switches.dependencies()) {
                return unguarded(test, Kind.TEST, NOT_PROTECTED);
            }
        } catch (CircuitConfigurationException e) {
            return Admission.misconfigured(this, test, Kind.TEST, e);
        }
        DependencyWatch watch = new DependencyWatch(true);
        watch.enter();
        Admission admission = Admission.watchingDependencies(this, test, BY_DEPENDENCIES, watch);
        String deferred = replay == null ? null : replay.admitted(test);
        if (deferred != null) { // refused at a call earlier in the run and deferred: this is its replay
            admission.replays(deferred);
            if (!events.isEmpty()) {
                events.note(test, deferred, true, replayJson(replay.circuitOf(test)));
            }
        }
        return admission;
    }

    /**
     * Like {@link #admitByDependencies(TestIdentity)}, for a test that cannot be run again on its own (see
     * {@link #admitNotDeferrable}): a call refused by a dependency's circuit skips it, with a reason that ends with
     * "; not deferred: {@code whyNotDeferrable}".
     */
    public Admission admitByDependencies(TestIdentity test, String whyNotDeferrable) {
        Admission admission = admitByDependencies(test);
        if (whyNotDeferrable != null) {
            admission.notDeferrable(whyNotDeferrable);
        }
        return admission;
    }

    /**
     * Admits a test that cannot be run again on its own, such as a test that depends on tests which ran before it
     * (its replay would not replay them): like {@link #admit}, except that a refusal by a circuit that says
     * {@link WhenOpen#REPLAY} is not {@linkplain Verdict#DEFERRED deferred} but {@linkplain Verdict#REFUSED refused},
     * with a reason that ends with "; not deferred: {@code whyNotDeferrable}". Let through after an earlier
     * deferral (along with the tests it depends on, see {@link #deferAlong}), it counts as that test's replay.
     */
    public Admission admitNotDeferrable(TestIdentity test, Protection protection, String whyNotDeferrable) {
        return admit(test, protection, Kind.TEST, null, Objects.requireNonNull(whyNotDeferrable, "whyNotDeferrable"));
    }

    /**
     * Admits a class-level set-up method. Refused, {@link Admission#reason()} ends with
     * "; {@code whatIsLeftOut} was not run" when {@code whatIsLeftOut} is given (e.g. "@BeforeAll of Checkout").
     * Its outcome counts like a test's, but only the ledger hears of it.
     */
    public Admission admitClassSetUp(TestIdentity testClass, Protection protection, String whatIsLeftOut) {
        return admit(testClass, protection, Kind.CLASS_SET_UP, whatIsLeftOut, null);
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
                refusedClassSetUp.reason(), null, 0);
    }

    /**
     * A test that cannot run because a test it depends on was {@linkplain Verdict#DEFERRED deferred} (its framework
     * skips it): deferred along with that test, under the same circuit and without asking it, so that both come
     * back in the same {@linkplain Replay#nextRound() round} — a chain of dependent tests is replayed as a whole.
     * Its {@link Admission#reason()} names the test it goes along with. A test without an id cannot be deferred:
     * it is refused with that reason instead, as is every test of a run that does not replay.
     *
     * @throws IllegalArgumentException when {@code deferredUpstream} is not deferred
     */
    public Admission deferAlong(TestIdentity test, Admission deferredUpstream) {
        Objects.requireNonNull(test, "test");
        if (!deferredUpstream.isDeferred() && !deferredUpstream.isDeferredInside()) {
            throw new IllegalArgumentException("not a deferred test: " + deferredUpstream);
        }
        CircuitBreaker circuit = deferredUpstream.deferringCircuit();
        String reason = "it depends on " + deferredUpstream.test().displayName() + ", which circuit '" + circuit.name()
                + "' deferred";
        if (test.id() == null) { // cannot be deferred: refused with the reason it cannot run
            return refused(test, Kind.TEST, circuit, deferredUpstream.deferredAs(), reason, null, 0);
        }
        CircuitOnThread.clear();
        use(circuit);
        replay.defer(test, circuit, deferredUpstream.deferredAs(), reason);
        if (recorder != null) {
            recorder.mark(circuit, test, Fate.DEFERRED, RunRecorder.now(circuit), 0, 0, false, false, reason);
        }
        events.deferred(test, deferredUpstream.deferredAs(), reason);
        return Admission.deferred(this, test, circuit, deferredUpstream.deferredAs(),
                "deferred along with " + deferredUpstream.test().displayName() + ", which it depends on, to run "
                        + "again once circuit '" + circuit.name() + "' lets tests through");
    }

    private Admission admit(TestIdentity test, Protection protection, Kind kind, String whatIsLeftOut,
                            String notDeferrable) {
        Objects.requireNonNull(test, "test");
        if (!protection.isPresent()) {
            return unguarded(test, kind, NOT_PROTECTED);
        }
        CircuitBreaker circuit;
        boolean watchDependencies;
        try {
            if (!Switches.enabled()) {
                return unguarded(test, kind, SWITCHED_OFF);
            }
            watchDependencies = kind == Kind.TEST && Switches.dependencies();
            circuit = protection.circuitFrom(registry.get());
        } catch (CircuitConfigurationException e) {
            return Admission.misconfigured(this, test, kind, e);
        }
        use(circuit);
        long askedAt = recorder == null ? 0 : RunRecorder.now(circuit);
        String leftOut = whatIsLeftOut == null ? "" : "; " + whatIsLeftOut + " was not run";
        CircuitPermit permit;
        Duration waited = Duration.ZERO;
        if (circuit.config().whenOpen() == WhenOpen.WAIT) { // waits here, on the test's thread, before its set-up
            WaitOutcome wait = circuit.awaitPermission();
            if (!wait.granted()) {
                return refused(test, kind, circuit, wait.snapshot(), wait.reason() + leftOut, notDeferrable,
                        wait.waited().toMillis());
            }
            permit = wait.permit();
            waited = wait.waited();
        } else {
            try {
                permit = circuit.acquirePermission();
            } catch (CircuitOpenException refusal) { // its snapshot is the circuit as it refused
                return refused(test, kind, circuit, refusal.snapshot(), refusal.getMessage() + leftOut,
                        notDeferrable, 0);
            }
        }
        Admission granted = Admission.granted(this, test, kind, circuit, permit);
        if (recorder != null) {
            granted.asked(askedAt, waited.toMillis());
        }
        CircuitOnThread.enter(circuit); // code the test calls may act under it: currentCircuit()
        if (watchDependencies) { // its calls to open dependencies are refused; its own circuit counts its outcome
            DependencyWatch watch = new DependencyWatch(false);
            watch.enter();
            granted.watch(watch);
        }
        String deferred = replay == null || kind != Kind.TEST ? null : replay.admitted(test);
        if (deferred != null) {
            granted.replays(deferred);
        }
        if (!waited.isZero()) {
            granted.noted("Waited " + Durations.format(waited) + " for circuit '" + circuit.name() + "'");
        }
        if (kind == Kind.TEST && !events.isEmpty()) {
            events.admitted(test, circuit.snapshot(), permit.isProbe());
            if (deferred != null) { // its report says it was deferred, as a rerun is noted
                events.note(test, deferred, true, replayJson(circuit.name()));
            }
            if (!waited.isZero()) { // reports show how long the test was held before it could run
                events.note(test, "Waited " + Durations.format(waited) + " for circuit '" + circuit.name() + "'",
                        true, waitedJson(circuit.name(), waited));
            }
        }
        return granted;
    }

    private static String replayJson(String circuit) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("circuit", circuit);
        fields.put("replayed", true);
        return Json.write(fields);
    }

    /** Keys in a fixed order ({@code Map.of} iterates in an order that changes from one JVM to the next). */
    private static String waitedJson(String circuit, Duration waited) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("circuit", circuit);
        fields.put("waitedMillis", waited.toMillis());
        return Json.write(fields);
    }

    private Admission unguarded(TestIdentity test, Kind kind, String why) {
        return Admission.unguarded(this, test, kind, why);
    }

    /**
     * @param notDeferrable why the test may not be deferred, or {@code null} when it may
     * @param waitedMillis  how long it waited for the circuit before it was refused
     */
    private Admission refused(TestIdentity test, Kind kind, CircuitBreaker circuit, CircuitSnapshot refusedAs,
                              String reason, String notDeferrable, long waitedMillis) {
        if (kind == Kind.TEST && deferrable(test, circuit)) {
            if (notDeferrable != null) {
                reason = reason + "; not deferred: " + notDeferrable;
            } else {
                CircuitOnThread.clear();
                use(circuit);
                replay.defer(test, circuit, refusedAs, reason);
                mark(circuit, test, Fate.DEFERRED, waitedMillis, reason);
                events.deferred(test, refusedAs, reason);
                return Admission.deferred(this, test, circuit, refusedAs,
                        "deferred, to run again once the circuit lets tests through: " + reason);
            }
        }
        if (kind == Kind.TEST) {
            CircuitOnThread.clear();
            use(circuit);
            ledger.onTestRefused(test, refusedAs, reason);
            mark(circuit, test, Fate.SKIPPED, waitedMillis, reason);
            events.refused(test, refusedAs, reason);
        }
        return Admission.refused(this, test, kind, circuit, refusedAs, reason);
    }

    /** The run uses {@code circuit}: its ledger and its record learn of it. */
    private void use(CircuitBreaker circuit) {
        ledger.use(circuit);
        if (recorder != null) {
            recorder.use(circuit);
        }
    }

    /** A test that did not run, for the record: when it was refused, less the time it waited. */
    private void mark(CircuitBreaker circuit, TestIdentity test, Fate fate, long waitedMillis, String reason) {
        if (recorder != null) {
            long now = RunRecorder.now(circuit);
            recorder.mark(circuit, test, fate, now - waitedMillis, waitedMillis, waitedMillis, false, false, reason);
        }
    }

    private boolean deferrable(TestIdentity test, CircuitBreaker circuit) {
        return replay != null && test.id() != null && circuit.config().whenOpen() == WhenOpen.REPLAY;
    }

    /** An admission took its outcome (called by {@link Admission} only). */
    void finished(Admission admission, Outcome outcome, Throwable failure) {
        boolean classSetUp = admission.kind() == Kind.CLASS_SET_UP;
        CircuitOnThread.leave(admission.circuit());
        if (classSetUp && outcome != Outcome.FAILED_COUNTED && outcome != Outcome.FAILED_NOT_COUNTED) {
            return; // a class set-up is no test: only its failure goes into the ledger
        }
        // the ledger hears what the listeners hear; a test refused inside counts on the circuit that refused it
        ledger.counted(outcome == Outcome.SKIPPED_BY_CIRCUIT && failure instanceof CircuitOpenException refusal
                ? announced(refusal, admission.circuit()) : admission.circuit().name(), outcome);
        if (recorder != null && !classSetUp) {
            recorder.mark(admission.circuit(), admission.test(), fateOf(outcome), admission.askedAtMillis(),
                    RunRecorder.now(admission.circuit()) - admission.askedAtMillis(), admission.waitedMillis(),
                    admission.isProbe(), admission.isReplay(), failure != null
                            ? CircuitSnapshot.FailureInfo.of(failure, null).describe()
                            : outcome == Outcome.SKIPPED_BY_CIRCUIT ? admission.reason() : null);
        }
        if (replay != null && !classSetUp) {
            replay.replayed(admission.test(), outcome);
        }
        if (!classSetUp && !events.isEmpty()) {
            events.finished(admission.test(), outcome, failure, admission.circuit().snapshot());
        }
    }

    /**
     * The outcome of a test admitted {@linkplain #admitByDependencies by its dependencies} (called by
     * {@link Admission} only): {@code failure} {@code null} and {@code forced} {@code null}, passed; {@code forced}
     * {@link Outcome#ABORTED}, nothing counts; otherwise failed with {@code failure}.
     */
    Outcome dependenciesSettled(Admission admission, Outcome forced, Throwable failure) {
        Outcome outcome = settleDependencies(admission, forced, failure);
        if (replay != null) {
            replay.replayed(admission.test(), outcome);
        }
        return outcome;
    }

    private Outcome settleDependencies(Admission admission, Outcome forced, Throwable failure) {
        DependencyWatch watch = admission.dependencyWatch();
        watch.leave();
        List<DependencyWatch.Touched> touched = watch.takeTouched();
        touched.forEach(t -> use(t.circuit())); // before the outcome: the record hears the transition it causes
        if (forced == Outcome.ABORTED) {
            touched.forEach(t -> t.permit().release());
            return Outcome.ABORTED;
        }
        if (failure == null) {
            for (DependencyWatch.Touched t : touched) {
                boolean probe = t.permit().isProbe();
                t.permit().onSuccess();
                counted(admission, t.circuit(), Outcome.PASSED, null, t.atMillis(), probe);
            }
            return Outcome.PASSED;
        }
        Optional<Dependency> named = watch.dependencyOf(failure);
        DependencyWatch.Touched blamed = null;
        for (DependencyWatch.Touched t : touched) {
            if (named.isPresent() && t.dependency().equals(named.get())) {
                blamed = t;
            } else {
                t.permit().release(); // a product failure, or another dependency's: it says nothing about this one
            }
        }
        if (named.isEmpty()) {
            for (DependencyWatch.Touched t : touched) {
                counted(admission, t.circuit(), Outcome.FAILED_NOT_COUNTED, failure, t.atMillis(), false);
            }
            return Outcome.FAILED_NOT_COUNTED;
        }
        CircuitBreaker circuit;
        CircuitPermit permit = null;
        long at;
        boolean probe = false;
        if (blamed != null) {
            circuit = blamed.circuit();
            permit = blamed.permit();
            at = blamed.atMillis();
            probe = permit.isProbe();
        } else { // named by a failure no watched call saw (an unknown host met by a client nobody wraps)
            try {
                circuit = registry.get().circuit(named.get().circuitName());
            } catch (CircuitConfigurationException e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: " + admission.test().displayName() + " failed with"
                        + " an infrastructure failure of " + named.get() + ", not counted: " + e.getMessage());
                return Outcome.FAILED_NOT_COUNTED;
            }
            at = RunRecorder.now(circuit);
            use(circuit);
            try {
                permit = circuit.acquirePermission();
                probe = permit.isProbe();
            } catch (CircuitOpenException alreadyOpen) {
                // open since the test began: a failure then changes nothing
            }
        }
        boolean counts = circuit.config().counts(failure);
        if (permit != null) {
            permit.onFailure(failure);
        }
        Outcome outcome = counts ? Outcome.FAILED_COUNTED : Outcome.FAILED_NOT_COUNTED;
        counted(admission, circuit, outcome, failure, at, probe);
        return outcome;
    }

    /** A dependency circuit's line of the summary, its record and the reporting listeners hear of a test. */
    private void counted(Admission admission, CircuitBreaker circuit, Outcome outcome, Throwable failure, long at,
                         boolean probe) {
        use(circuit);
        ledger.counted(circuit.name(), outcome);
        if (recorder != null) {
            recorder.mark(circuit, admission.test(), fateOf(outcome), at, RunRecorder.now(circuit) - at, 0, probe,
                    admission.isReplay(), failure == null ? null : CircuitSnapshot.FailureInfo.of(failure, null).describe());
        }
        if (!events.isEmpty()) {
            events.finished(admission.test(), outcome, failure, circuit.snapshot());
        }
    }

    /**
     * A test that no circuit guards was skipped because protected code it called was refused (a page object's
     * circuit): the refusing circuit's line of the summary counts it.
     */
    void refusedInsideUnguarded(CircuitOpenException refusal) {
        String name = announced(refusal, null);
        if (name != null) {
            ledger.counted(name, Outcome.SKIPPED_BY_CIRCUIT);
        }
    }

    /**
     * A test admitted by its dependencies was refused at a call. Deferred, like a test refused by its own circuit,
     * when the run replays, the test has an id and may be run again, and the refusing circuit says
     * {@link WhenOpen#REPLAY}. Otherwise skipped: the reporting listeners hear it skipped. Returns the reason the
     * test carries.
     */
    String refusedAtDependency(Admission admission, CircuitOpenException refusal) {
        CircuitBreaker refusing = registry.get().find(refusal.snapshot().name()).orElse(null);
        TestIdentity test = admission.test();
        String reason = refusal.getMessage();
        if (refusing != null && deferrable(test, refusing)) {
            String notDeferrable = admission.whyNotDeferrable();
            if (notDeferrable == null) {
                use(refusing);
                replay.defer(test, refusing, refusal.snapshot(), reason);
                mark(refusing, test, Fate.DEFERRED, 0, reason);
                events.deferred(test, refusal.snapshot(), reason);
                admission.deferredInside(refusing, refusal.snapshot());
                return "deferred, to run again once the circuit lets tests through: " + reason;
            }
            reason = reason + "; not deferred: " + notDeferrable;
        }
        if (refusing != null) {
            use(refusing);
            mark(refusing, test, Fate.SKIPPED, 0, reason);
        }
        refusedInsideUnguarded(refusal);
        if (replay != null) {
            replay.replayed(test, Outcome.SKIPPED_BY_CIRCUIT);
        }
        if (!events.isEmpty()) {
            events.finished(test, Outcome.SKIPPED_BY_CIRCUIT, refusal, refusal.snapshot());
        }
        return reason;
    }

    /**
     * The name of the circuit that refused, announced to the ledger (a circuit only page objects use is then in the
     * summary too); {@code orElse}'s name when the run's registry does not know it.
     */
    private String announced(CircuitOpenException refusal, CircuitBreaker orElse) {
        CircuitBreaker refusing = registry.get().find(refusal.snapshot().name()).orElse(orElse);
        if (refusing == null) {
            return null;
        }
        ledger.use(refusing);
        return refusing.name();
    }

    private static Fate fateOf(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> Fate.PASSED;
            case FAILED_COUNTED -> Fate.FAILED_COUNTED;
            case FAILED_NOT_COUNTED -> Fate.FAILED_NOT_COUNTED;
            case ABORTED -> Fate.ABORTED;
            case SKIPPED_BY_CIRCUIT -> Fate.SKIPPED;
        };
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
        if (replay != null) {
            lines.addAll(replay.summaryLines());
        }
        for (UnsharedCircuits.Unshared u : UnsharedCircuits.all()) {
            if (ledger.uses(u.circuit())) {
                lines.add(u.describe());
            }
        }
        if (!ledger.isEmpty()) {
            lines.addAll(plugins.summaryLines(registry.get()));
        }
        lines.addAll(handOverRecord());
        return lines;
    }

    /**
     * The first time: finishes the run's record and hands it to the {@link RunRecordListener}s; their lines (such
     * as where the record and the run's report were written), then and on every later call.
     */
    private synchronized List<String> handOverRecord() {
        if (recordLines == null) {
            recordLines = List.of();
            if (recorder != null && !recorder.isEmpty()) {
                try {
                    RunRecord record = recorder.finish(RunIdentity.runId(), RunIdentity.nextPartId(),
                            registry.get().storeDescription());
                    recordLines = List.copyOf(plugins.runEnded(record));
                } catch (CircuitConfigurationException e) {
                    recordLines = List.of("Tripswitch: WARNING: this run's record was not kept: " + e.getMessage());
                }
            }
        }
        return recordLines;
    }
}
