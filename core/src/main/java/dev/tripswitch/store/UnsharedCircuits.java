package dev.tripswitch.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The circuits of this JVM that were meant to share their state through a store but run on their own, in
 * memory, because the store failed: which circuit, which store (password masked), since when, and the error.
 * A run's summary shows them, so that a run that was not shared never looks as if it was.
 */
public final class UnsharedCircuits {

    /** One circuit that runs unshared. */
    public record Unshared(String circuit, String store, Instant since, String error) {
        /** One line for a run's summary. */
        public String describe() {
            return "Tripswitch: circuit '" + circuit + "' ran unshared (in this JVM only) since " + since
                    + ": store " + store + " failed: " + error;
        }
    }

    private static final Map<String, Unshared> UNSHARED = new ConcurrentSkipListMap<>();

    private UnsharedCircuits() {
    }

    /** Every circuit of this JVM running unshared, by name. */
    public static List<Unshared> all() {
        return List.copyOf(UNSHARED.values());
    }

    /** The entry for {@code circuit}, or {@code null} when it is shared (or never was meant to be). */
    public static Unshared find(String circuit) {
        return UNSHARED.get(circuit);
    }

    /** Notes that {@code circuit} runs unshared from {@code since} (the first note of a circuit stays). */
    public static void note(String circuit, String store, Instant since, String error) {
        UNSHARED.putIfAbsent(circuit, new Unshared(circuit, StoreSettings.mask(store), since, StoreSettings.mask(error)));
    }

    /** Forgets every entry (for tests). */
    public static void clear() {
        UNSHARED.clear();
    }
}
