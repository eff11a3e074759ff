package dev.tripswitch;

import dev.tripswitch.internal.Pauser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test says so: circuit timing without sleeping. Thread-safe. Shared with the
 * other modules' tests through core's test jar.
 *
 * <p>It is also the {@link Pauser} of the circuits that use it: a caller waiting on such a circuit
 * ({@link CircuitBreaker#awaitPermission()}) waits until the test moves the clock past its deadline (or the
 * circuit changes), however long that takes in real time, so waiting is tested without races against the
 * real clock.
 */
public final class MutableClock extends Clock implements Pauser {

    /** A paused caller looks again at least this often in real time (a safety net; the clock wakes it). */
    private static final long REAL_RECHECK_MILLIS = 100;

    /** Where clocks made with the no-argument constructor start. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong millis;
    private final Set<Object> pausedOn = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger paused = new java.util.concurrent.atomic.AtomicInteger();

    public MutableClock() {
        this(START);
    }

    public MutableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    public static MutableClock atEpochPlus(Duration d) {
        return new MutableClock(START.plus(d));
    }

    public static MutableClock start() {
        return atEpochPlus(Duration.ZERO);
    }

    /** Moves the clock on and wakes every caller paused on it, so each can see whether its time has come. */
    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
        for (Object monitor : pausedOn) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    @Override
    public void pauseUntil(Object monitor, long untilMillis) throws InterruptedException {
        pausedOn.add(monitor); // before reading the time: an advance after this read will find the monitor
        if (millis.get() < untilMillis) {
            paused.incrementAndGet();
            try {
                monitor.wait(REAL_RECHECK_MILLIS);
            } finally {
                paused.decrementAndGet();
            }
        }
    }

    /** How many threads are pausing on this clock right now (waiting for it to move). */
    public int pausedNow() {
        return paused.get();
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
