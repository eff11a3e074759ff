package dev.tripswitch;

import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.CallCountedFailures;
import dev.tripswitch.internal.CircuitOnThread;
import dev.tripswitch.internal.DependencyWatch;
import dev.tripswitch.spi.AdmittedTest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The answer of {@link TestRun#admit} for one test (or one class-level set-up), and the one place its outcome
 * is decided.
 *
 * <p>A {@linkplain Verdict#GRANTED granted} admission holds a permit of the test's circuit and takes exactly one
 * outcome — {@link #passed()}, {@link #failed(Throwable)}, {@link #aborted()} or {@link #released()} — and is then
 * spent: a second outcome is ignored, and {@link #close()} (the end of the test's scope) releases a permit whose
 * outcome never came. The outcome decides, here and nowhere else: what the circuit records, what the run's
 * ledger counts and what the {@link dev.tripswitch.event.ProtectedTestListener reporting listeners} hear.
 * Admissions that are not granted take no outcome (every outcome method does nothing) — except a test without
 * {@code @CircuitProtected} admitted {@linkplain TestRun#admitByDependencies by its dependencies}: unguarded, it takes
 * one outcome, which counts on the circuits of the dependencies it called ({@code tripswitch.dependencies=auto}).
 *
 * <p>Thread-safe: the outcome may come from another thread than the admission (a TestNG time-out).
 */
public final class Admission implements AutoCloseable, AdmittedTest {

    /** What the circuit said. */
    public enum Verdict {
        /** The test may run; report its outcome. */
        GRANTED,
        /** The circuit refused: report the test as skipped with {@link #reason()}. */
        REFUSED,
        /**
         * The circuit refused and the run deferred the test ({@link WhenOpen#REPLAY}): do not run it now and report
         * nothing for it yet; the run's {@link Replay} runs it again later, or gives it its final skip reason.
         * Where a framework can only skip, skip it with {@link #reason()} and let the replay hold that report back.
         */
        DEFERRED,
        /** The test's {@code @CircuitProtected} is wrong: fail the test with {@link #error()}. */
        MISCONFIGURED,
        /** No circuit guards the test (not protected, or Tripswitch switched off): run it as it is. */
        UNGUARDED
    }

    enum Kind { TEST, CLASS_SET_UP }

    /** How deep a failure's causes are searched for a circuit refusal (a cycle of causes ends there too). */
    private static final int MAX_CAUSES = 16;
    private static final AtomicIntegerFieldUpdater<Admission> SPENT =
            AtomicIntegerFieldUpdater.newUpdater(Admission.class, "spent");

    private final TestRun run;
    private final TestIdentity test;
    private final Kind kind;
    private final Verdict verdict;
    private final CircuitBreaker circuit;
    private final CircuitPermit permit;
    private final CircuitSnapshot refusedAs;
    private final CircuitConfigurationException error;
    private volatile String reason;
    private final java.util.List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean replay;
    private volatile int spent;
    private volatile boolean faultCounted;
    private volatile long askedAtMillis; // for the run's record: when it asked, how long it waited
    private volatile long waitedMillis;
    /** The dependencies the test calls ({@code tripswitch.dependencies=auto}); {@code null} when not watched. */
    private volatile DependencyWatch watch;
    /** Why a watched test may not be deferred when a dependency refuses it, or {@code null} when it may. */
    private volatile String notDeferrable;
    /** A watched test that a dependency's circuit refused at a call, and that the run deferred. */
    private volatile boolean deferredInside;
    private volatile CircuitBreaker deferredBy; // the circuit that refused it then, as it refused
    private volatile CircuitSnapshot deferredAs;

    /** Let through by {@code circuit} with {@code permit}. */
    static Admission granted(TestRun run, TestIdentity test, Kind kind, CircuitBreaker circuit, CircuitPermit permit) {
        return new Admission(run, test, kind, Verdict.GRANTED, circuit, permit, null, null, null);
    }

    /** Refused by {@code circuit}, which looked like {@code refusedAs}, for {@code reason}. */
    static Admission refused(TestRun run, TestIdentity test, Kind kind, CircuitBreaker circuit,
                             CircuitSnapshot refusedAs, String reason) {
        return new Admission(run, test, kind, Verdict.REFUSED, circuit, null, refusedAs, reason, null);
    }

    /** Refused by {@code circuit} and deferred, to run again: {@code reason} says so. */
    static Admission deferred(TestRun run, TestIdentity test, CircuitBreaker circuit, CircuitSnapshot refusedAs,
                              String reason) {
        return new Admission(run, test, Kind.TEST, Verdict.DEFERRED, circuit, null, refusedAs, reason, null);
    }

    /** The test's {@code @CircuitProtected} is wrong: {@code error}. */
    static Admission misconfigured(TestRun run, TestIdentity test, Kind kind, CircuitConfigurationException error) {
        return new Admission(run, test, kind, Verdict.MISCONFIGURED, null, null, null, null, error);
    }

    /** No circuit guards the test, for {@code why}. */
    static Admission unguarded(TestRun run, TestIdentity test, Kind kind, String why) {
        return new Admission(run, test, kind, Verdict.UNGUARDED, null, null, null, why, null);
    }

    /**
     * No circuit of its own guards the test, but the circuits of the dependencies it calls do: it takes one outcome,
     * which counts on them ({@code tripswitch.dependencies=auto}).
     */
    static Admission watchingDependencies(TestRun run, TestIdentity test, String why, DependencyWatch watch) {
        Admission a = new Admission(run, test, Kind.TEST, Verdict.UNGUARDED, null, null, null, why, null);
        a.watch = watch;
        a.spent = 0;
        return a;
    }

    /** The granted test's dependency calls are watched (their circuits refuse; its own circuit counts its outcome). */
    void watch(DependencyWatch w) {
        this.watch = w;
    }

    /** The watched test may not be deferred at a refused call, for {@code why} (it is then skipped). */
    void notDeferrable(String why) {
        this.notDeferrable = why;
    }

    String whyNotDeferrable() {
        return notDeferrable;
    }

    /** Refused at a call by {@code circuit}, which looked like {@code as}, and deferred by the run. */
    void deferredInside(CircuitBreaker circuit, CircuitSnapshot as) {
        deferredBy = circuit;
        deferredAs = as;
        deferredInside = true;
    }

    /** The circuit that deferred the test: its own ({@link Verdict#DEFERRED}), or a dependency's at a call. */
    CircuitBreaker deferringCircuit() {
        return verdict == Verdict.DEFERRED ? circuit : deferredBy;
    }

    /** That circuit as it refused. */
    CircuitSnapshot deferredAs() {
        return verdict == Verdict.DEFERRED ? refusedAs : deferredAs;
    }

    /**
     * True when the test was not {@linkplain #isGranted() granted} a circuit of its own but was watched
     * ({@code tripswitch.dependencies=auto}), a dependency's circuit refused one of its calls, and the run deferred
     * it ({@link WhenOpen#REPLAY}): report nothing for it yet (or, where a framework can only skip, skip it with
     * {@link #reason()} and let the replay hold that report back); the run's {@link Replay} runs it again.
     */
    public boolean isDeferredInside() {
        return deferredInside;
    }

    /** The dependencies the test calls, when watched. */
    DependencyWatch dependencyWatch() {
        return watch;
    }

    private boolean watchesOnly() {
        return verdict == Verdict.UNGUARDED && watch != null;
    }

    private void endWatch() {
        DependencyWatch w = watch;
        if (w != null) {
            w.releaseAll();
        }
    }

    private Admission(TestRun run, TestIdentity test, Kind kind, Verdict verdict, CircuitBreaker circuit,
                      CircuitPermit permit, CircuitSnapshot refusedAs, String reason,
                      CircuitConfigurationException error) {
        this.run = run;
        this.test = test;
        this.kind = kind;
        this.verdict = verdict;
        this.circuit = circuit;
        this.permit = permit;
        this.refusedAs = refusedAs;
        this.reason = reason;
        this.error = error;
        this.spent = verdict == Verdict.GRANTED ? 0 : 1;
    }

    public Verdict verdict() {
        return verdict;
    }

    @Override
    public Optional<CircuitBreaker> guardingCircuit() {
        return isGranted() ? Optional.of(circuit) : Optional.empty();
    }

    public boolean isGranted() {
        return verdict == Verdict.GRANTED;
    }

    /** True when refused, deferred or not: the test must not run now. */
    public boolean isRefused() {
        return verdict == Verdict.REFUSED || verdict == Verdict.DEFERRED;
    }

    /** True when refused and deferred, to be run again later in the run. */
    public boolean isDeferred() {
        return verdict == Verdict.DEFERRED;
    }

    /** The test's identity, as made once by the framework adapter. */
    public TestIdentity test() {
        return test;
    }

    /** The test's circuit when granted or refused; {@code null} otherwise. */
    public CircuitBreaker circuit() {
        return circuit;
    }

    /** True when the test is a half-open probe. */
    public boolean isProbe() {
        return permit != null && permit.isProbe();
    }

    /**
     * Why: for a refusal, the circuit's description (state, since when, last failure, next probe); for a test
     * that met a {@link CircuitOpenException} inside, that refusal's description; for an unguarded test, why no
     * circuit guards it; {@code null} otherwise.
     */
    public String reason() {
        return reason;
    }

    /**
     * What the test's own output should say about how it got through, for a granted admission: that it was deferred
     * and is run again ({@link WhenOpen#REPLAY}), that it waited for its circuit and how long ({@link WhenOpen#WAIT});
     * empty otherwise. The framework integrations print each line in the test's output (where Surefire's XML and IDEs
     * keep it) — the way a rerun is noted.
     */
    public java.util.List<String> notes() {
        return java.util.List.copyOf(notes);
    }

    void noted(String note) {
        notes.add(note);
    }

    /** True when this granted admission runs a test again that the run had deferred ({@link WhenOpen#REPLAY}). */
    public boolean isReplay() {
        return replay;
    }

    void replays(String note) {
        replay = true;
        notes.add(note);
    }

    /** For the run's record: the test asked its circuit at {@code atMillis} and waited {@code waited} ms. */
    void asked(long atMillis, long waited) {
        this.askedAtMillis = atMillis;
        this.waitedMillis = waited;
    }

    long askedAtMillis() {
        return askedAtMillis;
    }

    long waitedMillis() {
        return waitedMillis;
    }

    /** The circuit as it refused ({@link Verdict#REFUSED} and {@link Verdict#DEFERRED} only). */
    public CircuitSnapshot refusedAs() {
        return refusedAs;
    }

    /** The configuration error ({@link Verdict#MISCONFIGURED} only). */
    public CircuitConfigurationException error() {
        return error;
    }

    // ------------------------------------------------------------------ outcomes

    /** The test passed: a success on its circuit (in HALF_OPEN, a passing probe). */
    public Outcome passed() {
        if (!spend()) {
            return null;
        }
        if (watchesOnly()) {
            return run.dependenciesSettled(this, Outcome.PASSED, null);
        }
        endWatch();
        if (kind == Kind.CLASS_SET_UP) {
            permit.release(); // a set-up that worked says nothing yet: its tests will tell
            return null;
        }
        permit.onSuccess();
        return finished(Outcome.PASSED, null);
    }

    /**
     * The test (or its set-up or tear-down) failed with {@code cause}. The one place that decides:
     * <ul>
     *   <li>a {@link CircuitOpenException} (thrown inside the test by protected code, e.g. a page object, or any
     *       {@code circuit.execute}) makes the test skipped by that circuit: {@link Outcome#SKIPPED_BY_CIRCUIT},
     *       {@link #reason()} is that refusal's description, nothing is counted on the test's own circuit — the
     *       adapter reports the test as skipped;</li>
     *   <li>a {@link CircuitConfigurationException} (a misuse of Tripswitch) says nothing about the dependency:
     *       {@link Outcome#ABORTED};</li>
     *   <li>a failure the circuit's {@code recordOn}/{@code ignoreOn} ignore: {@link Outcome#FAILED_NOT_COUNTED};</li>
     *   <li>a failure that counts is recorded once — unless an injected failure already counted for this test
     *       ({@link #injectedFaultCounted()}), since the test's own failure comes from that same fault:
     *       {@link Outcome#FAILED_COUNTED} either way.</li>
     * </ul>
     *
     * @return the outcome decided, or {@code null} when the admission was spent already (or not granted)
     */
    public Outcome failed(Throwable cause) {
        if (!spend()) {
            return null;
        }
        CircuitOpenException refusal = refusalIn(cause);
        if (watchesOnly()) {
            if (refusal != null) {
                endWatch();
                reason = run.refusedAtDependency(this, refusal);
                return Outcome.SKIPPED_BY_CIRCUIT;
            }
            return run.dependenciesSettled(this, cause instanceof CircuitConfigurationException ? Outcome.ABORTED
                    : null, cause);
        }
        endWatch();
        if (refusal != null) {
            permit.release();
            reason = refusal.getMessage();
            return finished(Outcome.SKIPPED_BY_CIRCUIT, refusal);
        }
        if (cause instanceof CircuitConfigurationException) {
            permit.release();
            return finished(Outcome.ABORTED, cause);
        }
        boolean counts = circuit.config().counts(cause);
        if (counts && (faultCounted || CallCountedFailures.countedByACall(cause))) { // counted once already
            permit.release();
        } else {
            permit.onFailure(cause);
        }
        return finished(counts ? Outcome.FAILED_COUNTED : Outcome.FAILED_NOT_COUNTED, cause);
    }

    /**
     * The test's body or set-up threw {@code thrown}, which its framework will report on its own. When it is (or
     * is caused by) a {@link CircuitOpenException} — protected code inside the test was refused — the test must
     * be reported as skipped: a granted admission is settled here as {@link Outcome#SKIPPED_BY_CIRCUIT} (nothing
     * counts on the test's own circuit), and the reason to skip it with is returned; the skip is counted in the run's
     * summary on the circuit that refused (for a test no circuit guards too). Otherwise nothing happens.
     *
     * @return the skip reason, or {@code null} when {@code thrown} is no circuit refusal
     */
    public String skipInside(Throwable thrown) {
        CircuitOpenException refusal = refusalIn(thrown);
        if (refusal == null) {
            return null;
        }
        if (isGranted() || watchesOnly()) {
            boolean watched = watchesOnly();
            Outcome settled = failed(thrown); // watched only: counted in the summary on the refusing circuit, once
            if (watched && settled == Outcome.SKIPPED_BY_CIRCUIT) {
                return reason; // deferred (its report is held back by the replay), or why it was not
            }
        } else if (verdict == Verdict.UNGUARDED) {
            run.refusedInsideUnguarded(refusal);
        }
        return refusal.getMessage();
    }

    /** The test was aborted or skipped itself (a failed assumption): nothing is recorded, a probe slot returns. */
    public Outcome aborted() {
        if (!spend()) {
            return null;
        }
        endWatch();
        if (watchesOnly()) {
            return Outcome.ABORTED;
        }
        permit.release();
        return kind == Kind.CLASS_SET_UP ? null : finished(Outcome.ABORTED, null);
    }

    /** The test never ran after all (disabled later, skipped by its framework): the permit goes back silently. */
    public void released() {
        if (spend()) {
            endWatch();
            if (permit != null) {
                permit.release();
            }
        }
    }

    /** The end of the test's scope: releases the permit if no outcome came. */
    @Override
    public void close() {
        released();
        endWatch();
        CircuitOnThread.leave(circuit);
    }

    // ------------------------------------------------------------------ for before-body steps (dev.tripswitch.spi)

    /**
     * A failure injected into this test's environment (an {@code @InjectBrowserFailure}) was already recorded on
     * the test's circuit: the test's own failure from that same fault then counts no more — one fault counts once.
     * Call it on the test's thread, before the outcome; it changes nothing for an admission that is not granted.
     */
    @Override
    public void injectedFaultCounted() {
        faultCounted = true;
    }

    /**
     * Something was done to the test's environment (an injected failure, a recovery) and belongs in its report:
     * told to the {@link dev.tripswitch.event.ProtectedTestListener reporting listeners} at once, on this thread,
     * as {@code onTestNote}. Class-level set-ups are no test: nothing is told.
     */
    @Override
    public void note(String title, boolean ok, String detailsJson) {
        if (kind == Kind.TEST) {
            run.note(this, title, ok, detailsJson);
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean spend() {
        return spent == 0 && SPENT.compareAndSet(this, 0, 1);
    }

    private Outcome finished(Outcome outcome, Throwable failure) {
        run.finished(this, outcome, failure);
        return outcome;
    }

    /** The circuit refusal {@code failure} is, or is caused by; {@code null} if none. */
    static CircuitOpenException refusalIn(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof CircuitOpenException refusal) {
                return refusal;
            }
        }
        return null;
    }

    boolean belongsTo(TestRun r) {
        return run == r;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "Admission[" + test.displayName() + ": " + verdict + (circuit == null ? "" : " by " + circuit.name())
                + "]";
    }
}
