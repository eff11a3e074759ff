package dev.tripswitch.samples.shop;

import dev.tripswitch.CircuitOpenException;

import java.util.ArrayList;
import java.util.List;

/**
 * The page-object calls a sample suite saw refused by an open circuit, with how long the refusal took: what the
 * demo prints to show a call refused fast while the shop is down. A suite runner {@linkplain #clear() clears} it
 * before a run and {@linkplain #all() reads} it after.
 */
public final class RefusedCalls {

    /**
     * One refused call.
     *
     * @param call    what was called, e.g. {@code ShopPages.unknownProductIsNotFound}
     * @param nanos   from the call to the refusal reaching the caller
     * @param refusal the exception the page object threw
     */
    public record Refusal(String call, long nanos, CircuitOpenException refusal) {

        /** {@code ShopPages.unknownProductIsNotFound refused in 0.08 ms: circuit 'shop' is OPEN since ...}. */
        public String describe() {
            return String.format("%s refused in %.2f ms: %s", call, nanos / 1_000_000.0, refusal.getMessage());
        }
    }

    private static final List<Refusal> REFUSED = new ArrayList<>();

    private RefusedCalls() {
    }

    /**
     * Runs {@code call}, named {@code name}; a refusal by an open circuit is kept (with its duration) and thrown
     * on unchanged, so the test around it meets it as it would without this log. Any other outcome passes through.
     */
    public static void timed(String name, Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (CircuitOpenException refused) {
            long nanos = System.nanoTime() - start;
            synchronized (REFUSED) {
                REFUSED.add(new Refusal(name, nanos, refused));
            }
            throw refused;
        }
    }

    /** The refusals kept since the last {@link #clear()}, in the order they happened. */
    public static List<Refusal> all() {
        synchronized (REFUSED) {
            return List.copyOf(REFUSED);
        }
    }

    public static void clear() {
        synchronized (REFUSED) {
            REFUSED.clear();
        }
    }
}
