package dev.tripswitch.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An exact counter for the hot path: each thread increments a slot of its own with a plain store (no locked
 * instruction, no contention), and {@link #sum()} adds the slots up. A slot is allocated once per thread per
 * counter; it outlives its thread, so no count is ever lost. Reads see every increment that happened-before
 * them (for example those of threads that were joined) and may miss ones still in flight, like
 * {@link java.util.concurrent.atomic.LongAdder}.
 */
public final class OwnedSlotCounter {

    private static final VarHandle VALUE;
    private static final VarHandle CACHED = MethodHandles.arrayElementVarHandle(Slot[].class);
    /** Cache entries: a power of two. */
    private static final int CACHE_SIZE = 64;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Value.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // A slot is padded to whole cache lines on both sides: slots of different threads are allocated one after
    // the other, and two of them on one cache line would make every increment contend (false sharing).
    // Padding through superclasses, because the JVM does not reorder fields across a class hierarchy.
    @SuppressWarnings("unused")
    private static class PadBefore {
        long p1, p2, p3, p4, p5, p6, p7, p8;
    }

    @SuppressWarnings("unused")
    private static class Value extends PadBefore {
        long value; // written and read through VALUE
    }

    @SuppressWarnings("unused")
    private static final class Slot extends Value {
        final long ownerId; // Thread ids are never reused within one JVM
        long q1, q2, q3, q4, q5, q6, q7, q8;

        Slot(long ownerId) {
            this.ownerId = ownerId;
        }
    }

    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::newSlot);
    // A direct-mapped cache from thread id to slot, in front of the ThreadLocal: one array load and one
    // compare instead of the ThreadLocal's longer chain of loads. An entry is claimed once and kept; threads
    // whose entry another thread holds use their ThreadLocal slot. A stale read only sends a thread the long way.
    private final Slot[] cache = new Slot[CACHE_SIZE];
    private volatile long base;

    private Slot newSlot() {
        Slot s = new Slot(Thread.currentThread().getId());
        slots.add(s);
        return s;
    }

    /** Adds one; only the calling thread ever writes its slot, so a release store is enough. */
    public void increment() {
        long id = Thread.currentThread().getId();
        Slot s = cache[(int) id & (CACHE_SIZE - 1)];
        if (s == null || s.ownerId != id) {
            s = mine.get();
            CACHED.compareAndSet(cache, (int) id & (CACHE_SIZE - 1), null, s);
        }
        VALUE.setRelease(s, (long) VALUE.get(s) + 1);
    }

    /** The count since creation or the last {@link #reset()}. */
    public long sum() {
        long total = 0;
        for (Slot s : slots) {
            total += (long) VALUE.getAcquire(s);
        }
        return total - base;
    }

    /** Starts counting from zero again (slots are never written by another thread: the reset is a baseline). */
    public synchronized void reset() {
        long total = 0;
        for (Slot s : slots) {
            total += (long) VALUE.getAcquire(s);
        }
        base = total;
    }
}
