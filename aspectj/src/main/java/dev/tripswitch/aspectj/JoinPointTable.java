package dev.tripswitch.aspectj;

import org.aspectj.lang.JoinPoint;

import java.util.function.Function;

/**
 * The join-point cache of the aspect: an open-addressing table of static parts compared by identity, read
 * without locks, written (once per join point) by copying under a lock.
 *
 * <p>Why not a {@code ConcurrentHashMap} or {@link System#identityHashCode}: both hash by the object's identity
 * hash, which static parts keep, and in a tight loop that look-up was the largest part of what the woven call adds
 * to a direct {@code circuit.execute} (several ns of about ten). Hashing on the join point's id and source line,
 * fields the static part already holds, costs a few loads.
 */
final class JoinPointTable<V> {

    private record Entry<V>(JoinPoint.StaticPart part, V value) {
    }

    private volatile Entry<V>[] table = newTable(64);
    private int size;

    /** The value for {@code part}, made by {@code make} at its first look-up. */
    V get(JoinPoint.StaticPart part, Function<JoinPoint.StaticPart, V> make) {
        Entry<V>[] t = table;
        int mask = t.length - 1;
        for (int i = hash(part) & mask; ; i = (i + 1) & mask) {
            Entry<V> e = t[i];
            if (e == null) {
                return add(part, make);
            }
            if (e.part == part) {
                return e.value;
            }
        }
    }

    private synchronized V add(JoinPoint.StaticPart part, Function<JoinPoint.StaticPart, V> make) {
        for (Entry<V> e : table) {
            if (e != null && e.part == part) {
                return e.value; // another thread added it first
            }
        }
        V value = make.apply(part);
        Entry<V>[] grown = newTable((size + 1) * 2 > table.length ? table.length * 2 : table.length);
        for (Entry<V> e : table) {
            if (e != null) {
                put(grown, e);
            }
        }
        put(grown, new Entry<>(part, value));
        size++;
        table = grown;
        return value;
    }

    /** Spreads join points over the table: the id (unique within its type) mixed with the source line. */
    private static int hash(JoinPoint.StaticPart part) {
        int h = part.getId() * 0x9E3779B9 + part.getSourceLocation().getLine();
        return h ^ (h >>> 16);
    }

    private static <V> void put(Entry<V>[] t, Entry<V> entry) {
        int mask = t.length - 1;
        int i = hash(entry.part) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = entry;
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newTable(int length) {
        return (Entry<V>[]) new Entry<?>[length];
    }
}
