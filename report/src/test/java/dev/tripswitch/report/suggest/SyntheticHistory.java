package dev.tripswitch.report.suggest;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitEventListener;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.Parts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Histories made from known outages: each run is a suite of tests run through a real circuit set to skip while open,
 * against an availability drawn from a known distribution, and recorded as a run records it (counted failures,
 * skips, probes, transitions). Beside each run it keeps the truth — the availability and the tests' real times — so
 * that a test can score candidates on what really happened, independently of what the history lets the
 * reconstruction see.
 */
final class SyntheticHistory {

    /** The suite: how many tests, the time between them, and how long one takes to pass and to fail. */
    record Suite(int tests, long idleMillis, long passMillis, long failMillis) {
    }

    /** How outages come: per run, the odds of an outage and its length range; the odds of a blip of N failures. */
    record Outages(double outageOdds, long shortestMillis, long longestMillis, double blipOdds, int blipFailures) {
    }

    /** One run: as the history has it, and the truth. */
    record Run(HistoryRun recorded, CircuitTimeline truth) {
    }

    static final String CIRCUIT = "shop";

    private SyntheticHistory() {
    }

    static List<Run> runs(int count, long seed, Suite suite, Outages outages, Candidate recordedWith) {
        Random random = new Random(seed);
        List<Run> out = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T08:00:00Z");
        for (int i = 0; i < count; i++) {
            out.add(run(String.format("run-%03d", i), start.plus(Duration.ofHours(i)), random, suite, outages,
                    recordedWith));
        }
        return out;
    }

    /** The truth of many runs, for the independent optimum. */
    static List<CircuitTimeline> truths(List<Run> runs) {
        return runs.stream().map(Run::truth).toList();
    }

    static List<HistoryRun> recorded(List<Run> runs) {
        return runs.stream().map(Run::recorded).toList();
    }

    private static Run run(String runId, Instant start, Random random, Suite suite, Outages o, Candidate settings) {
        long step = suite.idleMillis() + suite.passMillis(); // a test's place when nothing fails
        List<Availability.Outage> down = new ArrayList<>();
        if (random.nextDouble() < o.outageOdds()) {
            long from = step * (3 + random.nextInt(suite.tests() / 2)) - suite.idleMillis() / 2;
            long length = o.shortestMillis() + (long) (random.nextDouble() * (o.longestMillis() - o.shortestMillis()));
            down.add(new Availability.Outage(from, from + length));
        }
        if (random.nextDouble() < o.blipOdds()) {
            // just before the start of a test early in the run, lasting until just after the start of its
            // blipFailures-th test when nothing opens: the next test finds it back
            long at = step * (1 + random.nextInt(2)) + suite.idleMillis();
            down.add(new Availability.Outage(at - 10, at + (o.blipFailures() - 1) * (suite.idleMillis()
                    + suite.failMillis()) + 10, true));
        }
        Availability truth = Availability.withOutages(down);
        List<ReplayTest> tests = new ArrayList<>();
        for (int i = 0; i < suite.tests(); i++) {
            tests.add(new ReplayTest("T" + i, ReplayTest.Kind.PASSES, suite.idleMillis(), suite.passMillis(),
                    suite.failMillis()));
        }
        HistoryRun recorded = record(runId, start, truth, tests, settings);
        return new Run(recorded, new CircuitTimeline(runId, runId + "-p1", CIRCUIT, truth, tests, false, 0, 1));
    }

    /** Runs the tests through a real circuit that skips while open, and records what happened. */
    private static HistoryRun record(String runId, Instant start, Availability truth, List<ReplayTest> tests,
                                     Candidate settings) {
        ReplayClock clock = new ReplayClock();
        Candidate skipping = new Candidate(settings.failureThreshold(), settings.halfOpenAfter(),
                settings.recoveryTimeout(), dev.tripswitch.WhenOpen.SKIP, settings.maxWait(),
                settings.healthCheckInterval());
        CircuitBreaker breaker = CircuitBreaker.of(CIRCUIT, skipping.config(clock, false));
        List<CircuitRecord.Transition> transitions = new ArrayList<>();
        breaker.addListener(new CircuitEventListener() {
            @Override
            public void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
                transitions.add(new CircuitRecord.Transition(t.from(), t.to(), at(start, clock.offset()),
                        t.reason(), List.of()));
            }
        });
        List<TestMark> marks = new ArrayList<>();
        for (ReplayTest t : tests) {
            clock.advance(t.idleBefore());
            long asked = clock.offset();
            CircuitPermit permit = breaker.tryAcquirePermission();
            if (permit == null) {
                marks.add(mark(start, t, TestMark.Fate.SKIPPED, asked, 0, false, "circuit 'shop' is OPEN"));
                continue;
            }
            if (truth.isDown(asked)) {
                clock.advance(t.failMillis());
                marks.add(mark(start, t, TestMark.Fate.FAILED_COUNTED, asked, t.failMillis(), permit.isProbe(),
                        "java.net.ConnectException: Connection refused"));
                permit.onFailure(new IOException("down"));
            } else {
                clock.advance(t.passMillis());
                marks.add(mark(start, t, TestMark.Fate.PASSED, asked, t.passMillis(), permit.isProbe(), null));
                permit.onSuccess();
            }
        }
        Map<String, CircuitRecord.Setting> recorded = new LinkedHashMap<>();
        skipping.asProperties().forEach((k, v) -> recorded.put(k, new CircuitRecord.Setting(v, "default")));
        CircuitRecord circuit = new CircuitRecord(CIRCUIT, "memory", breaker.state(), recorded, transitions,
                List.of(), marks);
        RunRecord record = new RunRecord(runId, runId + "-p1", start, at(start, clock.offset() + 1000),
                new RunRecord.Jvm("ci", 1, "17", "/build", null, List.of("junit5")), List.of(circuit));
        return new HistoryRun(runId, List.of(Parts.of(record)));
    }

    private static TestMark mark(Instant start, ReplayTest t, TestMark.Fate fate, long at, long ms, boolean probe,
                                 String reason) {
        return new TestMark("junit5", "com.example.ShopTest", t.name() + "()", "[method:" + t.name() + "]", fate,
                at(start, at), ms, 0, probe, false, reason);
    }

    private static Instant at(Instant start, long offset) {
        return start.plusMillis(offset);
    }

}
