package dev.tripswitch.junit;

import dev.tripswitch.Replay;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes the events of Jupiter's runs (the first and each replay round) on to the {@code tripswitch} engine's
 * listener, for the mirrors of the nodes, so that every test has exactly one result: that of its last run.
 * <ul>
 *   <li>a deferred test's skip (a dynamic test's abort, a test factory's skip) is held back: it will run again;</li>
 *   <li>every container above a deferred test is held open: its end, with the worse of its results, is reported
 *       once all rounds are over ({@link #finishHeldContainers()}), deepest first;</li>
 *   <li>what was reported already is not reported again: a container or a dynamic test started in an earlier
 *       round, a node Jupiter registers again.</li>
 * </ul>
 * Thread-safe: Jupiter may run tests in parallel.
 */
final class ReplayForwarding implements TestExecutionListener {

    /** Holds the place of a held container's result until its end comes. */
    private static final TestExecutionResult NOT_ENDED = TestExecutionResult.successful();

    private final ReplayRoot root;
    private final EngineExecutionListener out;
    private final Replay replay;
    private final Map<String, TestExecutionResult> heldContainers = new ConcurrentHashMap<>();

    ReplayForwarding(ReplayRoot root, EngineExecutionListener out, Replay replay) {
        this.root = root;
        this.out = out;
        this.replay = replay;
    }

    @Override
    public void dynamicTestRegistered(TestIdentifier node) {
        root.registered(node).ifPresent(out::dynamicTestRegistered);
    }

    @Override
    public void executionStarted(TestIdentifier node) {
        Mirror mirror = root.mirrorOrNull(node.getUniqueId());
        if (mirror != null && mirror.start(this)) {
            out.executionStarted(mirror);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier node, String reason) {
        String id = node.getUniqueId();
        Mirror mirror = root.mirrorOrNull(id);
        if (mirror == null) {
            return;
        }
        if (replay.isDeferred(id)) { // a test, or a test factory deferred as a whole
            holdAncestors(id);
        } else if (mirror.startedIn(this)) {
            out.executionFinished(mirror, TestExecutionResult.aborted(new TestAbortedException(reason)));
        } else {
            out.executionSkipped(mirror, reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier node, TestExecutionResult result) {
        String id = node.getUniqueId();
        Mirror mirror = root.mirrorOrNull(id);
        if (mirror == null) {
            return;
        }
        if (node.isTest()) {
            if (replay.isDeferred(id)) { // a dynamic test, deferred while it ran: it runs again
                holdAncestors(id);
                return;
            }
        } else if (!heldContainers.isEmpty() && heldContainers.computeIfPresent(id,
                (k, held) -> held == NOT_ENDED ? result : Mirror.worse(held, result)) != null) {
            return;
        }
        out.executionFinished(mirror, result);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier node, ReportEntry entry) {
        Mirror mirror = root.mirrorOrNull(node.getUniqueId());
        if (mirror != null) {
            out.reportingEntryPublished(mirror, entry);
        }
    }

    @Override
    public void fileEntryPublished(TestIdentifier node, FileEntry file) {
        Mirror mirror = root.mirrorOrNull(node.getUniqueId());
        if (mirror != null) {
            out.fileEntryPublished(mirror, file);
        }
    }

    /** Every container above the deferred test stays open until the replay is over. */
    private void holdAncestors(String testId) {
        List<UniqueId.Segment> segments = UniqueId.parse(testId).getSegments();
        UniqueId ancestor = UniqueId.root(segments.get(0).getType(), segments.get(0).getValue());
        for (UniqueId.Segment s : segments.subList(1, segments.size() - 1)) {
            ancestor = ancestor.append(s);
            if (root.mirrorOf(ancestor.toString()).isPresent()) {
                heldContainers.putIfAbsent(ancestor.toString(), NOT_ENDED);
            }
        }
    }

    /** A deferred test that never ran again ends skipped (or, a dynamic test that had started, aborted). */
    void abandon(String testId, String reason) {
        root.mirrorOf(testId).ifPresent(mirror -> {
            if (mirror.startedIn(this)) {
                out.executionFinished(mirror, TestExecutionResult.aborted(new TestAbortedException(reason)));
            } else {
                out.executionSkipped(mirror, reason);
            }
        });
    }

    /** The held containers end, deepest first, each with the worse of its results. */
    void finishHeldContainers() {
        List<String> ids = new ArrayList<>(heldContainers.keySet());
        ids.sort(Comparator.comparingInt((String id) -> UniqueId.parse(id).getSegments().size()).reversed());
        for (String id : ids) {
            TestExecutionResult result = heldContainers.remove(id);
            root.mirrorOf(id).ifPresent(m -> out.executionFinished(m, result));
        }
    }
}
