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

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Slot.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Slot {
        @SuppressWarnings("unused") // written and read through VALUE
        private long value;
    }

    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::newSlot);
    private volatile long base;

    private Slot newSlot() {
        Slot s = new Slot();
        slots.add(s);
        return s;
    }

    /** Adds one; only the calling thread ever writes its slot, so a release store is enough. */
    public void increment() {
        Slot s = mine.get();
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
