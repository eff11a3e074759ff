package dev.tripswitch.internal;

import dev.tripswitch.store.SharedState;

import java.util.concurrent.atomic.LongAdder;

/**
 * The totals a shared circuit counts in this JVM without asking the store (CLOSED successes, refusals while
 * OPEN, ignored failures), and how much of them the store has been sent. Counting is lock-free (the CLOSED hot
 * path allocates nothing); {@link #unsent()} and {@link #sent} are called under the owning circuit's lock, one
 * store call at a time.
 */
final class PendingTotals {

    private final OwnedSlotCounter successes = new OwnedSlotCounter();
    private final OwnedSlotCounter rejected = new OwnedSlotCounter();
    private final LongAdder ignored = new LongAdder();
    private volatile long sentSuccesses;
    private volatile long sentRejected;
    private volatile long sentIgnored;

    void success() {
        successes.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void ignored() {
        ignored.increment();
    }

    /** What was counted and not sent yet. */
    SharedState.Totals unsent() {
        return new SharedState.Totals(successes.sum() - sentSuccesses, 0, ignored.sum() - sentIgnored,
                rejected.sum() - sentRejected, 0);
    }

    /** The store took {@code t} (an {@link #unsent()} answer). */
    void sent(SharedState.Totals t) {
        sentSuccesses += t.successes();
        sentRejected += t.rejected();
        sentIgnored += t.ignored();
    }

    /** True when something counted has not been sent (a racy look, for the upkeep thread). */
    boolean any() {
        return successes.sum() != sentSuccesses || rejected.sum() != sentRejected || ignored.sum() != sentIgnored;
    }

    /** Forgets everything counted so far (the circuit is reset: its totals start again from zero). */
    void forget() {
        sentSuccesses = successes.sum();
        sentRejected = rejected.sum();
        sentIgnored = ignored.sum();
    }
}
