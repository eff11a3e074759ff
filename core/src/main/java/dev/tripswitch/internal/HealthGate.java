package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.HealthCheck;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A circuit's health check and when it may next be asked. The check is made once, when first needed, and asked
 * by the callers of the circuit (no timer threads), at most once per interval and by one thread at a time: a
 * caller that finds it being asked, or not yet due, goes on without it.
 *
 * <ul>
 *   <li>While the circuit is OPEN ({@link #healthyIfDue}): asked one interval after the opening, then once per
 *       interval; a healthy answer ends OPEN.</li>
 *   <li>While it is CLOSED ({@link #openingIfDue}, with {@code earlyWarning}): asked before the circuit's first
 *       test (the preflight, whose unhealthy answer opens the circuit at once), then once per interval, and after
 *       an unhealthy answer by the next caller at once, to confirm it; {@code unhealthyThreshold} unhealthy answers
 *       in a row open it, a healthy one starts the count again.</li>
 * </ul>
 *
 * <p>An answer has one interval to come. The check is asked on the caller's thread (no thread of its own: a replay
 * on a clock of its own asks it thousands of times a second), timed by the circuit's clock; an answer that took
 * longer than the interval is "not healthy" whatever it said, since the dependency did not answer in time. So a
 * check must bound its own waiting (the {@code healthUrl} check's connect and read time-outs are the interval). A
 * check that throws, answers false or is late is "not healthy", and the reason says which.
 */
public final class HealthGate {

    private final String description;
    private final Callable<HealthCheck> maker;
    private final long intervalMillis;
    private final boolean earlyWarning;
    private final int unhealthyThreshold;
    private volatile CircuitEvents events = CircuitEvents.NONE;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile long nextAskMillis = Long.MIN_VALUE;
    private volatile String verdict;
    private volatile boolean lastHealthy = true;
    /** A probe passed while the check said unhealthy: it is not asked while CLOSED any more (see closedByProbe). */
    private volatile boolean contradicted;
    // guarded by 'asking' (unhealthyInARow also read without it, as a hint):
    private HealthCheck check;
    private Throwable makeFailure;
    private int answers;
    private volatile int unhealthyInARow;

    /**
     * @param description        what the check is, for reasons ("health check com.example.ShopHealth")
     * @param maker              makes the check; called at most once
     * @param interval           the shortest time between two asks, and the longest an answer may take
     * @param earlyWarning       whether it is asked while the circuit is CLOSED
     * @param unhealthyThreshold unhealthy answers in a row, while CLOSED, that open the circuit
     */
    public HealthGate(String description, Callable<HealthCheck> maker, Duration interval, boolean earlyWarning,
                      int unhealthyThreshold) {
        this.description = description;
        this.maker = maker;
        this.intervalMillis = interval.toMillis();
        this.earlyWarning = earlyWarning;
        this.unhealthyThreshold = unhealthyThreshold;
    }

    /** The health check {@code config} asks for ({@code healthCheck} class or {@code healthUrl}), or null. */
    public static HealthGate forConfig(CircuitBreakerConfig config) {
        Duration interval = config.healthCheckInterval();
        Class<? extends HealthCheck> type = config.healthCheck();
        if (type != null) {
            return new HealthGate("health check " + type.getName(), () -> type.getConstructor().newInstance(),
                    interval, config.earlyWarning(), config.unhealthyThreshold());
        }
        URI url = config.healthUrl();
        if (url != null) {
            return new HealthGate("health check GET " + url, () -> new HttpHealthCheck(url, interval), interval,
                    config.earlyWarning(), config.unhealthyThreshold());
        }
        return null;
    }

    /** Where each answer is told (the circuit's listeners). */
    public void tellAnswersTo(CircuitEvents events) {
        this.events = events;
    }

    public String description() {
        return description;
    }

    /** Whether the check is asked while the circuit is CLOSED. */
    public boolean earlyWarning() {
        return earlyWarning;
    }

    /**
     * A probe passed and closed the circuit. If the check's last answer was still "not healthy", the check is wrong
     * about this dependency (a wrong URL, say): it opened the circuit, or kept it open until {@code recoveryTimeout},
     * while real tests pass. It is then no longer asked while CLOSED for the rest of the run (it would open the
     * circuit again at once), only while OPEN, where {@code recoveryTimeout} bounds what a wrong answer costs.
     */
    public void closedByProbe() {
        if (earlyWarning && !lastHealthy && !contradicted) {
            contradicted = true;
            verdict = verdict + "; no longer asked while CLOSED: a probe passed while it answered not healthy";
        }
    }

    /** The last answer and when it was given ("not healthy: java.io.IOException: ... (asked at ...)"), or null. */
    public String verdict() {
        return verdict;
    }

    /** The earliest moment the check may be asked again for a circuit that opened at {@code openedAtMillis}. */
    public long nextAskMillis(long openedAtMillis) {
        return Math.max(nextAskMillis, Phase.saturatedAdd(openedAtMillis, intervalMillis));
    }

    /**
     * OPEN: asks the check if it is due at {@code now} and nobody else is asking it; true only when it answered
     * healthy. {@code clock} gives the moment of the answer (a check may take a while).
     */
    public boolean healthyIfDue(long now, long openedAtMillis, Clock clock) {
        if (now < nextAskMillis(openedAtMillis) || !asking.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (now < nextAskMillis(openedAtMillis)) {
                return false; // another thread asked between our look and our turn
            }
            unhealthyInARow = 0; // the count is of a CLOSED circuit's answers
            return answer(now, clock) == null;
        } finally {
            asking.set(false);
        }
    }

    /**
     * CLOSED, with early warning: asks the check if it is due at {@code now} and nobody else is asking it. Returns
     * why the circuit opens now — the first answer of the gate (the preflight) was unhealthy, or the last
     * {@code unhealthyThreshold} answers were — or null.
     */
    public String openingIfDue(long now, Clock clock) {
        if (!earlyWarning || contradicted || !dueWhileClosed(now) || !asking.compareAndSet(false, true)) {
            return null;
        }
        try {
            if (!dueWhileClosed(now)) {
                return null;
            }
            boolean preflight = answers == 0;
            String problem = answer(now, clock);
            if (problem == null) {
                unhealthyInARow = 0;
                return null;
            }
            unhealthyInARow++;
            if (preflight) {
                unhealthyInARow = 0;
                return description + " reported the dependency down before any test ran: " + problem;
            }
            if (unhealthyInARow < unhealthyThreshold) {
                return null;
            }
            int n = unhealthyInARow;
            unhealthyInARow = 0;
            return description + " answered not healthy " + n + " time" + (n == 1 ? "" : "s")
                    + " in a row while CLOSED (unhealthyThreshold " + unhealthyThreshold + "), last: " + problem;
        } finally {
            asking.set(false);
        }
    }

    /**
     * While CLOSED the check is due once per interval, and at once while an unhealthy answer waits to be confirmed:
     * the interval spares a dependency that is up; one in doubt is asked again by the next caller, so that
     * {@code unhealthyThreshold} answers do not take {@code unhealthyThreshold} intervals while tests fail.
     */
    private boolean dueWhileClosed(long now) {
        return now >= nextAskMillis || unhealthyInARow > 0;
    }

    /** Asks the check (the caller holds {@link #asking}); returns null when healthy, else what was wrong. */
    private String answer(long now, Clock clock) {
        nextAskMillis = Phase.saturatedAdd(now, intervalMillis);
        answers++;
        String problem = ask(clock);
        lastHealthy = problem == null;
        verdict = (problem == null ? "healthy" : "not healthy: " + problem)
                + " (asked at " + Instant.ofEpochMilli(clock.millis()) + ")";
        events.healthAnswered(problem == null, verdict);
        return problem;
    }

    /** @return null when healthy, else what was wrong */
    private String ask(Clock clock) {
        try {
            if (check == null && makeFailure == null) {
                check = maker.call();
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            makeFailure = e.getCause() != null ? e.getCause() : e;
        } catch (Exception | LinkageError e) {
            makeFailure = e;
        }
        if (makeFailure != null) {
            return "the check could not be made: " + CircuitSnapshot.FailureInfo.of(makeFailure, null).describe();
        }
        long asked = clock.millis();
        String problem;
        try {
            problem = check.isHealthy() ? null : "it answered false";
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the asking thread's interrupt is not ours to swallow
            }
            problem = CircuitSnapshot.FailureInfo.of(e, null).describe();
        }
        long took = clock.millis() - asked;
        if (took > intervalMillis) {
            return "it did not answer within healthCheckInterval " + Durations.format(Duration.ofMillis(intervalMillis))
                    + " (" + (problem == null ? "it answered healthy" : problem) + " after "
                    + Durations.format(Duration.ofMillis(took)) + ")";
        }
        return problem;
    }

    @Override
    public String toString() {
        return description + (verdict == null ? " (not asked yet)" : ": " + verdict);
    }
}
