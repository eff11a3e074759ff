package dev.tripswitch.bench.sim;

import dev.tripswitch.bench.outage.OutageAnalysis;
import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.report.OutageRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One simulated run of the outage suite in one arm: the tests one after another on a virtual clock, each
 * passing or failing by whether the shop is up when it starts (its cost drawn from the real run), with a model of
 * the suite's circuit in the circuit breaker's arms: 3 consecutive failures open it, the first probe is due 2 s
 * later, each failed probe doubles the wait up to 60 s, a passed probe closes it.
 *
 * <p>{@code SKIP}: a test refused while the probe is not due is skipped. {@code WAIT}: a refused test waits until
 * the health check (asked when the test starts waiting and then once per interval, a connection refused while
 * the shop is down) finds the shop back, which makes the circuit HALF_OPEN at once; then it runs as the probe.
 * As in the circuit breaker, a circuit with a health check lets a probe through by time alone only once the
 * check has not answered healthy for {@code recoveryTimeout} (60 s) since the opening. The waiting is bounded by 2 minutes per opening; once spent, the rest of that opening
 * behaves as {@code SKIP}. With early warning the check is asked while CLOSED too, as a test starts, once per
 * interval and, after an unhealthy answer, at the next test: its first answer (the preflight) opens the circuit
 * when the shop is down, after that two unhealthy answers in a row ({@code unhealthyThreshold}'s default) do.
 */
final class OutageModel {

    static final double FIRST_WAIT_MS = 2000;
    static final double LONGEST_WAIT_MS = 60_000;
    static final double MAX_WAIT_MS = 120_000;
    static final int FAILURE_THRESHOLD = 3;
    static final int UNHEALTHY_THRESHOLD = 2;

    private final StepCosts costs;
    private final Random random;
    private final OutageArm arm;
    private final double intervalMs;
    private final EventQueue clock = new EventQueue();
    private final List<OutageRun.TestResult> results = new ArrayList<>();
    private final List<OutageRun.CircuitEvent> events = new ArrayList<>();
    private double down = Double.NaN;
    private double up = Double.NaN;
    private int tests;
    private int index;
    private String state = "CLOSED";
    private int failures;
    private double nextProbeAt;
    private double openedAt;
    private double wait = FIRST_WAIT_MS;
    private double lastCheck = Double.NEGATIVE_INFINITY;
    private double waited;
    private int answersWhileClosed;
    private int unhealthyInARow;

    OutageModel(StepCosts costs, Random random, OutageArm arm, double healthCheckIntervalMs) {
        this.costs = costs;
        this.random = random;
        this.arm = arm;
        this.intervalMs = healthCheckIntervalMs;
    }

    OutageRun run(int repetition, int testCount, double downAfterMs, double windowMs) {
        tests = testCount;
        if (arm.hasOutage()) {
            down = downAfterMs;
            up = downAfterMs + windowMs;
        }
        clock.at(0, this::next);
        clock.run();
        double wall = clock.now();
        return OutageAnalysis.analyse(arm.name(), repetition, results, wall, down, up <= wall ? up : Double.NaN,
                wall * costs.jvmCpuPerMs, wall * costs.browserCpuPerMs, 1, costs.rssMb, events);
    }

    private boolean shopUp(double at) {
        return Double.isNaN(down) || at < down || at >= up;
    }

    private boolean breaker() {
        return arm != OutageArm.WITHOUT_CIRCUIT_BREAKER;
    }

    private void next() {
        if (index >= tests) {
            return;
        }
        int i = ++index;
        double start = clock.now();
        if (arm.earlyWarning() && state.equals("CLOSED")) {
            warnIfDue(start);
        }
        if (!breaker() || !state.equals("OPEN")) {
            execute(i, start);
        } else if (waitsWithHealthCheck() && waited < MAX_WAIT_MS) {
            waitThenRun(i, start);
        } else if (start >= nextProbeAt) {
            moveTo("HALF_OPEN", "probe due (simulated)");
            execute(i, start);
        } else if (waitsWithHealthCheck()) {
            skip(i, start, String.format(Locale.ROOT, "circuit open; waited %.1f s for it, budget spent (simulated)",
                    waited / 1000));
        } else {
            skip(i, start, "circuit open (simulated)");
        }
    }

    private boolean waitsWithHealthCheck() {
        return arm == OutageArm.WITH_CIRCUIT_BREAKER_WAIT || arm == OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY;
    }

    /**
     * Early warning: the check asked while CLOSED, once per interval and, after an unhealthy answer, at the next
     * test at once (to confirm it); it may open the circuit.
     */
    private void warnIfDue(double now) {
        if (now < lastCheck + intervalMs && unhealthyInARow == 0) {
            return;
        }
        lastCheck = now;
        boolean preflight = answersWhileClosed++ == 0;
        if (shopUp(now)) {
            unhealthyInARow = 0;
            return;
        }
        unhealthyInARow++;
        if (preflight || unhealthyInARow >= UNHEALTHY_THRESHOLD) {
            unhealthyInARow = 0;
            wait = FIRST_WAIT_MS;
            moveTo("OPEN", preflight ? "health check: down before any test ran (simulated)"
                    : "health check: unhealthy twice in a row (simulated)");
            openedAt = now;
            nextProbeAt = openedAt + wait;
        }
    }

    private void waitThenRun(int i, double start) {
        double now = clock.now();
        double probeDue = Math.max(nextProbeAt, openedAt + LONGEST_WAIT_MS); // with a health check
        if (now >= probeDue) {
            moveTo("HALF_OPEN", "no healthy answer within recoveryTimeout (simulated)");
            execute(i, start);
            return;
        }
        if (now >= lastCheck + intervalMs) { // the same sum as the wake-up below, so that it is due then
            lastCheck = now;
            if (shopUp(now)) {
                moveTo("HALF_OPEN", "health check healthy (simulated)");
                execute(i, start);
                return;
            }
        }
        double wake = Math.min(probeDue, lastCheck + intervalMs);
        if (waited + (wake - now) > MAX_WAIT_MS) {
            waited = MAX_WAIT_MS; // spent: the rest of this opening is skipped as with SKIP
            skip(i, start, String.format(Locale.ROOT, "waited %.1f s for the circuit, budget spent (simulated)",
                    (now - start) / 1000));
            return;
        }
        waited += wake - now;
        clock.at(wake, () -> waitThenRun(i, start));
    }

    private void skip(int i, double start, String reason) {
        double cost = costs.skipCost.draw(random, 2);
        clock.after(cost, () -> {
            results.add(new OutageRun.TestResult(i, "SKIPPED", start, clock.now() - start, reason));
            next();
        });
    }

    private void execute(int i, double start) {
        boolean ok = shopUp(clock.now());
        double cost = ok ? costs.passCost.draw(random, 300) : costs.failCost.draw(random, 50);
        clock.after(cost, () -> {
            results.add(new OutageRun.TestResult(i, ok ? "PASSED" : "FAILED", start, clock.now() - start,
                    ok ? null : "connection refused (simulated)"));
            if (breaker()) {
                outcome(ok);
            }
            next();
        });
    }

    private void outcome(boolean passed) {
        if (passed) {
            if (state.equals("HALF_OPEN")) {
                moveTo("CLOSED", "probe passed (simulated)");
                wait = FIRST_WAIT_MS;
                waited = 0;
            }
            failures = 0;
        } else if (state.equals("HALF_OPEN")) { // a failed probe: open again, the wait doubled
            wait = Math.min(wait * 2, LONGEST_WAIT_MS);
            open();
        } else if (state.equals("CLOSED") && ++failures >= FAILURE_THRESHOLD) {
            open();
        }
    }

    private void open() {
        moveTo("OPEN", state.equals("HALF_OPEN") ? "probe failed (simulated)" : "3 failures in a row (simulated)");
        openedAt = clock.now();
        nextProbeAt = openedAt + wait;
    }

    private void moveTo(String to, String reason) {
        events.add(new OutageRun.CircuitEvent(clock.now(), state, to, reason));
        state = to;
    }
}
