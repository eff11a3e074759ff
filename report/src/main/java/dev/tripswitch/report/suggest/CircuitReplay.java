package dev.tripswitch.report.suggest;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitEventListener;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.Replay;
import dev.tripswitch.WhenOpen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one circuit's reconstructed tests ({@link CircuitTimeline}) through a real {@link CircuitBreaker} — core's
 * own state machine, with the candidate's settings and a {@link ReplayClock} — and tallies what that cost.
 *
 * <p>How the replay runs a part, one test after another in the recorded order:
 * <ul>
 *   <li>A test asks the circuit when the previous one has ended and the suite's own time between them has passed.
 *       Skipping tests therefore brings the next ones forward in time, as it does in a real run; the dependency's
 *       outages stay where they were in time.</li>
 *   <li>Let through, a test's outcome is decided by the dependency when it starts: down, it fails after its
 *       doomed-test time and the failure counts; up, it passes (or fails its assertion, or aborts, as it did in
 *       the history) after its own time.</li>
 *   <li>Refused, it does what the candidate's {@code whenOpen} says. SKIP: skipped. WAIT: it asks again whenever the
 *       circuit may have changed (its next probe, its health check's interval) until it is let through or the
 *       opening's {@code maxWait} is spent, as the circuit's waiting room does. REPLAY: deferred; once the part's
 *       tests are done, the deferred ones are run again in rounds, each waiting until the circuit lets tests
 *       through, within the default replay budget ({@value #REPLAY_BUDGET_TEXT}).</li>
 *   <li>An opening is on a blip when the failure that caused it fell in an outage the history saw as a blip: one
 *       that ended before the test after its last failure asked ({@link Reconstruction}). An outage that merely
 *       ended as the circuit opened is no blip: the failures went on until then.</li>
 *   <li>A circuit with a health check asks {@link ReplayedHealthCheck}, which answers from the availability; when it
 *       asks is the circuit's own rule.</li>
 * </ul>
 * A replay is deterministic: the same timeline and candidate give the same cost.
 */
public final class CircuitReplay {

    private static final String REPLAY_BUDGET_TEXT = "2 minutes";
    private static final long REPLAY_BUDGET = Replay.DEFAULT_BUDGET.toMillis();

    private final CircuitTimeline timeline;
    private final Candidate candidate;
    private final ReplayClock clock = new ReplayClock();
    private final CircuitBreaker breaker;
    private final Availability availability;

    private long failures;
    private long doomed;
    private long waited;
    private long lost;
    private long blipOpenings;
    private long openings;
    private long probes;
    private long failedProbes;
    private boolean openedByLastTest;
    private boolean lastFailureOnBlip;
    private long episode;
    private long episodeWaited;
    private long episodeOfWaiting = -1;
    private final List<long[]> skippedAt = new ArrayList<>(); // the moments of the skips, for the lost tests

    private CircuitReplay(CircuitTimeline timeline, Candidate candidate) {
        this.timeline = timeline;
        this.candidate = candidate;
        this.availability = timeline.availability();
        this.breaker = CircuitBreaker.of(timeline.circuit(), candidate.config(clock, timeline.healthCheck()));
        breaker.addListener(new CircuitEventListener() {
            @Override
            public void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
                if (t.to() == CircuitState.OPEN && t.from() == CircuitState.CLOSED) {
                    openings++;
                    episode++;
                    openedByLastTest = true;
                }
            }
        });
    }

    /** What running {@code timeline}'s tests through a circuit set as {@code candidate} costs. */
    public static ReplayCost cost(CircuitTimeline timeline, Candidate candidate) {
        if (timeline.quiet()) {
            return ReplayCost.NONE; // no counted failure, no unhealthy answer: no setting makes a difference
        }
        CircuitReplay replay = new CircuitReplay(timeline, candidate);
        ReplayedHealthCheck.answerFrom(new ReplayedHealthCheck.Source(timeline.availability(), replay.clock));
        try {
            return replay.run();
        } finally {
            ReplayedHealthCheck.done();
        }
    }

    private ReplayCost run() {
        List<ReplayTest> deferred = new ArrayList<>();
        List<Long> deferredAt = new ArrayList<>();
        for (ReplayTest test : timeline.tests()) {
            clock.advance(test.idleBefore());
            if (openedByLastTest) {
                openedByLastTest = false;
                if (lastFailureOnBlip) {
                    blipOpenings++; // it opened on a blip of the history
                }
            }
            CircuitPermit permit = breaker.tryAcquirePermission();
            if (permit == null && candidate.whenOpen() == WhenOpen.WAIT) {
                permit = waitWithinMaxWait();
            }
            if (permit != null) {
                runOn(permit, test);
            } else if (candidate.whenOpen() == WhenOpen.REPLAY) {
                deferred.add(test);
                deferredAt.add(clock.offset());
            } else {
                skippedAt.add(new long[]{clock.offset()});
            }
        }
        openedByLastTest = false;
        replayDeferred(deferred, deferredAt);
        for (long[] at : skippedAt) {
            if (availability.upAnywhereIn(at[0], Long.MAX_VALUE - 1)) {
                lost++; // the history shows the dependency back after the skip: the test would have passed then
            }
        }
        return new ReplayCost(failures, doomed, waited, lost, blipOpenings, openings, probes, failedProbes);
    }

    /** Runs {@code test} under {@code permit}: its outcome by the dependency at its start, reported at its end. */
    private void runOn(CircuitPermit permit, ReplayTest test) {
        boolean down = availability.isDown(clock.offset());
        if (permit.isProbe()) {
            probes++;
        }
        if (down) {
            lastFailureOnBlip = availability.blipAt(clock.offset());
            clock.advance(test.failMillis());
            failures++;
            doomed += test.failMillis();
            if (permit.isProbe()) {
                failedProbes++;
            }
            permit.onFailure(new IOException("the dependency was down (replayed from the history)"));
            return;
        }
        clock.advance(test.passMillis());
        switch (test.kind()) {
            case PASSES -> permit.onSuccess();
            case FAILS_ITS_ASSERTION -> permit.onFailure(new AssertionError("replayed assertion failure"));
            case ABORTS -> permit.release();
        }
    }

    /** WAIT: asks again whenever the circuit may have changed, within what is left of this opening's maxWait. */
    private CircuitPermit waitWithinMaxWait() {
        if (episodeOfWaiting != episode) {
            episodeOfWaiting = episode;
            episodeWaited = 0;
        }
        long start = clock.offset();
        CircuitPermit permit = waitUpTo(candidate.maxWait().toMillis() - episodeWaited);
        long spent = clock.offset() - start;
        episodeWaited += spent;
        if (permit != null) {
            waited += spent;
        } else {
            doomed += spent; // waited in vain
        }
        return permit;
    }

    /** Asks the circuit, moving the clock on to each moment it may have changed, for at most {@code budget} ms. */
    private CircuitPermit waitUpTo(long budget) {
        long recheck = Math.max(1, candidate.healthCheckInterval().toMillis());
        long spent = 0;
        while (true) {
            CircuitPermit permit = breaker.tryAcquirePermission();
            if (permit != null || spent >= budget) {
                return permit;
            }
            long step = Math.min(recheck, budget - spent);
            CircuitSnapshot s = breaker.snapshot();
            if (s.nextProbeAt() != null) {
                step = Math.min(step, Math.max(1, s.nextProbeAt().toEpochMilli() - clock.millis()));
            }
            clock.advance(step);
            spent += step;
        }
    }

    /**
     * REPLAY: the deferred tests run again in rounds once the part's tests are done; each round waits until the
     * circuit lets tests through (its first test is the probe of a half-open circuit), a test refused again waits
     * for the next round, all within the replay budget.
     */
    private void replayDeferred(List<ReplayTest> deferred, List<Long> deferredAt) {
        long left = REPLAY_BUDGET;
        while (!deferred.isEmpty() && left > 0) {
            long start = clock.offset();
            CircuitPermit permit = waitUpTo(left);
            long spent = clock.offset() - start;
            left -= spent;
            if (permit == null) {
                doomed += spent;
                break;
            }
            waited += spent;
            long roundStart = clock.offset();
            List<ReplayTest> again = new ArrayList<>();
            List<Long> againAt = new ArrayList<>();
            for (int i = 0; i < deferred.size(); i++) {
                ReplayTest test = deferred.get(i);
                CircuitPermit p = i == 0 ? permit : breaker.tryAcquirePermission();
                if (p == null) {
                    again.add(test);
                    againAt.add(deferredAt.get(i));
                } else {
                    clock.advance(test.idleBefore());
                    runOn(p, test);
                }
            }
            if (breaker.state() != CircuitState.CLOSED) {
                left -= clock.offset() - roundStart; // a round whose probe failed spends the budget too
            }
            deferred = again;
            deferredAt = againAt;
        }
        for (Long at : deferredAt) {
            skippedAt.add(new long[]{at});
        }
    }
}
