package dev.tripswitch.junit;

import dev.tripswitch.Replay;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.TestAbortedException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes the events of Jupiter's executions (the first round and each replay round) on to the listener of the
 * launcher that runs the {@code tripswitch} engine, so that every test has exactly one result: that of its last
 * run. Jupiter's descriptors carry this engine's ids, so an event goes on as it is; only what replay concerns is
 * looked at:
 * <ul>
 *   <li>a deferred test's skip (a dynamic test's abort, a test factory's skip) is held back: it will run again;</li>
 *   <li>every container above a deferred test is held open: its end, with the worse of its results, is reported
 *       once all rounds are over ({@link #finishHeldContainers()}), deepest first;</li>
 *   <li>what was reported already is not reported again: a container's start, a held test's start, a node Jupiter
 *       registers again in a replay round;</li>
 *   <li>Jupiter's own root is this engine's root: its start and end are not passed on, a failure of it is kept
 *       for this engine's result ({@link #jupiterResult()});</li>
 *   <li>when the launcher prunes stack traces (its default), a failure loses the frames of this engine, which
 *       stand between Jupiter's frames and the launcher's and would be kept: the trace is the one Jupiter alone
 *       gives.</li>
 * </ul>
 * Until a test is deferred, a test's event costs one volatile read on top of the forwarding. Thread-safe: Jupiter
 * may run tests in parallel.
 */
final class ReplayForwarding implements EngineExecutionListener {

    /** A held container: the last descriptor seen for it and the worse of its results so far (null: not ended). */
    private static final String ENGINE_CLASS = ReplayingEngine.class.getName();

    private record Held(TestDescriptor descriptor, TestExecutionResult result) { }

    private final TestDescriptor root;
    private final EngineExecutionListener out;
    private final Replay replay;
    private final boolean pruneStackTraces;
    /** Containers, and tests held after they started, whose start was reported. */
    private final Set<UniqueId> started = ConcurrentHashMap.newKeySet();
    /** Nodes Jupiter registers again when a replay round runs them: held tests and what is above them. */
    private final Set<UniqueId> registered = ConcurrentHashMap.newKeySet();
    private final Map<UniqueId, Held> heldContainers = new ConcurrentHashMap<>();
    /** The deferred tests held back, by id: for the result of one never run again. */
    private final Map<UniqueId, TestDescriptor> heldTests = new ConcurrentHashMap<>();
    private volatile boolean replaying;
    private volatile TestExecutionResult jupiterFailure;

    ReplayForwarding(TestDescriptor root, EngineExecutionListener out, Replay replay, boolean pruneStackTraces) {
        this.root = root;
        this.out = out;
        this.replay = replay;
        this.pruneStackTraces = pruneStackTraces;
    }

    /** A replay round is about to run: from now on, what was reported already is recognised. */
    void replaying() {
        replaying = true;
    }

    @Override
    public void dynamicTestRegistered(TestDescriptor node) {
        if (!replaying || registered.add(node.getUniqueId())) {
            out.dynamicTestRegistered(node);
        }
    }

    @Override
    public void executionStarted(TestDescriptor node) {
        if (node.isRoot()) {
            return;
        }
        if (node.isTest() ? !replaying || !started.contains(node.getUniqueId())
                : started.add(node.getUniqueId())) {
            out.executionStarted(node);
        }
    }

    @Override
    public void executionSkipped(TestDescriptor node, String reason) {
        if (node.isRoot()) {
            return;
        }
        UniqueId id = node.getUniqueId();
        if (deferred(node)) { // a test, or a test factory deferred as a whole
            hold(node, false);
        } else if (started.contains(id)) { // started in an earlier round
            TestExecutionResult aborted = TestExecutionResult.aborted(new TestAbortedException(reason));
            if (!mergedIntoHeld(id, aborted)) {
                out.executionFinished(node, withoutEngineFrames(aborted));
            }
        } else {
            out.executionSkipped(node, reason);
        }
    }

    @Override
    public void executionFinished(TestDescriptor node, TestExecutionResult result) {
        if (node.isRoot()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && jupiterFailure == null) {
                jupiterFailure = result;
            }
            return;
        }
        if (node.isTest()) {
            if (deferred(node)) { // a dynamic test, deferred while it ran: it runs again
                hold(node, true);
                return;
            }
        } else if (mergedIntoHeld(node.getUniqueId(), result)) {
            return;
        }
        out.executionFinished(node, withoutEngineFrames(result));
    }

    @Override
    public void reportingEntryPublished(TestDescriptor node, ReportEntry entry) {
        out.reportingEntryPublished(node.isRoot() ? root : node, entry);
    }

    @Override
    public void fileEntryPublished(TestDescriptor node, FileEntry file) {
        out.fileEntryPublished(node.isRoot() ? root : node, file);
    }

    private boolean deferred(TestDescriptor node) {
        return replay.anyDeferred() && replay.isDeferred(EngineIds.asJupiter(node.getUniqueId().toString()));
    }

    /** A held container's end (of this round): kept, the worse of its results; false when it is not held. */
    private boolean mergedIntoHeld(UniqueId id, TestExecutionResult result) {
        return !heldContainers.isEmpty() && heldContainers.computeIfPresent(id,
                (k, held) -> new Held(held.descriptor(), worse(held.result(), result))) != null;
    }

    /** A deferred test is held back, and every container above it stays open until the replay is over. */
    private void hold(TestDescriptor test, boolean hasStarted) {
        UniqueId id = test.getUniqueId();
        heldTests.put(id, test);
        registered.add(id);
        if (hasStarted) {
            started.add(id);
        }
        for (Optional<TestDescriptor> p = test.getParent(); p.isPresent() && !p.get().isRoot();
             p = p.get().getParent()) {
            TestDescriptor container = p.get();
            heldContainers.putIfAbsent(container.getUniqueId(), new Held(container, null));
            registered.add(container.getUniqueId());
        }
    }

    /** A deferred test that never ran again ends skipped (or, one that had started, aborted). */
    void abandon(String jupiterTestId, String reason) {
        UniqueId id = EngineIds.withEngine(UniqueId.parse(jupiterTestId), ReplayingEngine.ID);
        TestDescriptor test = heldTests.get(id);
        if (test == null) {
            return;
        }
        if (started.contains(id)) {
            out.executionFinished(test, TestExecutionResult.aborted(new TestAbortedException(reason)));
        } else {
            out.executionSkipped(test, reason);
        }
    }

    /** The held containers end, deepest first, each with the worse of its results. */
    void finishHeldContainers() {
        List<Held> held = new ArrayList<>(heldContainers.values());
        heldContainers.clear();
        held.sort(Comparator.comparingInt((Held h) -> h.descriptor().getUniqueId().getSegments().size())
                .reversed());
        for (Held h : held) {
            out.executionFinished(h.descriptor(),
                    h.result() == null ? TestExecutionResult.successful() : withoutEngineFrames(h.result()));
        }
    }

    /** This engine's result: the first failure of Jupiter's root in any round, else success. */
    TestExecutionResult jupiterResult() {
        TestExecutionResult failure = jupiterFailure;
        return failure == null ? TestExecutionResult.successful() : failure;
    }

    /** {@code result}, its throwables (and their causes and suppressed ones) without this engine's frames. */
    private TestExecutionResult withoutEngineFrames(TestExecutionResult result) {
        Throwable thrown = result.getThrowable().orElse(null);
        if (!pruneStackTraces || thrown == null) {
            return result;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>(List.of(thrown));
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            StackTraceElement[] frames = t.getStackTrace();
            StackTraceElement[] kept = Arrays.stream(frames)
                    .filter(f -> !f.getClassName().equals(ENGINE_CLASS)).toArray(StackTraceElement[]::new);
            if (kept.length != frames.length) {
                t.setStackTrace(kept);
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                todo.push(suppressed);
            }
        }
        return result;
    }

    /** Of two results of one container (its first run and a replay round), the one to report: the worse. */
    static TestExecutionResult worse(TestExecutionResult a, TestExecutionResult b) {
        if (a == null) {
            return b;
        }
        return b != null && b.getStatus().ordinal() > a.getStatus().ordinal() ? b : a;
    }
}
