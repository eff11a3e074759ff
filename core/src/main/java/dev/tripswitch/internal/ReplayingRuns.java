package dev.tripswitch.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of the runs of this JVM that can run tests again (replaying runs, from their start to their end), so that
 * what is said of a circuit that defers its tests ({@code whenOpen = REPLAY}) matches what happens to them: deferred
 * while such a run goes on, skipped otherwise.
 */
public final class ReplayingRuns {

    private static final Set<String> IDS = ConcurrentHashMap.newKeySet();

    private ReplayingRuns() {
    }

    public static void started(String id) {
        IDS.add(id);
    }

    public static void ended(String id) {
        IDS.remove(id);
    }

    /** Whether a replaying run is going on in this JVM. */
    public static boolean any() {
        return !IDS.isEmpty();
    }
}
