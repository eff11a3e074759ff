package dev.tripswitch.junit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The unique ids of protected tests the extension has seen, for {@link UnprotectedTestWarning}: a protected
 * test that finishes without being in here ran without the extension. JVM-wide on purpose, because the
 * launcher listener and the engine share nothing else. Ids are only kept while a warning listener observes
 * a run, and each is removed when checked, so the set stays small.
 */
final class HandledTests {

    private static final Set<String> IDS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger OBSERVERS = new AtomicInteger();

    private HandledTests() {
    }

    static void handled(String uniqueId) {
        if (OBSERVERS.get() > 0) {
            IDS.add(uniqueId);
        }
    }

    /** True if the extension saw the test; forgets it. */
    static boolean checkAndForget(String uniqueId) {
        return IDS.remove(uniqueId);
    }

    static void observerStarted() {
        OBSERVERS.incrementAndGet();
    }

    static void observerFinished() {
        if (OBSERVERS.decrementAndGet() <= 0) {
            IDS.clear();
        }
    }
}
