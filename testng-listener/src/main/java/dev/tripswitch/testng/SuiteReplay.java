package dev.tripswitch.testng;

import dev.tripswitch.Admission;
import dev.tripswitch.Replay;
import dev.tripswitch.TestRun;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.testng.ISuite;
import org.testng.ITestContext;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.TestRunner;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One running suite's {@link TestRun} and what its replay needs on the TestNG side; core's {@link Replay} decides.
 *
 * <p>Basic approach: a deferred invocation is marked SKIP and {@linkplain ITestResult#setWasRetried retried} — TestNG
 * cannot hold a result back, and its own reports count a retried result as superseded, as they do for its own
 * retries — and its {@link Invocations.Key} is kept under its id. When a replay copy ({@link ReplayTests}) starts,
 * after every {@code <test>} of earlier rounds has finished, the first copy of its round asks core for the round
 * ({@link Replay#nextRound()}, which waits for the circuits) and the copies share it out by original {@code <test>};
 * each copy gets a {@link ReplayRound} interceptor that keeps exactly its share. The final copies take what core
 * abandons ({@link TestRun#abandonDeferred()}), to be reported skipped with its final reason.
 *
 * <p>Thread-safe: deferrals come from the test threads; copies start on the suite's threads.
 */
final class SuiteReplay {

    static final String REPLAY_SKIP = "tripswitch.replaySkip"; // result attribute: skipped as replay decided (once)
    /** TestNG's switch that runs every parallel suite's {@code <test>}s in parallel. */
    private static final String STRICT_PARALLELISM = "testng.strict.parallel";

    private final ISuite suite;
    private final TestRun run;
    private final Map<String, Invocations.Key> keys = new ConcurrentHashMap<>(); // deferred invocations, by id
    private final Map<String, ITestResult> lastDeferral = new ConcurrentHashMap<>(); // by id
    /** The deferred admission of a method on an instance, for the tests that depend on it. */
    private final Map<Object, Map<Method, Admission>> deferredMethods = new IdentityHashMap<>();
    private final Map<Integer, Map<String, List<Invocations.Key>>> shares = new ConcurrentHashMap<>(); // by round
    private final Map<String, String> abandonReasons = new ConcurrentHashMap<>(); // by id
    private final Set<String> finishedTests = new HashSet<>(); // guarded by itself

    private SuiteReplay(ISuite suite, TestRun run) {
        this.suite = suite;
        this.run = run;
    }

    /** The run of {@code suite}: a replaying one unless no round is planned, or nothing runs (a dry run). */
    static SuiteReplay start(ISuite suite, boolean dryRun) {
        XmlSuite xml = suite.getXmlSuite();
        if (dryRun || xml.getTests().stream().noneMatch(ReplayTests::isCopy)) { // rounds = 0 plans no copy
            return new SuiteReplay(suite, TestRun.start());
        }
        return new SuiteReplay(suite, TestRun.startReplaying("testng:" + suite.getName() + ":" + UUID.randomUUID(),
                Replay.budgetFrom(xml::getParameter, ReplayTests.SUITE_PARAMETER)));
    }

    TestRun run() {
        return run;
    }

    // ------------------------------------------------------------------ deferrals

    /** The invocation in {@code result} was deferred: reported as a retried skip for now, kept for its round. */
    void deferred(ITestResult result, Admission admission, Invocations.Key key) {
        CircuitRefusedSkip.defer(result, admission.reason());
        keys.put(key.id(), key);
        lastDeferral.put(key.id(), result);
        synchronized (deferredMethods) {
            deferredMethods.computeIfAbsent(result.getInstance(), i -> new LinkedHashMap<>())
                    .put(Invocations.javaMethod(result.getMethod()), admission);
        }
    }

    /**
     * For a test TestNG skipped because of the methods it depends on: a deferred invocation of one of them, when
     * none of them failed or was skipped for good (then the skip is the dependency's own); else {@code null}.
     */
    private Admission deferredUpstreamOf(ITestResult result) {
        ITestContext context = result.getTestContext();
        Admission found = null;
        synchronized (deferredMethods) {
            for (ITestNGMethod upstream : result.getMethod().upstreamDependencies()) {
                if (!context.getFailedTests().getResults(upstream).isEmpty()
                        || context.getSkippedTests().getResults(upstream).stream().anyMatch(r -> !r.wasRetried())) {
                    return null;
                }
                Map<Method, Admission> ofInstance = deferredMethods.get(upstream.getInstance());
                Admission deferred = ofInstance == null ? null : ofInstance.get(Invocations.javaMethod(upstream));
                if (deferred != null) {
                    found = deferred;
                }
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ replay copies

    /**
     * A {@code <test>} starts: for a replay copy, waits for the {@code <test>}s of earlier rounds (when the suite runs
     * its tests in parallel), takes its share of its round and installs the interceptor that keeps it.
     */
    void testStarts(ITestContext context) {
        XmlTest test = context.getCurrentXmlTest();
        if (!ReplayTests.isCopy(test) || context.getAttribute(ReplayTests.SHARE) != null) {
            return;
        }
        List<Invocations.Key> share = List.of();
        try {
            awaitEarlierRounds(test);
            share = roundOf(ReplayTests.roundOf(test)).getOrDefault(ReplayTests.originalName(test), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the suite is being stopped: the copy runs nothing
        }
        context.setAttribute(ReplayTests.SHARE, share);
        if (!(context instanceof TestRunner runner)) {
            throw new IllegalStateException("Tripswitch replays TestNG tests through org.testng.TestRunner, but the"
                    + " context of <test> '" + test.getName() + "' is a " + context.getClass().getName()
                    + " (set " + Replay.ROUNDS_SETTING + "=0 to plan no replay)");
        }
        runner.addListener(new ReplayRound(share));
    }

    /** A {@code <test>} finished: later rounds may start. */
    void testFinished(ITestContext context) {
        synchronized (finishedTests) {
            finishedTests.add(context.getCurrentXmlTest().getName());
            finishedTests.notifyAll();
        }
    }

    /** In a final copy, the test in {@code result} is reported skipped with the reason core abandoned it with. */
    void reportAbandoned(ITestResult result) {
        Invocations.Key key = Invocations.keyOf(result.getMethod(), result.getInstance(), result.getTestContext(),
                result.getParameterIndex());
        result.setAttribute(REPLAY_SKIP, key);
        CircuitRefusedSkip.skip(result, abandonReason(key));
    }

    /**
     * A test that TestNG skipped without running it (a method it depends on did not pass, or its set-up failed):
     * when a method it depends on was deferred, it is deferred along — its replay needs the whole chain; in a final
     * copy it gets its final reason. Once per result: TestNG tells of it after its invocation (to the invoked-method
     * listeners) and when it reports it skipped.
     */
    void skippedByTestNG(ITestResult result) {
        if (result.getAttribute(REPLAY_SKIP) != null || result.wasRetried()) {
            return;
        }
        ITestContext context = result.getTestContext();
        Invocations.Key key = Invocations.keyOf(result.getMethod(), result.getInstance(), context,
                Invocations.ALL_ROWS); // TestNG skips a method as a whole
        if (ReplayTests.isFinalCopy(context)) {
            result.setAttribute(REPLAY_SKIP, key);
            CircuitRefusedSkip.skip(result, abandonReason(key));
            return;
        }
        Admission upstream = deferredUpstreamOf(result);
        if (upstream == null) {
            return;
        }
        Admission along = run.deferAlong(key.identity(), upstream);
        result.setAttribute(REPLAY_SKIP, along);
        if (along.isDeferred()) {
            deferred(result, along, key);
        } else {
            CircuitRefusedSkip.skip(result, along.reason());
        }
    }

    /** The final skip reason of the deferred invocation {@code key}, given when core abandoned it. */
    private String abandonReason(Invocations.Key key) {
        String reason = abandonReasons.get(key.id());
        if (reason == null) { // a row of a method deferred as a whole
            reason = abandonReasons.get(new Invocations.Key(key.test(), key.testClass(), key.method(),
                    key.factoryIndex(), Invocations.ALL_ROWS).id());
        }
        return reason != null ? reason : "deferred and not run again";
    }

    private void awaitEarlierRounds(XmlTest copy) throws InterruptedException {
        XmlSuite xml = copy.getSuite();
        boolean testsInParallel = XmlSuite.ParallelMode.TESTS.equals(xml.getParallel())
                || (Boolean.getBoolean(STRICT_PARALLELISM) && !XmlSuite.ParallelMode.NONE.equals(xml.getParallel()));
        if (!testsInParallel) {
            return; // TestNG runs the <test>s one after the other, in order
        }
        int round = ReplayTests.roundOf(copy);
        List<String> earlier = xml.getTests().stream().filter(t -> ReplayTests.roundOf(t) < round)
                .map(XmlTest::getName).toList();
        synchronized (finishedTests) {
            while (!finishedTests.containsAll(earlier)) {
                finishedTests.wait();
            }
        }
    }

    /** The shares of a round by original {@code <test>}, taken from core once, by the round's first copy. */
    private synchronized Map<String, List<Invocations.Key>> roundOf(int round) {
        Map<String, List<Invocations.Key>> taken = shares.get(round);
        if (taken != null) {
            return taken;
        }
        Replay replay = run.replay().orElse(null);
        List<TestIdentity> tests = new ArrayList<>();
        if (replay != null && round == Integer.MAX_VALUE) {
            for (Replay.Abandoned a : run.abandonDeferred()) {
                abandonReasons.put(a.test().id(), a.reason());
                tests.add(a.test());
            }
        } else if (replay != null) {
            tests.addAll(replay.nextRound());
        }
        Map<String, List<Invocations.Key>> byTest = new LinkedHashMap<>();
        for (TestIdentity t : tests) {
            Invocations.Key key = keys.get(t.id());
            if (key != null) {
                byTest.computeIfAbsent(key.test(), n -> new ArrayList<>()).add(key);
            }
        }
        shares.put(round, byTest);
        return byTest;
    }

    // ------------------------------------------------------------------ the end

    /**
     * The suite is over: tests still deferred (none, unless a final copy could not run) are abandoned, and since no
     * {@code <test>} is left to report them, their last deferral is turned into their final skip; the run ends.
     *
     * @return the run's summary lines
     */
    List<String> end() {
        try {
            for (Replay.Abandoned a : run.abandonDeferred()) {
                ITestResult last = lastDeferral.get(a.test().id());
                if (last != null) {
                    last.setWasRetried(false);
                    CircuitRefusedSkip.skip(last, a.reason());
                }
            }
            return run.summaryLines();
        } finally {
            run.end();
            synchronized (deferredMethods) {
                deferredMethods.clear();
            }
        }
    }

    @Override
    public String toString() {
        return "SuiteReplay[" + suite.getName() + ", " + Collections.unmodifiableMap(shares) + "]";
    }
}
