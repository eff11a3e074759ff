package dev.tripswitch.internal;

import dev.tripswitch.CircuitSnapshot.Transition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last {@code capacity} transitions of a circuit, kept in the order of their sequence numbers (two
 * threads may append out of order; transitions are rare, so a lock is fine here).
 */
public final class TransitionHistory {

    public static final int DEFAULT_CAPACITY = 32;

    private record Entry(long sequence, Transition transition) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    public TransitionHistory(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(long sequence, Transition transition) {
        entries.addLast(new Entry(sequence, transition));
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized List<Transition> toList() {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparingLong(Entry::sequence));
        return copy.stream().map(Entry::transition).toList();
    }
}
