package dev.tripswitch.bench.suggest;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitEventListener;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.Replay;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs of a simulated suite of API tests through a real circuit with Tripswitch's default settings, on a virtual
 * clock, against outages drawn from a stated distribution; each run is recorded as a run records it (counted
 * failures, refusals, deferrals and their replay at the end, probes, transitions). The suite: {@value #TESTS} tests,
 * 50–150 ms apart, each passing in 0.3–1.5 s or failing on its client's 5 s timeout when the service is down. The
 * outages: in each run, with odds 0.6, one outage of 5–150 s (uniform) starting anywhere in the first two thirds;
 * with odds 0.3, one blip: the service down for one or two tests, back for the next. Seeded.
 */
final class SimulatedSuiteRuns {

    static final int TESTS = 100;
    static final String CIRCUIT = "orders-api";
    private static final long TIMEOUT_MILLIS = 5000;

    /** One outage or blip of a run: from, to (ms from the run's start). */
    record Down(long from, long to) {
    }

    private final Random random;

    SimulatedSuiteRuns(long seed) {
        this.random = new Random(seed);
    }

    /** The next run: its record, recorded under the defaults. */
    RunRecord next(String runId, Instant start) {
        long[] pass = new long[TESTS];
        long[] idle = new long[TESTS];
        for (int i = 0; i < TESTS; i++) {
            pass[i] = 300 + random.nextInt(1200);
            idle[i] = 50 + random.nextInt(100);
        }
        List<Down> down = new ArrayList<>();
        double typical = 950 + 100; // a test's mean time and gap when nothing fails
        if (random.nextDouble() < 0.6) {
            long from = (long) (random.nextDouble() * TESTS * typical * 2 / 3);
            down.add(new Down(from, from + 5000 + random.nextInt(145_001)));
        }
        if (random.nextDouble() < 0.3) {
            long at = (long) (random.nextDouble() * TESTS * typical / 2);
            int failures = 1 + random.nextInt(2);
            down.add(new Down(at, at + failures * (TIMEOUT_MILLIS + 100) - 200));
        }
        return record(runId, start, pass, idle, down);
    }

    private static RunRecord record(String runId, Instant start, long[] pass, long[] idle, List<Down> down) {
        VirtualClock clock = new VirtualClock(start.toEpochMilli());
        CircuitBreakerConfig config = CircuitBreakerConfig.custom().clock(clock).build(); // the defaults
        CircuitBreaker breaker = CircuitBreaker.of(CIRCUIT, config);
        List<CircuitRecord.Transition> transitions = new ArrayList<>();
        breaker.addListener(new CircuitEventListener() {
            @Override
            public void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
                transitions.add(new CircuitRecord.Transition(t.from(), t.to(), clock.instant(), t.reason(),
                        List.of()));
            }
        });
        List<TestMark> marks = new ArrayList<>();
        List<Integer> deferred = new ArrayList<>();
        for (int i = 0; i < TESTS; i++) {
            clock.advance(idle[i]);
            CircuitPermit permit = breaker.tryAcquirePermission();
            if (permit == null) {
                boolean replays = config.whenOpen() == WhenOpen.REPLAY;
                marks.add(mark(i, replays ? TestMark.Fate.DEFERRED : TestMark.Fate.SKIPPED, clock.instant(), 0,
                        false, false, "circuit '" + CIRCUIT + "' is OPEN"));
                if (replays) {
                    deferred.add(i);
                }
                continue;
            }
            run(i, permit, pass[i], false, clock, down, marks);
        }
        long budget = Replay.DEFAULT_BUDGET.toMillis();
        long spent = 0;
        while (!deferred.isEmpty() && spent < budget) { // the run's end: rounds of the deferred tests
            CircuitPermit permit = breaker.tryAcquirePermission();
            if (permit == null) {
                clock.advance(1000);
                spent += 1000;
                continue;
            }
            List<Integer> again = new ArrayList<>();
            for (int k = 0; k < deferred.size(); k++) {
                int i = deferred.get(k);
                CircuitPermit p = k == 0 ? permit : breaker.tryAcquirePermission();
                if (p == null) {
                    marks.add(mark(i, TestMark.Fate.DEFERRED, clock.instant(), 0, false, true, "still OPEN"));
                    again.add(i);
                } else {
                    clock.advance(idle[i]);
                    run(i, p, pass[i], true, clock, down, marks);
                }
            }
            deferred = again;
        }
        for (int i : deferred) {
            marks.add(mark(i, TestMark.Fate.SKIPPED, clock.instant(), 0, false, true, "deferred; gave up"));
        }
        Map<String, CircuitRecord.Setting> settings = new LinkedHashMap<>();
        config.asProperties().forEach((k, v) -> settings.put(k, new CircuitRecord.Setting(v, "default")));
        CircuitRecord circuit = new CircuitRecord(CIRCUIT, "memory", breaker.state(), settings, transitions,
                List.of(), marks);
        return new RunRecord(runId, "sim-1", start, clock.instant(), new RunRecord.Jvm("sim", 1, "17", "/sim",
                null, List.of("junit5")), List.of(circuit));
    }

    private static void run(int i, CircuitPermit permit, long passMillis, boolean replayed, VirtualClock clock,
                            List<Down> down, List<TestMark> marks) {
        Instant at = clock.instant();
        long offset = clock.millis() - clock.startMillis;
        boolean isDown = down.stream().anyMatch(d -> offset >= d.from() && offset < d.to());
        if (isDown) {
            clock.advance(TIMEOUT_MILLIS);
            marks.add(mark(i, TestMark.Fate.FAILED_COUNTED, at, TIMEOUT_MILLIS, permit.isProbe(), replayed,
                    "java.net.http.HttpTimeoutException: request timed out"));
            permit.onFailure(new IOException("timed out"));
        } else {
            clock.advance(passMillis);
            marks.add(mark(i, TestMark.Fate.PASSED, at, passMillis, permit.isProbe(), replayed, null));
            permit.onSuccess();
        }
    }

    private static TestMark mark(int i, TestMark.Fate fate, Instant at, long ms, boolean probe, boolean replayed,
                                 String reason) {
        String name = "order_" + i + "()";
        return new TestMark("junit5", "com.example.orders.OrderApiTest", name,
                "[engine:junit-jupiter]/[class:com.example.orders.OrderApiTest]/[method:" + name + "]", fate, at, ms,
                0, probe, replayed, reason);
    }

    /** A clock that moves only when told. */
    static final class VirtualClock extends Clock {
        final long startMillis;
        private long millis;

        VirtualClock(long startMillis) {
            this.startMillis = startMillis;
            this.millis = startMillis;
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
