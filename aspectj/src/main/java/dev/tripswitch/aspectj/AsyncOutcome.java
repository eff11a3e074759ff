package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitPermit;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** The outcome of a protected method that returns a {@link CompletionStage}: counted when the stage completes. */
final class AsyncOutcome {

    private AsyncOutcome() {
    }

    /**
     * Reports the stage's outcome on {@code permit} when it completes. With {@code dependent} (the method is declared
     * to return exactly {@code CompletionStage} or {@code CompletableFuture}) the caller gets the dependent stage,
     * which completes only after the outcome is recorded; otherwise (a subtype) the caller gets the method's own
     * object and the outcome is recorded beside it. A method that returns {@code null} has no outcome to report:
     * its permit is released.
     */
    static Object track(Object returned, CircuitPermit permit, boolean dependent) {
        if (returned == null) {
            permit.release();
            return null;
        }
        CompletionStage<?> stage = (CompletionStage<?>) returned;
        CompletionStage<?> tracked = stage.whenComplete((value, error) -> {
            if (error == null) {
                permit.onSuccess();
            } else {
                permit.onCallFailure(
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        return dependent ? tracked : returned;
    }
}
