package dev.tripswitch.bench.sim;

import java.util.PriorityQueue;

/** A virtual clock and its event queue: events run in time order (ties in scheduling order); time only jumps. */
public final class EventQueue {

    private record Event(double at, long seq, Runnable action) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Double.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private double now;
    private long seq;

    /** Virtual milliseconds since the start. */
    public double now() {
        return now;
    }

    public void at(double time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + now);
        }
        queue.add(new Event(time, seq++, action));
    }

    public void after(double delay, Runnable action) {
        at(now + delay, action);
    }

    /** Runs events until none is left. */
    public void run() {
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            now = e.at;
            e.action.run();
        }
    }
}
