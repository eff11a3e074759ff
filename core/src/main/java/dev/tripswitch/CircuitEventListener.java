package dev.tripswitch;

/**
 * Receives what happens on circuits. Implementations are found with {@link java.util.ServiceLoader} (list
 * the class in {@code META-INF/services/dev.tripswitch.CircuitEventListener}) by the global registry,
 * or added by hand to a registry or a single circuit.
 *
 * <p>Contract: methods are called on the thread that caused the event, synchronously; they must be quick and
 * must not call back into the circuit in a way that waits for another thread. An exception thrown by a
 * listener is logged and dropped: it never changes the circuit's state or reaches the caller.
 * {@link #onSuccess} is on the hot path: an implementation that does not need it should not override it.
 */
public interface CircuitEventListener {

    /** The circuit moved from one state to another. */
    default void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition transition) {
    }

    /** A success was recorded. */
    default void onSuccess(CircuitBreaker circuit) {
    }

    /**
     * A failure was reported.
     *
     * @param failure the failure, or {@code null} when recorded without an exception
     * @param counted whether it counted against the circuit ({@code recordOn}/{@code ignoreOn})
     */
    default void onFailure(CircuitBreaker circuit, Throwable failure, boolean counted) {
    }

    /** A call was refused because the circuit is open or every probe slot is taken. */
    default void onRejection(CircuitBreaker circuit) {
    }

    /**
     * The circuit's health check answered (asked while the circuit is OPEN).
     *
     * @param answer the answer as the circuit's snapshot shows it ("healthy (asked at ...)", "not healthy: ...")
     */
    default void onHealthCheck(CircuitBreaker circuit, boolean healthy, String answer) {
    }
}
