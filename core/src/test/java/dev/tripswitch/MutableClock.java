package dev.tripswitch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test says so: circuit timing without sleeping. Thread-safe. Shared with the
 * other modules' tests through core's test jar.
 */
public final class MutableClock extends Clock {

    /** Where clocks made with the no-argument constructor start. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong millis;

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

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
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
