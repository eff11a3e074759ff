package dev.tripswitch;

import dev.tripswitch.internal.Durations;
import dev.tripswitch.internal.Pauser;
import dev.tripswitch.internal.Waitable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The waiting room of one circuit, for calls that wait while it is OPEN instead of being refused
 * ({@code whenOpen = WAIT}).
 *
 * <p>Basic approach: a waiter asks the circuit ({@link Waitable}: the in-memory state machine, or a circuit
 * shared through a store) for a permit without counting a refusal; refused, it pauses under {@link #lock} until
 * the circuit changes (the circuit calls {@link #signal()}: on its transitions in memory; for a shared circuit,
 * whenever this JVM's view of it moves, by its own operations or by a change the store reports), until the
 * circuit may change by itself ({@link Waitable#nextChangeMillis()}: probe or health check due, a probe's lease
 * running out), or at most one {@code healthCheckInterval}, and asks again. Asking is what moves an OPEN circuit
 * on (probe due, health check healthy), so there is no timer thread; the circuit (or the store) hands out at
 * most {@code permittedProbes} probe permits, so waking every waiter at once is safe.
 *
 * <p>The budget: {@code maxWait} per open episode of the circuit (from CLOSED → OPEN until it is CLOSED again;
 * a failed probe's re-opening is the same episode), spent while at least one caller waits, whoever it is: 300
 * waiting callers spend it once, not 300 times. Once it is spent, every caller of the episode is refused at
 * once with a reason that says so. For a shared circuit the budget is kept by each JVM (each
 * {@code CircuitBreaker} instance): the JVMs sharing a circuit may each wait up to {@code maxWait} per opening.
 * All state is guarded by {@link #lock}; the pauses wait on it.
 */
final class OpenCircuitWait {

    private final String circuit;
    private final Waitable<CircuitPermit> machine;
    private final Clock clock;
    private final Pauser pauser;
    private final long budgetMillis;
    private final long recheckMillis;
    private final Object lock = new Object();

    // guarded by lock
    private long signals;
    private int waiting;
    private long busySince;
    private long spentMillis;
    private long episode = -1;
    private long heldMillis; // over all episodes, up to the last time nobody waited or an episode began
    private long callersWaited;
    private long callersRefused;

    OpenCircuitWait(String circuit, Waitable<CircuitPermit> machine, Clock clock, Duration maxWait,
                    Duration recheckEvery) {
        this.circuit = circuit;
        this.machine = machine;
        this.clock = clock;
        this.pauser = Pauser.of(clock);
        this.budgetMillis = maxWait.toMillis();
        this.recheckMillis = Math.max(1, recheckEvery.toMillis());
    }

    /** The circuit changed: every waiter looks again. */
    void signal() {
        synchronized (lock) {
            signals++;
            lock.notifyAll();
        }
    }

    /** What the waiting room did since the circuit was created or reset. */
    WaitTotals totals() {
        synchronized (lock) {
            long now = clock.millis();
            long held = heldMillis + (waiting > 0 ? now - busySince : 0);
            return new WaitTotals(Duration.ofMillis(held), callersWaited, callersRefused, waiting);
        }
    }

    /** Forgets the totals (the circuit was reset); callers waiting now go on waiting. */
    void resetTotals() {
        synchronized (lock) {
            heldMillis = 0;
            callersWaited = 0;
            callersRefused = 0;
            busySince = clock.millis();
        }
    }

    /** How many callers are waiting now. */
    int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    WaitOutcome await() {
        long start = clock.millis();
        CircuitPermit permit = machine.acquire();
        if (permit != null) {
            return new WaitOutcome(permit, Duration.ZERO, null, null);
        }
        String gaveUp = null;
        long end;
        boolean firstWaiter;
        synchronized (lock) {
            firstWaiter = waiting == 0;
            join(start);
        }
        if (firstWaiter) { // someone watching the build sees the hold begin, not only its end in the summary
            announce("Tripswitch: holding the tests of circuit '" + circuit + "' while it is OPEN, up to "
                    + Durations.format(Duration.ofMillis(budgetMillis)) + " per opening: "
                    + machine.snapshotAsIs().describe());
        }
        try {
            while (true) {
                long seen;
                synchronized (lock) {
                    seen = signals;
                }
                permit = machine.acquire();
                if (permit != null) {
                    break;
                }
                synchronized (lock) {
                    long now = clock.millis();
                    long left = budgetLeft(now);
                    if (left <= 0) {
                        gaveUp = "its waiting budget (maxWait " + Durations.format(Duration.ofMillis(budgetMillis))
                                + " per opening, shared by every waiting test) is spent";
                        break;
                    }
                    if (signals == seen) {
                        long until = Math.min(Math.min(now + left, now + recheckMillis), machine.nextChangeMillis());
                        pauser.pauseUntil(lock, Math.max(until, now + 1));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gaveUp = "the waiting thread was interrupted";
        } finally {
            boolean lastWaiter;
            long heldSince;
            synchronized (lock) {
                end = clock.millis();
                heldSince = busySince;
                leave(end);
                lastWaiter = waiting == 0;
                if (end > start) {
                    callersWaited++;
                }
            }
            if (lastWaiter) {
                announce("Tripswitch: circuit '" + circuit + "' no longer holds tests (held them "
                        + Durations.format(Duration.ofMillis(Math.max(0, end - heldSince))) + "): "
                        + (permit != null ? "a test may run now" : gaveUp) + "; " + machine.snapshotAsIs().describe());
            }
        }
        Duration waited = Duration.ofMillis(end - start);
        if (permit == null) {
            permit = machine.tryAcquire(); // a last look, which counts the refusal once, like a skip
        }
        if (permit != null) {
            return new WaitOutcome(permit, waited, null, null);
        }
        synchronized (lock) {
            callersRefused++;
        }
        CircuitSnapshot snapshot = machine.snapshotAsIs();
        return new WaitOutcome(null, waited, snapshot, refusal(waited, gaveUp, snapshot));
    }

    /**
     * A permit, waiting for one until the clock reads {@code deadlineMillis} at the latest, or {@code null}; for a
     * run that replays its deferred tests. It spends no {@code maxWait} budget and counts no refusal: it is no
     * call of its own, and the permit it gets is only a sign that the circuit now lets tests through.
     */
    CircuitPermit awaitUntil(long deadlineMillis) throws InterruptedException {
        while (true) {
            long seen;
            synchronized (lock) {
                seen = signals;
            }
            CircuitPermit permit = machine.acquire();
            if (permit != null) {
                return permit;
            }
            synchronized (lock) {
                long now = clock.millis();
                if (now >= deadlineMillis) {
                    return null;
                }
                if (signals == seen) {
                    long until = Math.min(Math.min(deadlineMillis, now + recheckMillis), machine.nextChangeMillis());
                    pauser.pauseUntil(lock, Math.max(until, now + 1));
                }
            }
        }
    }

    private static void announce(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private String refusal(Duration waited, String gaveUp, CircuitSnapshot snapshot) {
        String opened = snapshot.openedAt() == null ? "" : " (open since " + snapshot.openedAt() + ")";
        return (waited.isZero() ? "did not wait for circuit '" + circuit + "'" + opened
                : "waited " + Durations.format(waited) + " for circuit '" + circuit + "'" + opened + " and gave up")
                + ": " + gaveUp + "; " + snapshot.describe();
    }

    // ------------------------------------------------------------------ the budget (all under lock)

    private void join(long now) {
        startEpisodeIfNew(now);
        if (waiting++ == 0) {
            busySince = now;
        }
    }

    private void leave(long now) {
        startEpisodeIfNew(now);
        if (--waiting == 0) {
            spentMillis += now - busySince;
            heldMillis += now - busySince;
        }
    }

    private long budgetLeft(long now) {
        startEpisodeIfNew(now);
        return budgetMillis - spentMillis - (waiting > 0 ? now - busySince : 0);
    }

    /** A new open episode gets the whole budget; callers still waiting from the last one start spending it now. */
    private void startEpisodeIfNew(long now) {
        long current = machine.openEpisode();
        if (current != episode) {
            episode = current;
            spentMillis = 0;
            if (waiting > 0) {
                heldMillis += now - busySince;
            }
            busySince = now;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "OpenCircuitWait[" + circuit + ", " + waiting + " waiting, " + spentMillis + " ms spent since "
                    + Instant.ofEpochMilli(busySince) + "]";
        }
    }
}
