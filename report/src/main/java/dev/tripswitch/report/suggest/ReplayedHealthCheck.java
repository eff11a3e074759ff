package dev.tripswitch.report.suggest;

import dev.tripswitch.HealthCheck;

/**
 * The health check of a replayed circuit: it answers from the reconstructed availability, at the replay clock's
 * time. The circuit makes it itself (a public class with a public no-argument constructor, as for a user's check) and
 * asks it when its own rules say so; the replay running on the asking thread tells it what to answer from.
 */
public final class ReplayedHealthCheck implements HealthCheck {

    private static final ThreadLocal<Source> CURRENT = new ThreadLocal<>();

    /** What the check answers from while a replay runs on this thread. */
    record Source(Availability availability, ReplayClock clock) {
    }

    /** Called by the circuit (through its reflection); not by user code. */
    public ReplayedHealthCheck() {
    }

    static void answerFrom(Source source) {
        CURRENT.set(source);
    }

    static void done() {
        CURRENT.remove();
    }

    @Override
    public boolean isHealthy() {
        Source s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("asked outside a replay");
        }
        return !s.availability().isDown(s.clock().offset());
    }
}
