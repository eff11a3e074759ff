package dev.tripswitch.bench.outage;

import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * What the shop suites ({@link ShopVisitSuite}, {@link ParallelShopVisits}) run against, set by
 * {@link ShopOutageSuite} before each run (the suites run in this JVM through the JUnit Platform launcher), and
 * the browsers they started.
 */
public final class OutageTarget {

    static volatile URI shop;
    static volatile URI neighbour;
    static volatile int tests = 100;
    static volatile BrowserSession session;

    /** The parallel suite's browsers: one per test thread, all closed after the run. */
    private static final Map<Thread, BrowserSession> PER_THREAD = new ConcurrentHashMap<>();
    private static final List<BrowserSession> STARTED = new CopyOnWriteArrayList<>();

    private OutageTarget() {
    }

    static void set(URI shopBase, URI neighbourBase, int testCount) {
        shop = shopBase;
        neighbour = neighbourBase;
        tests = testCount;
    }

    /** The browser settings of every shop suite. */
    static BrowserSettings browserSettings() {
        return BrowserSettings.chrome().withPageLoadTimeout(Duration.ofSeconds(10))
                .withCommandTimeout(Duration.ofSeconds(30));
    }

    /** Starts a browser, counted and closed with the run's others. */
    static BrowserSession startBrowser() {
        BrowserSession s = BrowserSession.start(browserSettings());
        STARTED.add(s);
        return s;
    }

    /** The calling thread's browser, started on first use (the parallel suite). */
    static BrowserSession browserOfThisThread() {
        return PER_THREAD.computeIfAbsent(Thread.currentThread(), t -> startBrowser());
    }

    /**
     * The visits of one part of the parallel suite: the first half of the tests is split among the parts on the
     * dependency that goes down, the second half among those on the healthy one; numbers are unique in the run.
     */
    static IntStream part(int part, int parts, boolean onNeighbour) {
        int half = tests / 2;
        int count = onNeighbour ? tests - half : half;
        int from = count * part / parts;
        int to = count * (part + 1) / parts;
        int offset = onNeighbour ? half : 0;
        return IntStream.rangeClosed(offset + from + 1, offset + to);
    }

    /** Browsers started by the suites of this run so far (0 before any started). */
    static int browserStarts() {
        return STARTED.stream().mapToInt(BrowserSession::starts).sum();
    }

    /** Closes the parallel suite's browsers and forgets every session of the run. */
    static void closeBrowsers() {
        for (BrowserSession s : STARTED) {
            s.close();
        }
        STARTED.clear();
        PER_THREAD.clear();
        session = null;
    }
}
