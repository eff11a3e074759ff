package dev.tripswitch.bench.history;

import dev.tripswitch.CircuitState;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Run records of a large suite, as a real one would leave: tests spread over three circuits with realistic names,
 * ids and durations; in most runs an outage on one circuit (three counted failures, a stretch of refused tests, a
 * failed probe sometimes, health answers, then a passing probe), some assertion failures, and tests that waited or
 * were deferred and replayed. Seeded: the same seed gives the same record.
 */
final class RecordGenerator {

    private static final String[] CIRCUITS = {"shop", "payments-api", "grid"};
    private static final String[] AREAS = {"checkout", "catalog", "account", "orders", "search", "payments"};
    private static final String[] VERBS = {"paysWithSavedCard", "showsTheCart", "filtersByPrice", "opensOrderHistory",
            "updatesTheAddress", "appliesACoupon", "refundsAnOrder", "searchesBySku", "logsInWithSso", "sortsByRating"};

    private RecordGenerator() {
    }

    static RunRecord record(String runId, String partId, Instant start, int tests, long seed) {
        Random r = new Random(seed);
        Map<String, List<TestMark>> marks = new LinkedHashMap<>();
        Map<String, List<CircuitRecord.Transition>> transitions = new LinkedHashMap<>();
        Map<String, List<CircuitRecord.HealthAnswer>> health = new LinkedHashMap<>();
        for (String c : CIRCUITS) {
            marks.put(c, new ArrayList<>());
            transitions.put(c, new ArrayList<>());
            health.put(c, new ArrayList<>());
        }
        boolean outage = r.nextInt(4) != 0;
        String down = CIRCUITS[r.nextInt(CIRCUITS.length)];
        int outageAt = tests / 4 + r.nextInt(tests / 2);
        int outageLength = 50 + r.nextInt(400);
        boolean failedProbe = r.nextBoolean();
        long t = start.toEpochMilli();
        for (int i = 0; i < tests; i++) {
            String circuit = CIRCUITS[i % 7 == 0 ? 2 : i % 3 == 0 ? 1 : 0];
            String area = AREAS[(i / 40) % AREAS.length];
            String cls = "com.example.shop." + area + "." + Character.toUpperCase(area.charAt(0)) + area.substring(1)
                    + "FlowTest" + (i / 200);
            String method = VERBS[i % VERBS.length] + "_" + i;
            String id = "[engine:junit-jupiter]/[class:" + cls + "]/[method:" + method + "()]";
            TestMark.Fate fate = TestMark.Fate.PASSED;
            long ms = 200 + r.nextInt(1800);
            long waited = 0;
            boolean probe = false;
            boolean replayed = false;
            String reason = null;
            boolean inOutage = outage && circuit.equals(down) && i >= outageAt && i < outageAt + outageLength;
            if (inOutage) {
                int k = i - outageAt;
                if (k < 9) { // the three counted failures that open it (every third test is this circuit's)
                    fate = TestMark.Fate.FAILED_COUNTED;
                    ms = 4000 + r.nextInt(2000);
                    reason = k % 2 == 0 ? "java.net.ConnectException: Connection refused: " + down + ":8080"
                            : "java.net.SocketTimeoutException: Read timed out after 5000 ms";
                    if (k >= 6) {
                        transitions.get(circuit).add(new CircuitRecord.Transition(CircuitState.CLOSED,
                                CircuitState.OPEN, Instant.ofEpochMilli(t + ms), "3 consecutive failures, last: "
                                + reason, List.of(failure(t, reason), failure(t, reason), failure(t + ms, reason))));
                        k = 99; // opened
                    }
                } else if (circuit.equals("grid") && k % 5 == 0) {
                    waited = 2000 + r.nextInt(6000);
                    ms += waited;
                } else {
                    fate = circuit.equals("payments-api") ? TestMark.Fate.DEFERRED : TestMark.Fate.SKIPPED;
                    ms = 0;
                    reason = "circuit '" + circuit + "' is OPEN since " + Instant.ofEpochMilli(t) + " after 3"
                            + " consecutive failures; last failure: java.net.ConnectException: Connection refused: "
                            + down + ":8080; next probe at " + Instant.ofEpochMilli(t + 30_000);
                    if (k % 25 == 0) {
                        health.get(circuit).add(new CircuitRecord.HealthAnswer(Instant.ofEpochMilli(t), false,
                                "not healthy: java.net.ConnectException: Connection refused (asked at "
                                        + Instant.ofEpochMilli(t) + ")"));
                    }
                }
            } else if (outage && circuit.equals(down) && i == outageAt + outageLength) {
                probe = true;
                transitions.get(circuit).add(new CircuitRecord.Transition(CircuitState.OPEN, CircuitState.HALF_OPEN,
                        Instant.ofEpochMilli(t), "wait of PT30S elapsed", List.of()));
                if (failedProbe) {
                    fate = TestMark.Fate.FAILED_COUNTED;
                    reason = "java.net.ConnectException: Connection refused: " + down + ":8080";
                    transitions.get(circuit).add(new CircuitRecord.Transition(CircuitState.HALF_OPEN,
                            CircuitState.OPEN, Instant.ofEpochMilli(t + ms), "probe failed: " + reason,
                            List.of(failure(t + ms, reason))));
                    outageLength += 60;
                } else {
                    transitions.get(circuit).add(new CircuitRecord.Transition(CircuitState.HALF_OPEN,
                            CircuitState.CLOSED, Instant.ofEpochMilli(t + ms), "1 successful probe", List.of()));
                }
            } else if (r.nextInt(150) == 0) {
                fate = TestMark.Fate.FAILED_NOT_COUNTED;
                reason = "org.opentest4j.AssertionFailedError: expected: <3> but was: <2>";
            } else if (circuit.equals("payments-api") && outage && down.equals(circuit) && i > outageAt + outageLength
                    && i < outageAt + outageLength + 200 && r.nextInt(4) == 0) {
                replayed = true;
            }
            marks.get(circuit).add(new TestMark("junit5", cls, method + "()", id, fate, Instant.ofEpochMilli(t), ms,
                    waited, probe, replayed, reason));
            t += (ms == 0 ? 3 : ms) / 4 + 5; // four tests at a time
        }
        List<CircuitRecord> circuits = new ArrayList<>();
        for (String c : CIRCUITS) {
            Map<String, CircuitRecord.Setting> settings = new LinkedHashMap<>();
            settings.put("failureThreshold", new CircuitRecord.Setting("3", "@CircuitProtected(\"" + c
                    + "\") on class com.example.shop.BaseFlowTest"));
            settings.put("halfOpenAfter", new CircuitRecord.Setting("30s", "tripswitch.properties (file:/build/"
                    + "test-classes/tripswitch.properties)"));
            settings.put("recoveryTimeout", new CircuitRecord.Setting("2m", "default"));
            settings.put("whenOpen", new CircuitRecord.Setting(c.equals("payments-api") ? "REPLAY" : c.equals("grid")
                    ? "WAIT" : "SKIP", "system property"));
            circuits.add(new CircuitRecord(c, "memory", CircuitState.CLOSED, settings, transitions.get(c),
                    health.get(c), marks.get(c)));
        }
        return new RunRecord(runId, partId, start, Instant.ofEpochMilli(t + 1000), new RunRecord.Jvm("ci-runner-7",
                40_000 + r.nextInt(20_000), "17.0.15", "/builds/shop/checkout-tests", "1", List.of("junit5")),
                circuits);
    }

    private static CircuitRecord.Failure failure(long at, String reason) {
        int colon = reason.indexOf(": ");
        return new CircuitRecord.Failure(Instant.ofEpochMilli(at), reason.substring(0, colon),
                reason.substring(colon + 2));
    }
}
