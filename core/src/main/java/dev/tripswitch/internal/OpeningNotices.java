package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitEventListener;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.WhenOpen;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Says on the console, while the run goes on, when a circuit of the run opens (why, what happens to its tests, until
 * when) and when it closes again (how long the outage lasted, how many calls it refused): someone watching a build
 * sees an outage as it happens, once per opening, not only in the summary at the end. Printed on the thread that
 * caused the transition, so a test report that keeps a test's output keeps it with the test.
 */
final class OpeningNotices implements CircuitEventListener {

    private final Supplier<PrintStream> out;
    private volatile long rejectedAtOpening;

    OpeningNotices(Supplier<PrintStream> out) {
        this.out = out;
    }

    @Override
    public void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
        if (t.from() == CircuitState.CLOSED && t.to() == CircuitState.OPEN) {
            CircuitSnapshot s = circuit.snapshot();
            rejectedAtOpening = s.totalRejected();
            boolean healthChecked = circuit.config().healthCheck() != null || circuit.config().healthUrl() != null;
            if (defers(circuit)) {
                print("Tripswitch: circuit '" + circuit.name() + "' OPENED (" + t.reason() + "); its tests are"
                        + " deferred, to run again once it lets tests through"
                        + (s.nextProbeAt() == null ? "" : " (next probe at " + s.nextProbeAt()
                        + (healthChecked ? ", or earlier when its health check answers healthy" : "") + ")"));
                return;
            }
            print("Tripswitch: circuit '" + circuit.name() + "' OPENED (" + t.reason() + "); " + whatHappens(circuit)
                    + (s.nextProbeAt() == null ? "" : " until the probe at " + s.nextProbeAt()
                    + (healthChecked ? " or its health check answers healthy" : "")));
        } else if (t.from() == CircuitState.HALF_OPEN && t.to() == CircuitState.OPEN) {
            CircuitSnapshot s = circuit.snapshot();
            print("Tripswitch: circuit '" + circuit.name() + "' probe failed, OPEN again"
                    + (s.nextProbeAt() == null ? "" : " until " + s.nextProbeAt()) + ": " + t.reason());
        } else if (t.to() == CircuitState.CLOSED && t.from() != CircuitState.CLOSED) {
            CircuitSnapshot s = circuit.snapshot();
            Instant began = s.outageBegan();
            long refused = s.totalRejected() - rejectedAtOpening;
            print("Tripswitch: circuit '" + circuit.name() + "' CLOSED again"
                    + (began == null ? "" : " after an outage of " + Durations.format(Duration.between(began, t.at())))
                    + ", having refused " + refused + (refused == 1 ? " call" : " calls") + ": " + t.reason());
        }
    }

    /** REPLAY, in a JVM where a run that can run tests again is going on (else its refused tests are skipped). */
    private static boolean defers(CircuitBreaker circuit) {
        return circuit.config().whenOpen() == WhenOpen.REPLAY && ReplayingRuns.any();
    }

    private static String whatHappens(CircuitBreaker circuit) {
        return circuit.config().whenOpen() == WhenOpen.WAIT
                ? "its tests wait (up to " + Durations.format(circuit.config().maxWait()) + " per opening)"
                : "its tests are skipped with the reason";
    }

    private void print(String line) {
        PrintStream o = out.get();
        o.println(line);
        o.flush();
    }
}
