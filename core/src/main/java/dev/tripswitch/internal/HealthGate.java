package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.HealthCheck;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A circuit's health check and when it may next be asked. The check is made once, when first needed; it is
 * asked only while the circuit is OPEN, at most once per interval (the first time one interval after the
 * circuit opened), and by one thread at a time: a caller that finds it being asked, or not yet due, goes on
 * without it. A check that throws is "not healthy"; its message is kept for the circuit's snapshot.
 */
public final class HealthGate {

    private final String description;
    private final Callable<HealthCheck> maker;
    private final long intervalMillis;
    private volatile CircuitEvents events = CircuitEvents.NONE;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile long nextAskMillis = Long.MIN_VALUE;
    private volatile String verdict;
    private HealthCheck check; // made by the asking thread; guarded by 'asking'
    private Throwable makeFailure;

    /**
     * @param description what the check is, for reasons ("health check com.example.ShopHealth")
     * @param maker       makes the check; called at most once
     */
    public HealthGate(String description, Callable<HealthCheck> maker, long intervalMillis) {
        this.description = description;
        this.maker = maker;
        this.intervalMillis = intervalMillis;
    }

    /** The health check {@code config} asks for ({@code healthCheck} class or {@code healthUrl}), or null. */
    public static HealthGate forConfig(CircuitBreakerConfig config) {
        long interval = config.healthCheckInterval().toMillis();
        Class<? extends HealthCheck> type = config.healthCheck();
        if (type != null) {
            return new HealthGate("health check " + type.getName(), () -> type.getConstructor().newInstance(),
                    interval);
        }
        URI url = config.healthUrl();
        if (url != null) {
            return new HealthGate("health check GET " + url,
                    () -> new HttpHealthCheck(url, config.healthCheckInterval()), interval);
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

    /** The last answer and when it was given ("not healthy: java.io.IOException: ... (asked at ...)"), or null. */
    public String verdict() {
        return verdict;
    }

    /** The earliest moment the check may be asked again for a circuit that opened at {@code openedAtMillis}. */
    public long nextAskMillis(long openedAtMillis) {
        return Math.max(nextAskMillis, Phase.saturatedAdd(openedAtMillis, intervalMillis));
    }

    /**
     * Asks the check if it is due at {@code now} and nobody else is asking it; true only when it answered
     * healthy. {@code clock} gives the moment of the answer (a check may take a while).
     */
    public boolean healthyIfDue(long now, long openedAtMillis, java.time.Clock clock) {
        if (now < nextAskMillis(openedAtMillis) || !asking.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (now < nextAskMillis(openedAtMillis)) {
                return false; // another thread asked between our look and our turn
            }
            nextAskMillis = Phase.saturatedAdd(now, intervalMillis);
            String problem = ask();
            verdict = (problem == null ? "healthy" : "not healthy: " + problem)
                    + " (asked at " + Instant.ofEpochMilli(clock.millis()) + ")";
            events.healthAnswered(problem == null, verdict);
            return problem == null;
        } finally {
            asking.set(false);
        }
    }

    /** @return null when healthy, else what was wrong */
    private String ask() {
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
        try {
            return check.isHealthy() ? null : "it answered false";
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the asking thread's interrupt is not ours to swallow
            }
            return CircuitSnapshot.FailureInfo.of(e, null).describe();
        }
    }

    @Override
    public String toString() {
        return description + (verdict == null ? " (not asked yet)" : ": " + verdict);
    }
}
