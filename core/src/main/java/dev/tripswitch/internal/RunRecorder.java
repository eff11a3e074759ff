package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitEventListener;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the {@link RunRecord} of one run while it runs. The run tells it of each circuit before the circuit's
 * first test ({@link #use}) and of what became of each test ({@link #mark}: one small object, added to a queue);
 * what happens on the circuit itself — transitions, the counted failures that opened it, health-check answers — it
 * hears as a listener of the circuit, added on first use and removed when the run is {@linkplain #finish finished}.
 * It adds nothing to the circuit's own paths: the listener does not hear successes.
 *
 * <p>Thread-safe.
 */
public final class RunRecorder {

    private static final int MOST_FAILURES_KEPT = 1000;

    private final Map<String, CircuitLog> circuits = new ConcurrentHashMap<>();
    private volatile long startedAtMillis = Long.MIN_VALUE;

    /** Notes that the run uses {@code circuit} (before its first test asks for permission). */
    public void use(CircuitBreaker circuit) {
        if (!circuits.containsKey(circuit.name())) {
            circuits.computeIfAbsent(circuit.name(), n -> {
                CircuitLog log = new CircuitLog(circuit);
                circuit.addListener(log);
                if (startedAtMillis == Long.MIN_VALUE) {
                    startedAtMillis = circuit.config().clock().millis();
                }
                return log;
            });
        }
    }

    /** Now, by {@code circuit}'s clock. */
    public static long now(CircuitBreaker circuit) {
        return circuit.config().clock().millis();
    }

    /** What became of one test of {@code circuit}, which asked it at {@code atMillis}. */
    public void mark(CircuitBreaker circuit, TestIdentity test, TestMark.Fate fate, long atMillis,
                     long durationMillis, long waitedMillis, boolean probe, boolean replayed, String reason) {
        CircuitLog log = circuits.get(circuit.name());
        if (log != null) {
            log.tests.add(new TestMark(test.framework(), test.className(), test.displayName(), test.id(), fate,
                    Instant.ofEpochMilli(atMillis), durationMillis, waitedMillis, probe, replayed, reason));
        }
    }

    /** True when the run used no circuit: there is nothing to record. */
    public boolean isEmpty() {
        return circuits.isEmpty();
    }

    /**
     * The run is over: its record, with each circuit as it is now. The recorder stops listening to the circuits.
     *
     * @param store where the circuits' state lived, as the registry describes it
     */
    public RunRecord finish(String runId, String partId, String store) {
        List<CircuitRecord> records = new ArrayList<>();
        Set<String> frameworks = new LinkedHashSet<>();
        long endedAt = Long.MIN_VALUE;
        List<CircuitLog> logs = new ArrayList<>(circuits.values());
        logs.sort(Comparator.comparing(l -> l.circuit.name()));
        for (CircuitLog log : logs) {
            CircuitState finalState = log.circuit.state(); // may move OPEN on to HALF_OPEN: the log hears it
            log.circuit.removeListener(log);
            endedAt = Math.max(endedAt, now(log.circuit));
            List<TestMark> tests = List.copyOf(log.tests);
            tests.forEach(t -> frameworks.add(t.framework()));
            records.add(log.record(store, finalState, tests));
        }
        long started = startedAtMillis == Long.MIN_VALUE ? endedAt : startedAtMillis;
        return new RunRecord(runId, partId, Instant.ofEpochMilli(started), Instant.ofEpochMilli(endedAt),
                RunIdentity.jvm(List.copyOf(frameworks)), records);
    }

    /** What one circuit did: heard as its listener, and told by the run. */
    private static final class CircuitLog implements CircuitEventListener {
        final CircuitBreaker circuit;
        final Queue<TestMark> tests = new ConcurrentLinkedQueue<>();
        private final int streak; // the counted failures in a row that open it
        // guarded by this
        private final List<CircuitSnapshot.Transition> transitions = new ArrayList<>();
        private final List<List<CircuitRecord.Failure>> openedBy = new ArrayList<>();
        private final List<CircuitRecord.HealthAnswer> health = new ArrayList<>();
        private final ArrayDeque<CircuitRecord.Failure> recent = new ArrayDeque<>();
        private List<CircuitRecord.Failure> awaitingItsFailure; // an opening told before the failure that caused it

        CircuitLog(CircuitBreaker circuit) {
            this.circuit = circuit;
            this.streak = Math.min(MOST_FAILURES_KEPT, circuit.config().failureThreshold());
        }

        /**
         * A circuit tells a transition before the failure that caused it: an opening takes the failures in a row
         * heard so far (the threshold's worth, less the one to come; none for a failed probe) and waits for that one.
         */
        @Override
        public synchronized void onStateTransition(CircuitBreaker c, CircuitSnapshot.Transition transition) {
            List<CircuitRecord.Failure> causes = new ArrayList<>();
            if (transition.to() == CircuitState.OPEN) {
                int before = transition.from() == CircuitState.CLOSED ? streak - 1 : 0;
                List<CircuitRecord.Failure> heard = new ArrayList<>(recent);
                causes.addAll(heard.subList(Math.max(0, heard.size() - before), heard.size()));
                awaitingItsFailure = causes;
            } else {
                awaitingItsFailure = null;
            }
            recent.clear();
            transitions.add(transition);
            openedBy.add(causes);
        }

        @Override
        public void onFailure(CircuitBreaker c, Throwable failure, boolean counted) {
            if (!counted) {
                return;
            }
            CircuitSnapshot.FailureInfo info = CircuitSnapshot.FailureInfo.of(failure, null);
            String firstLine = info.message() == null ? null : info.message().lines().findFirst().orElse("");
            CircuitRecord.Failure f = new CircuitRecord.Failure(Instant.ofEpochMilli(now(circuit)), info.type(),
                    firstLine);
            synchronized (this) {
                if (awaitingItsFailure != null) {
                    awaitingItsFailure.add(f);
                    awaitingItsFailure = null;
                    return;
                }
                recent.addLast(f);
                while (recent.size() > Math.max(1, streak)) {
                    recent.removeFirst();
                }
            }
        }

        /**
         * Keeps each answer except a healthy one right after a healthy one: a CLOSED circuit's check is asked once
         * per interval all run long, and only its first healthy answer and each change say something.
         */
        @Override
        public synchronized void onHealthCheck(CircuitBreaker c, boolean healthy, String answer) {
            if (healthy && !health.isEmpty() && health.get(health.size() - 1).healthy()) {
                return;
            }
            health.add(new CircuitRecord.HealthAnswer(Instant.ofEpochMilli(now(circuit)), healthy, answer));
        }

        synchronized CircuitRecord record(String store, CircuitState finalState, List<TestMark> tests) {
            Map<String, String> sources = circuit.config().settingSources();
            Map<String, CircuitRecord.Setting> settings = new LinkedHashMap<>();
            circuit.config().asProperties().forEach((name, value) ->
                    settings.put(name, new CircuitRecord.Setting(value, sources.getOrDefault(name, "default"))));
            List<CircuitRecord.Transition> changes = new ArrayList<>();
            for (int i = 0; i < transitions.size(); i++) {
                CircuitSnapshot.Transition t = transitions.get(i);
                changes.add(new CircuitRecord.Transition(t.from(), t.to(), t.at(), t.reason(), openedBy.get(i)));
            }
            return new CircuitRecord(circuit.name(), store, finalState, settings, changes, health, tests);
        }
    }
}
