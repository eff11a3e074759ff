package dev.tripswitch.junit;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The unique ids of protected tests the extension has seen, for {@link UnprotectedTestWarning}: a protected
 * test that finishes without being in here ran without the extension. JVM-wide on purpose, because the
 * launcher listener and the engine share nothing else. Ids are only kept while a warning listener observes
 * a run, and each is removed when checked, so the set stays small. Ids left behind by runs the listener does
 * not see (an EngineTestKit run inside a launcher run) are forgotten when a container above them starts again.
 */
final class HandledTests {

    private static final NavigableSet<String> IDS = new ConcurrentSkipListSet<>();
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

    /** Forgets every id below the container {@code containerId}: its tests have not been asked yet. */
    static void forgetBelow(String containerId) {
        // children's ids are the container's id, '/', then their own segment; '0' is the character after '/'
        IDS.subSet(containerId + "/", true, containerId + "0", false).clear();
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
