package dev.tripswitch.report.suggest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a replay: it reads what the replay set it to, and moves only when the replay moves it. The replayed
 * circuit takes all its timing from it (when it opened, when a probe falls due, when its health check may be asked),
 * so a run of minutes replays in microseconds, the same every time. Used by one thread.
 */
final class ReplayClock extends Clock {

    /** Where every replay starts: the part's start, as milliseconds from here. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private long offsetMillis;

    /** Milliseconds since the replayed part started. */
    long offset() {
        return offsetMillis;
    }

    /** Moves the clock to {@code offsetMillis} from the part's start; never backwards. */
    void moveTo(long offset) {
        offsetMillis = Math.max(offsetMillis, offset);
    }

    void advance(long millis) {
        moveTo(offsetMillis + Math.max(0, millis));
    }

    @Override
    public long millis() {
        return START.toEpochMilli() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
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
