package dev.tripswitch.report;

import dev.tripswitch.CircuitState;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Run records made by hand, for tests of what the history does with them. */
final class Records {

    private Records() {
    }

    /**
     * A part of run {@code runId} with {@code tests} tests on circuit {@code shop}, which opens once after the first
     * third (three counted failures), refuses a tenth of the tests and closes at its first probe.
     */
    static RunRecord part(String runId, String partId, Instant start, int tests) {
        List<TestMark> marks = new ArrayList<>();
        long t = start.toEpochMilli();
        int failAt = tests / 3;
        int refused = Math.max(1, tests / 10);
        Instant opened = null;
        Instant halfOpen = null;
        Instant closed = null;
        for (int i = 0; i < tests; i++) {
            TestMark.Fate fate = TestMark.Fate.PASSED;
            String reason = null;
            long ms = 40 + i % 7;
            boolean probe = false;
            if (i >= failAt && i < failAt + 3) {
                fate = TestMark.Fate.FAILED_COUNTED;
                reason = "java.net.ConnectException: Connection refused: shop:8080";
                ms = 2000;
            } else if (i >= failAt + 3 && i < failAt + 3 + refused) {
                fate = TestMark.Fate.SKIPPED;
                reason = "circuit 'shop' is OPEN since " + opened + " after 3 consecutive failures";
                ms = 0;
            } else if (i == failAt + 3 + refused) {
                probe = true;
                halfOpen = Instant.ofEpochMilli(t);
            }
            marks.add(new TestMark("junit5", "com.example.ShopTest", "test" + i + "()", "[test:" + i + "]", fate,
                    Instant.ofEpochMilli(t), ms, 0, probe, false, reason));
            t += ms + 5;
            if (i == failAt + 2) {
                opened = Instant.ofEpochMilli(t);
            }
            if (probe) {
                closed = Instant.ofEpochMilli(t);
            }
        }
        List<CircuitRecord.Transition> transitions = new ArrayList<>();
        if (opened != null) {
            CircuitRecord.Failure f = new CircuitRecord.Failure(opened, "java.net.ConnectException",
                    "Connection refused: shop:8080");
            transitions.add(new CircuitRecord.Transition(CircuitState.CLOSED, CircuitState.OPEN, opened,
                    "3 consecutive failures", List.of(f, f, f)));
        }
        if (halfOpen != null) {
            transitions.add(new CircuitRecord.Transition(CircuitState.OPEN, CircuitState.HALF_OPEN, halfOpen,
                    "wait of PT30S elapsed", List.of()));
            transitions.add(new CircuitRecord.Transition(CircuitState.HALF_OPEN, CircuitState.CLOSED, closed,
                    "1 successful probe", List.of()));
        }
        CircuitRecord shop = new CircuitRecord("shop", "memory", CircuitState.CLOSED,
                Map.of("failureThreshold", new CircuitRecord.Setting("3", "@CircuitProtected(\"shop\") on ShopTest")),
                transitions, List.of(), marks);
        return new RunRecord(runId, partId, start, Instant.ofEpochMilli(t),
                new RunRecord.Jvm("host", 42, "17", "/work/module", "1", List.of("junit5")), List.of(shop));
    }
}
