package dev.tripswitch.browser;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A failure a mechanism has put in place: what it did, what was observed, and how to take it away again.
 * {@link #undo(BrowserSession)} runs at most once.
 */
final class ActiveFailure {

    /** Takes a failure away. */
    @FunctionalInterface
    interface Undo {
        void undo(BrowserSession session) throws Exception;
    }

    static final Undo NOTHING = session -> { };

    final String mechanism;
    final boolean verified;
    final String observation;
    /** True when {@link #undo} only uses the mechanism's own DevTools connection, so a timer may run it. */
    final boolean undoableByTimer;
    /** Set when the failure ends by itself after this long whatever the injector does (a bounded hang). */
    final Duration endsByItselfAfter;
    private final Undo undo;
    private final AtomicBoolean undone = new AtomicBoolean();

    ActiveFailure(String mechanism, boolean verified, String observation, boolean undoableByTimer,
                  Duration endsByItselfAfter, Undo undo) {
        this.mechanism = mechanism;
        this.verified = verified;
        this.observation = observation;
        this.undoableByTimer = undoableByTimer;
        this.endsByItselfAfter = endsByItselfAfter;
        this.undo = undo;
    }

    boolean isUndone() {
        return undone.get();
    }

    void undo(BrowserSession session) throws Exception {
        if (undone.compareAndSet(false, true)) {
            undo.undo(session);
        }
    }
}
